import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";

declare module "vfile" {
  interface DataMap {
    /** Prefix for every id of the chapter, so chapters in one document cannot clash. */
    idPrefix: string;
  }
}

/**
 * All chapters share one HTML document in the printed book: each chapter's ids (headings' `{#id}`,
 * footnotes, the footnote heading, anchors in raw HTML) get the chapter's prefix. Links are resolved
 * once every chapter is parsed (cross-references.ts), since they may point into another chapter.
 */
export default function rehypePrefixIds() {
  return (tree: Root, file: VFile) => {
    const prefix = file.data.idPrefix ?? "";
    visit(tree, "element", (node: Element) => {
      const { properties } = node;
      if (typeof properties.id === "string") properties.id = prefix + properties.id;
      if (Array.isArray(properties.ariaDescribedBy)) properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) => prefix + String(id));
    });
  };
}
