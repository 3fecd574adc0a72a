import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { noteLabels } from "./remark-admonitions.ts";

/**
 * A `<details>` opens with its `<summary>`: without one the browser draws its own “Details”,
 * words that are in no text the book prints (the text check would find them added). The PDFs
 * print every details open with its summary as a small heading (notes-boxes.css); the EPUBs keep
 * it to fold.
 */
export default function rehypeDetails(word: (text: string) => string) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "details") return;
      const summaryIndex = node.children.findIndex((child) => child.type === "element" && child.tagName === "summary");
      const summary: Element = summaryIndex === -1 ? { type: "element", tagName: "summary", properties: {}, children: [{ type: "text", value: word(noteLabels.details) }] } : (node.children.splice(summaryIndex, 1)[0] as Element);
      node.children.unshift(summary);
    });
  };
}
