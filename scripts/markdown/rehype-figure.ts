import type { Element, Root } from "hast";
import { SKIP, visit } from "unist-util-visit";

/**
 * An image standing alone in its paragraph is a figure: it becomes `<figure>` with its description
 * (the Markdown alt text) as the caption, in the printed books and the EPUBs alike; inside a
 * `<figure>` written in HTML it stays an image, the figure having its own caption.
 */
export default function rehypeFigure() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "figure") return SKIP;
      if (node.tagName !== "p" || !parent || index === undefined) return;
      const content = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
      const image = content[0];
      if (content.length !== 1 || image?.type !== "element" || image.tagName !== "img") return;
      const alt = String(image.properties.alt ?? "").trim();
      const caption: Element[] = alt ? [{ type: "element", tagName: "figcaption", properties: {}, children: [{ type: "text", value: alt }] }] : [];
      parent.children[index] = { type: "element", tagName: "figure", properties: {}, children: [image, ...caption] };
    });
  };
}
