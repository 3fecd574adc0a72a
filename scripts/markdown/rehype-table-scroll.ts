import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/**
 * Each table in a box of its own (`div.table-scroll`): in the EPUBs a table wider than the reader's
 * screen scrolls inside it (styles/epub.css) instead of running off the page; the PDFs fit their
 * tables to the text area instead (scripts/typeset/wide-tables.browser.js).
 */
export default function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "table" || !parent || index === undefined) return;
      parent.children[index] = { type: "element", tagName: "div", properties: { className: ["table-scroll"] }, children: [node] };
    });
  };
}
