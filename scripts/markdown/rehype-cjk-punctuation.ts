import type { Element, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";

const han = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…]/u;
const fullWidthOf: Record<string, string> = { ",": "，", ";": "；", ":": "：", "!": "！", "?": "？" };

/** Opening ASCII mark → [its closing mark, full-width opening, full-width closing]. */
const pairs: Record<string, [string, string, string]> = {
  "(": [")", "（", "）"],
  '"': ['"', "“", "”"],
};

const isHanLike = (character: string | undefined) => character !== undefined && han.test(character);

/**
 * Half-width punctuation typed between Chinese characters (common when text comes from a Western
 * keyboard) sits low and narrow in Chinese lines. clreq asks for the full-width forms; a mark is
 * converted only where its neighbours make it clearly Chinese, so "3.5", "10:30", apostrophes and English stay.
 */
export function normalizeCjkPunctuation(text: string, before = "", after = ""): string {
  const characters = [...before, ...text, ...after];
  const start = [...before].length;
  const end = characters.length - [...after].length;
  const out = [...characters];
  for (let index = start; index < end; index++) {
    const character = characters[index]!;
    const previous = characters[index - 1];
    const next = characters[index + 1];
    if (character in fullWidthOf && (isHanLike(previous) || isHanLike(next))) {
      out[index] = fullWidthOf[character]!;
    } else if (character in pairs && out[index] === character) {
      const [closing, open, close] = pairs[character]!;
      const closeIndex = characters.indexOf(closing, index + 1);
      const inside = closeIndex === -1 ? [] : characters.slice(index + 1, closeIndex);
      if (closeIndex !== -1 && closeIndex < end && (isHanLike(previous) || inside.some((c) => isHanLike(c)))) {
        out[index] = open;
        out[closeIndex] = close;
      }
    }
  }
  return out.slice(start, end).join("");
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

function lastOrFirstText(element: Element, direction: -1 | 1): string {
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
