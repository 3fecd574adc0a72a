import type { Element, ElementContent } from "hast";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { SKIP, visit } from "unist-util-visit";

/**
 * GFM footnotes as page footnotes (页下注) for Paged.js: each call (`<sup><a data-footnote-ref>`)
 * becomes the note itself, a `span.footnote` that the stylesheet floats to the foot of the page
 * (`float: footnote`), where Paged.js numbers call and note afresh on every page; the chapter-end
 * list goes. A note's paragraphs become `span.footnote-paragraph` (a block inside a paragraph would
 * end it); other blocks in a note (lists, code) keep their text. A note cited twice is printed at
 * each call, so that it is on every page that cites it. Works on a copy; the tree is shared.
 */
export function pageNotes(section: Element): Element {
  const copy = structuredClone(section);
  const notes = new Map<string, ElementContent[]>();
  visit(copy, "element", (node: Element, index, parent) => {
    if (node.properties.dataFootnotes === undefined) return;
    visit(node, "element", (item: Element) => {
      if (item.tagName === "li" && typeof item.properties.id === "string") notes.set(item.properties.id, noteContent(item));
    });
    parent!.children.splice(index!, 1);
    return [SKIP, index!];
  });
  visit(copy, "element", (node: Element, index, parent) => {
    const id = String(noteCall(node)?.properties.href).slice(1);
    const content = notes.get(id);
    if (!content) return;
    parent!.children[index!] = h("span.footnote", { dataNote: id }, structuredClone(content));
    return SKIP;
  });
  return copy;
}

/** The link of a GFM footnote call (`<sup><a data-footnote-ref>`), if `node` is one. */
export function noteCall(node: Element): Element | undefined {
  return node.tagName === "sup" ? node.children.find((child): child is Element => child.type === "element" && child.properties.dataFootnoteRef !== undefined) : undefined;
}

/** A note's blocks as inline spans, without the links back to the text (on paper the number says where it belongs). */
function noteContent(item: Element): ElementContent[] {
  return item.children.flatMap((block): ElementContent[] => {
    if (block.type !== "element") return [];
    const inline = block.tagName === "p" ? block.children.filter((child) => !(child.type === "element" && child.properties.dataFootnoteBackref !== undefined)) : [{ type: "text" as const, value: toText(block) }];
    return [h("span.footnote-paragraph", trimEnd(inline))];
  });
}

/** GFM puts spaces before and between the back links; without the links they would end the note. */
function trimEnd(children: ElementContent[]): ElementContent[] {
  const kept = [...children];
  while (kept.at(-1)?.type === "text" && !(kept.at(-1) as { value: string }).value.trim()) kept.pop();
  const last = kept.at(-1);
  if (last?.type === "text") kept[kept.length - 1] = { ...last, value: last.value.trimEnd() };
  return kept;
}
