import type { Element, ElementContent, Root, Text } from "hast";
import { closest } from "fastest-levenshtein";
import { h } from "hastscript";
import type { Point } from "unist";
import { SKIP, visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";

/** One work cited, with the place in it (Pandoc's locator: `[@smith2014, 第12页]`). */
export interface Cite {
  key: string;
  locator?: string;
}

/** A citation as written: `[@a; @b, 第12页]` in parentheses (or a superscript number), or `@a` named in the sentence. */
export interface CitationMatch {
  start: number;
  end: number;
  cites: Cite[];
  narrative: boolean;
}

/**
 * A key as Pandoc reads it: letters, digits and `_`, with `:.#$%&-+?<>~/` inside, but no Han
 * characters, since in Chinese text the sentence runs on right after the key (`@smith2014的研究`).
 */
const key = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}_])(?:(?:(?!\p{Script=Han})[\p{L}\p{N}_])|[:.#$%&\-+?<>~/](?=(?!\p{Script=Han})[\p{L}\p{N}_]))*`;
const bracketed = /\[([^[\]]*@[^[\]]*)\]/gu;
const citeInBrackets = new RegExp(String.raw`^\s*@(${key})\s*(?:,\s*(.*?))?\s*$`, "u");
/** `@key` in running text, not part of an e-mail address or a path. */
const inText = new RegExp(String.raw`(?<![\p{L}\p{N}_.%+\-@/])@(${key})`, "gu");
/** Cross-references (`@fig-basin`, `[@tbl-cities]`) share the syntax; they are not citations. */
const crossReference = /^(fig|tbl|eq|sec|lst)-/;

/**
 * The citations in a text, in Pandoc's syntax: bracketed ones always (an unknown key is for the
 * caller to report), `@key` in running text only when `isKey(key)`, so that @mentions stay text.
 */
export function findCitations(text: string, isKey: (key: string) => boolean): CitationMatch[] {
  const found: CitationMatch[] = [];
  for (const match of text.matchAll(bracketed)) {
    const cites = match[1]!.split(";").map((part) => citeInBrackets.exec(part));
    if (cites.some((cite) => !cite || crossReference.test(cite[1]!))) continue;
    found.push({ start: match.index, end: match.index + match[0].length, narrative: false, cites: cites.map((cite) => ({ key: cite![1]!, ...(cite![2] ? { locator: cite![2] } : {}) })) });
  }
  for (const match of text.matchAll(inText)) {
    if (!isKey(match[1]!) || found.some(({ start, end }) => match.index >= start && match.index < end)) continue;
    found.push({ start: match.index, end: match.index + match[0].length, narrative: true, cites: [{ key: match[1]! }] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Where citations are not: code, links (a link's text is its own), formulas' sources, raw scripts. */
const literal = new Set(["a", "code", "pre", "kbd", "samp", "script", "style", "math", "svg"]);

/** The point `offset` characters into a text node that begins at `start`. */
function pointIn(text: string, start: Point, offset: number): Point {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return lines.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/**
 * Marks each citation as a `span.citation` holding the works it cites (`data-cites`, JSON) until
 * the book's citations are numbered (citations.ts). `keys`: the bibliography's keys; without a
 * bibliography, a bracketed citation stays text with a warning.
 */
export default function rehypeCitations(keys: readonly string[] | undefined) {
  const known = new Set(keys);
  return (tree: Root, file: VFile) => {
    visitParents(tree, "text", (node: Text, ancestors) => {
      if (ancestors.some((ancestor) => ancestor.type === "element" && (literal.has(ancestor.tagName) || ancestor.properties.dataTex !== undefined))) return undefined;
      const matches = findCitations(node.value, (candidate) => known.has(candidate));
      if (matches.length === 0) return undefined;
      const start = node.position?.start;
      const at = (offset: number) => (start ? pointIn(node.value, start, offset) : undefined);
      if (!keys) {
        for (const match of matches) warn(file, `Unexpected citation \`${node.value.slice(match.start, match.end)}\` in a book without a bibliography, expected \`bibliography: refs.bib\` (BibTeX, CSL-JSON or CSL-YAML) in book.yaml: it is printed as written`, at(match.start), "citation-without-bibliography");
        return undefined;
      }
      const parts: ElementContent[] = [];
      let last = 0;
      for (const match of matches) {
        for (const { key } of match.cites.filter(({ key }) => !known.has(key))) {
          error(file, `Unexpected citation key \`${key}\`, expected a key of the bibliography: did you mean \`${closest(key, [...known])}\`?`, at(match.start), "citation-key");
        }
        if (match.start > last) parts.push({ type: "text", value: node.value.slice(last, match.start) });
        const written = node.value.slice(match.start, match.end);
        const citation = h("span.citation", { dataCites: JSON.stringify(match.cites), ...(match.narrative ? { dataNarrative: "" } : {}) }, written);
        if (start) citation.position = { start: at(match.start)!, end: at(match.end)! };
        parts.push(citation);
        last = match.end;
      }
      if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
      const parent = ancestors.at(-1) as Element | Root;
      const index = parent.children.indexOf(node);
      parent.children.splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}
