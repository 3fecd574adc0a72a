import type { Element } from "hast";
import { visit } from "unist-util-visit";
import type { LinkTarget } from "../markdown/cross-references.ts";

/**
 * Links in a chapter of the EPUB, where every chapter is a file of its own: a link to another
 * chapter names that file; an EPUB has no pages, so a link that prints a page number (第{page}页)
 * shows the target's title instead, in quotes. Works on a copy; the tree is shared.
 */
export function epubLinks(section: Element, ownChapter: number, targets: ReadonlyMap<string, LinkTarget>, fileOf: (chapter: number) => string): Element {
  const copy = structuredClone(section);
  visit(copy, "element", (node: Element) => {
    const href = node.tagName === "a" ? node.properties.href : undefined;
    const target = typeof href === "string" && href.startsWith("#") ? targets.get(href.slice(1)) : undefined;
    if (!target) return;
    if (target.chapter !== ownChapter) node.properties.href = `${fileOf(target.chapter)}${href}`;
    let printsPage = false;
    visit(node, "element", (inner: Element) => void (printsPage ||= inner.properties.dataPageRef !== undefined));
    if (printsPage) node.children = [{ type: "text", value: `“${target.title}”` }];
  });
  return copy;
}
