import type { Element, ElementContent, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";

/** A number of one or two digits standing alone (not part of 16.5, 1000, M0 or 40%). */
const shortNumber = /(?<![\p{Nd}A-Za-z.,%])\p{Nd}{1,2}(?![\p{Nd}A-Za-z.,%])/gu;

const codeLike = new Set(["code", "pre", "kbd", "samp"]);

/** Splits a text into text and `<span class="tcy">` parts around its short numbers. */
export function markShortNumbers(value: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(shortNumber)) {
    if (match.index > last) parts.push({ type: "text", value: value.slice(last, match.index) });
    parts.push({ type: "element", tagName: "span", properties: { className: ["tcy"] }, children: [{ type: "text", value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ type: "text", value: value.slice(last) });
  return parts;
}

/**
 * Marks 1–2 digit numbers for tate-chu-yoko (纵中横): in vertical text clreq sets them across the
 * column (8月20日). Horizontal layouts ignore the mark, so one tree serves every layout.
 */
export default function rehypeTateChuYoko() {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === "element" && codeLike.has((node as Element).tagName)) return SKIP;
      if (node.type !== "text" || !parent || index === undefined) return undefined;
      const parts = markShortNumbers((node as Text).value);
      if (parts.length === 1 && parts[0]!.type === "text") return undefined;
      parent.children.splice(index, 1, ...(parts as typeof parent.children));
      return index + parts.length;
    });
  };
}
