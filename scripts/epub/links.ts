import type { Element } from "hast";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import type { ParsedChapter } from "../markdown/parse.ts";

/** Where each id of the book is in the EPUB: its chapter's file and its text (a heading's title). */
export function epubTargets(chapters: readonly ParsedChapter[], fileOf: (chapter: number) => string): Map<string, { file: string; title: string }> {
  const targets = new Map<string, { file: string; title: string }>();
  chapters.forEach((chapter, index) =>
    visit(chapter.tree, "element", (node: Element) => {
      if (typeof node.properties.id === "string") targets.set(node.properties.id, { file: fileOf(index), title: toText(node).trim() });
    }),
  );
  return targets;
}

/**
 * Links in a chapter of the EPUB, where every chapter is a file of its own: a link to another
 * chapter names that file; an EPUB has no pages, so a link that prints a page number (第{page}页)
 * shows the target's title instead, in quotes. Works on a copy; the tree is shared.
 */
export function epubLinks(section: Element, ownFile: string, targets: ReadonlyMap<string, { file: string; title: string }>): Element {
  const copy = structuredClone(section);
  visit(copy, "element", (node: Element) => {
    const href = node.tagName === "a" ? node.properties.href : undefined;
    const target = typeof href === "string" && href.startsWith("#") ? targets.get(href.slice(1)) : undefined;
    if (!target) return;
    if (target.file !== ownFile) node.properties.href = `${target.file}${href}`;
    let printsPage = false;
    visit(node, "element", (inner: Element) => void (printsPage ||= inner.properties.dataPageRef !== undefined));
    if (printsPage) node.children = [{ type: "text", value: `“${target.title}”` }];
  });
  return copy;
}
