import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/** GFM column alignment as CSS: `align` is obsolete in HTML5 and refused in EPUB 3. */
export default function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if ((node.tagName !== "td" && node.tagName !== "th") || node.properties.align === undefined) return;
      node.properties.style = `text-align: ${String(node.properties.align)}`;
      delete node.properties.align;
    });
  };
}
