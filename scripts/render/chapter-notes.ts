import type { Element } from "hast";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { SKIP, visit } from "unist-util-visit";
import { noteCall } from "./page-notes.ts";

/** ① to ㊿: the numbers a note call can carry as one upright character, in vertical text as well. */
const circled = [..."①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"];

/**
 * Chapter-end notes (章后注) in the PDFs: each call (`<sup><a data-footnote-ref>16</a></sup>`)
 * carries its note's number as a circled number, as the list of notes does (styles/notes.css),
 * instead of superscript digits, which would lie sideways in a vertical column. Numbers beyond ㊿
 * stay digits. Works on a copy; the tree is shared.
 */
export function circledNoteCalls(section: Element): Element {
  const copy = structuredClone(section);
  visit(copy, "element", (node: Element, index, parent) => {
    const call = noteCall(node);
    const number = call ? Number(toText(call)) : Number.NaN;
    if (!call || !(number >= 1 && number <= circled.length)) return;
    parent!.children[index!] = h("a.footnote-call", { href: call.properties.href, id: call.properties.id }, circled[number - 1]);
    return SKIP;
  });
  return copy;
}
