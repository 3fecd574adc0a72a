import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/**
 * `align` as CSS: it is obsolete in HTML5 and refused in EPUB 3 (epub-gen-memory drops it with a
 * warning per element, and the EPUB would lose what the PDF shows). It comes from GFM column
 * alignment and from raw HTML such as docsify's and GitHub READMEs' `<div align=center>` around
 * figures and captions. Only the elements whose `align` aligns their text are converted; on `img`
 * or `table` it floats or places the element, which the book's own styles decide.
 */
const textAligned = new Set(["div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "thead", "tbody", "tfoot", "caption"]);
/** Chromium reads `middle` as `center`; other values mean nothing and are dropped. */
const alignments: Record<string, string> = { left: "left", right: "right", center: "center", middle: "center", justify: "justify" };

export default function rehypeAlign() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (!textAligned.has(node.tagName) || node.properties.align === undefined) return;
      const alignment = alignments[String(node.properties.align).trim().toLowerCase()];
      if (alignment) node.properties.style = `text-align: ${alignment}`;
      delete node.properties.align;
    });
  };
}
