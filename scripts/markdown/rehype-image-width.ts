import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/** `300`, `300px` or `50%`: the widths an `<img width>` is written with. */
const width = /^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*$/;

/**
 * An `<img width=…>` is printed that wide, but never wider than the text area. The stylesheets size
 * images with `inline-size: auto`, which would override the attribute, so the width becomes the
 * image's own style; `max-inline-size: 100%` (base.css) still holds.
 */
export default function rehypeImageWidth() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "img" || node.properties.width === undefined) return;
      const match = width.exec(String(node.properties.width));
      if (match) node.properties.style = `width: min(${match[1]}${match[2] ?? "px"}, 100%)`;
      // HTML's width attribute is a whole number of pixels; `50%` or `300px` (Pandoc's `{width="50%"}`) is invalid in an EPUB, and the style holds the width.
      if (!/^\s*\d+\s*$/.test(String(node.properties.width))) delete node.properties.width;
    });
  };
}
