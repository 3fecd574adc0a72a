import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/**
 * The obsolete `<center>` (still common in Markdown sites: a poem, a caption) is not in the
 * sanitizing schema, which unwrapped it and set its text flush left. Browsers centre it, so it
 * becomes the `<div align="center">` it stands for, which rehype-align makes CSS. Runs before the
 * sanitizer.
 */
export default function rehypeCenter() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "center") return;
      node.tagName = "div";
      node.properties = { ...node.properties, align: "center" };
    });
  };
}
