import type { Element } from "hast";
import { visit } from "unist-util-visit";

/**
 * GFM footnotes as EPUB footnotes: the reference marked `noteref`, each note an `aside` marked
 * `footnote`, so reading systems can show it as a pop-up. Works on a copy; the tree is shared.
 */
export function epubFootnotes(section: Element): Element {
  const copy = structuredClone(section);
  visit(copy, "element", (node: Element) => {
    if (node.properties.dataFootnoteRef !== undefined) {
      delete node.properties.dataFootnoteRef;
      node.properties["epub:type"] = "noteref";
      node.properties.role = "doc-noteref";
    }
    if (node.properties.dataFootnoteBackref !== undefined) {
      delete node.properties.dataFootnoteBackref;
      node.properties.role = "doc-backlink";
    }
    if (node.properties.dataFootnotes !== undefined) {
      delete node.properties.dataFootnotes;
      node.properties["epub:type"] = "footnotes";
      node.properties.role = "doc-endnotes";
      node.children = node.children.flatMap((child) =>
        child.type === "element" && child.tagName === "ol"
          ? child.children.flatMap((item) =>
              item.type === "element" && item.tagName === "li"
                ? [{ ...item, tagName: "aside", properties: { ...item.properties, "epub:type": "footnote", role: "doc-footnote" } }]
                : [],
            )
          : [child],
      );
    }
  });
  return copy;
}
