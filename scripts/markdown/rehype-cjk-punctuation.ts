import type { Element, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";
import { atom, halfwidthPunctuation } from "./cjk-punctuation.ts";

/**
 * Half-width punctuation in Chinese text sits low and narrow in Chinese lines; clreq asks for the
 * full-width forms. The marks are those the lint finds (cjk-punctuation.ts), so "3.5", "10:30",
 * apostrophes and English stay; straight quotes around Chinese become “”, which the lint leaves to
 * its quote-style rule. `before` and `after` are the characters beside the text, only read.
 */
export function normalizeCjkPunctuation(text: string, before = "", after = ""): string {
  let out = text;
  for (const { index, fullWidth } of halfwidthPunctuation(text, { before, after, straightQuotes: true }).reverse()) {
    out = out.slice(0, index) + fullWidth + out.slice(index + 1);
  }
  return out;
}

const codeLike = new Set(["code", "pre", "kbd", "samp", "script", "style"]);

/** Applies `normalizeCjkPunctuation` to every text node outside code, looking across inline markup. */
export default function rehypeCjkPunctuation() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (codeLike.has(node.tagName)) return SKIP;
      const texts = node.children.filter((child): child is Text => child.type === "text");
      for (const text of texts) {
        const index = node.children.indexOf(text);
        text.value = normalizeCjkPunctuation(text.value, neighbourText(node, index, -1), neighbourText(node, index, 1));
      }
      return undefined;
    });
  };
}

function neighbourText(parent: Element, index: number, direction: -1 | 1): string {
  const sibling = parent.children[index + direction];
  if (!sibling) return "";
  const value = sibling.type === "text" ? sibling.value : sibling.type === "element" ? lastOrFirstText(sibling, direction) : "";
  const characters = [...value];
  return (direction === -1 ? characters.at(-1) : characters[0]) ?? "";
}

/** The text at one end of an element; code stands for itself as an atom, as the lint reads it. */
function lastOrFirstText(element: Element, direction: -1 | 1): string {
  if (codeLike.has(element.tagName)) return atom;
  const children = direction === -1 ? [...element.children].reverse() : element.children;
  for (const child of children) {
    if (child.type === "text" && child.value) return child.value;
    if (child.type === "element") {
      const inner = lastOrFirstText(child, direction);
      if (inner) return inner;
    }
  }
  return "";
}
