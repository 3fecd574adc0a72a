import type { Element, ElementContent, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";

const codeLike = new Set(["code", "pre", "kbd", "samp"]);

/** `value` as text and `<span class="…">` parts around the matches of the global `pattern` that `keep` accepts. */
export function wrapMatches(value: string, pattern: RegExp, className: string, keep: (match: string) => boolean = () => true): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    if (!keep(match[0])) continue;
    if (match.index > last) parts.push({ type: "text", value: value.slice(last, match.index) });
    parts.push({ type: "element", tagName: "span", properties: { className: [className] }, children: [{ type: "text", value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ type: "text", value: value.slice(last) });
  return parts;
}

/** Each text of `tree` outside code replaced by its parts from `wrap` (which `wrapMatches` makes). */
export function wrapTexts(tree: Root | Element, wrap: (value: string) => ElementContent[]): void {
  visit(tree, (node, index, parent) => {
    if (node.type === "element" && codeLike.has((node as Element).tagName)) return SKIP;
    if (node.type !== "text" || !parent || index === undefined) return undefined;
    const parts = wrap((node as Text).value);
    if (parts.length === 1 && parts[0]!.type === "text") return undefined;
    parent.children.splice(index, 1, ...(parts as typeof parent.children));
    // The new spans hold the matches already: the visit goes on after them.
    return index + parts.length;
  });
}
