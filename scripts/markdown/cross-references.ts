import type { Element, ElementContent, Root } from "hast";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

/** A chapter as the cross-reference stage sees it: its file (for messages) and its tree. */
export interface LinkedChapter {
  file: VFile;
  tree: Root;
}

/** Where an id of the book is: the chapter that holds it and the element's text (a heading's title). */
export interface LinkTarget {
  chapter: number;
  title: string;
}

const pagePlaceholder = "{page}";
const titlePlaceholder = "{title}";

/**
 * Links inside the book, resolved across chapters. Every id of a chapter carries the chapter's
 * prefix (`c2-sec-method`), so that chapters can share one document; a link is written with the id
 * as the author gave it (`#sec-method`, from `## 方法 {#sec-method}`) and points at that id in its
 * own chapter, or else in the one chapter that has it. In the link's text, `{title}` becomes the
 * target's text and `{page}` a page reference (`span.page-ref`), whose number the typesetter fills
 * in. A link to an id that no chapter has, or that several others have, is an error at the link.
 */
export function resolveCrossReferences(chapters: readonly LinkedChapter[], prefixOf: (chapter: number) => string): void {
  const targets = linkTargets(chapters);
  chapters.forEach(({ file, tree }, chapter) =>
    visit(tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? node.properties.href : undefined;
      if (typeof href !== "string" || !href.startsWith("#")) return;
      // An id may be written as it is or percent-encoded (GFM encodes footnote labels such as `[^译注]`).
      const written = decodeFragment(href.slice(1));
      const forms = [...new Set([href.slice(1), written])];
      const own = forms.map((form) => prefixOf(chapter) + form).find((id) => targets.has(id));
      const elsewhere = chapters.flatMap((_, other) => forms.map((form) => prefixOf(other) + form).filter((id) => targets.has(id)));
      const id = own ?? (elsewhere.length === 1 ? elsewhere[0] : undefined);
      if (!id) {
        const reason = elsewhere.length > 1 ? `an id that ${elsewhere.length} chapters have` : "an id that no heading or anchor of the book has";
        error(file, `Unexpected link to \`#${written}\` (${reason}), expected the id of one heading of the book, written after it as \`## 标题 {#${written}}\`; check the spelling or give the headings different ids`, node, "cross-reference");
        return;
      }
      node.properties.href = `#${id}`;
      const target = targets.get(id)!;
      node.children = fillPlaceholders(node.children, id, target.title);
    }),
  );
}

/** Every id of the book (with its chapter's prefix) with its chapter and text. */
export function linkTargets(chapters: readonly Pick<LinkedChapter, "tree">[]): Map<string, LinkTarget> {
  const targets = new Map<string, LinkTarget>();
  chapters.forEach(({ tree }, chapter) =>
    visit(tree, "element", (node: Element) => {
      if (typeof node.properties.id === "string") targets.set(node.properties.id, { chapter, title: toText(node).trim() });
    }),
  );
  return targets;
}

/** `{title}` as the target's text and `{page}` as a page reference, in the link's text nodes. */
function fillPlaceholders(children: ElementContent[], id: string, title: string): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type === "element") return [{ ...child, children: fillPlaceholders(child.children, id, title) }];
    if (child.type !== "text" || !child.value.includes("{")) return [child];
    return child.value
      .replaceAll(titlePlaceholder, title)
      .split(pagePlaceholder)
      .flatMap((text, index): ElementContent[] => [...(index > 0 ? [h("span.page-ref", { dataPageRef: id })] : []), ...(text ? [{ type: "text" as const, value: text }] : [])]);
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
