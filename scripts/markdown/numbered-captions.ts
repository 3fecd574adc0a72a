import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { FilePlace } from "../book/load.ts";
import type { BookConfig } from "../book/schema.ts";
import { error } from "../diagnostics.ts";
import { markShortNumbers } from "./rehype-tate-chu-yoko.ts";

export type CaptionOptions = Pick<BookConfig, "numbering" | "numberAll">;

/** What is numbered, with the word its number is printed after, in Simplified Chinese (the book's wording converts it). */
export const numberedKinds = {
  figure: { word: "图" },
  table: { word: "表" },
} as const;

export type NumberedKind = keyof typeof numberedKinds;

/** A figure's or table's label, 图 1-1, its digits standing across a vertical line (纵中横) as the text's do. */
export const numberLabel = (word: string, number: string): Element => h("span.caption-label", [`${word} `, ...markShortNumbers(number)]);

/** A numbered figure or table as the lists (插图目录, 表格目录) show it. */
export interface NumberedItem {
  kind: NumberedKind;
  id: string;
  number: string;
  /** The caption without its label. */
  caption: string;
}

interface CaptionedChapter {
  file: VFile;
  place: FilePlace;
  tree: Root;
}

/** A caption the author numbered (`![图 1-1 架构](a.png)`, `Figure 3: …`), which is left as written rather than numbered twice. */
const numberedByHand = /^(?:[图圖表]|Fig(?:ure|\.)?|Table)\s*[\d一二三四五六七八九十〇]+(?:\s*[-.–—－]\s*\d+)*(?![\d])/i;

const captionOf = (node: Element): Element | undefined => node.children.find((child): child is Element => child.type === "element" && child.tagName === "figcaption");

/** What a figure of the Markdown is (rehype-captions.ts); a `<figure>` written in HTML has a caption of its own, and no number. */
const kindOf = (node: Element): NumberedKind | undefined => {
  if (node.tagName !== "figure") return undefined;
  const classes = (node.properties.className ?? []) as string[];
  return classes.includes("image-figure") ? "figure" : classes.includes("table-figure") ? "table" : undefined;
};

/**
 * Figures and tables numbered through the book, as Pandoc and Quarto do: 图 1-1, 表 2-3 (the
 * chapter's number, then the figure's in its chapter; `numbering: book` for 图 1, 图 2 …). A figure
 * or table of the Markdown (rehype-captions.ts) is numbered when it has an id (`{#fig-arch}`,
 * `: 说明 {#tbl-sales}`), or a caption unless `numberAll: false` or the caption is numbered by hand. Its caption opens with the label; the number is kept on the element
 * (`data-number`) for the references to it (`{number}`, `@fig-arch`: cross-references.ts) and the
 * lists (numberedItems). One without an id is given one, for the lists' page numbers. The same id
 * on two figures or tables is an error at the second.
 */
export function numberCaptions(chapters: readonly CaptionedChapter[], options: CaptionOptions, prefixOf: (chapter: number) => string, word: (text: string) => string): void {
  const counts: Record<NumberedKind, number> = { figure: 0, table: 0 };
  const seen = new Map<string, { file: VFile; node: Element }>();
  let chapterNumber = 0;
  chapters.forEach(({ file, place, tree }, chapter) => {
    if (place.role === "chapter") {
      chapterNumber += 1;
      if (options.numbering === "chapter") counts.figure = counts.table = 0;
    }
    visit(tree, "element", (node: Element) => {
      const kind = kindOf(node);
      if (!kind) return;
      const caption = captionOf(node);
      const id = typeof node.properties.id === "string" ? node.properties.id : undefined;
      if (!(id || (caption && options.numberAll && !numberedByHand.test(toText(caption).trim())))) return;
      const written = id?.slice(prefixOf(chapter).length);
      if (written) {
        const first = seen.get(written);
        if (first) error(file, `Unexpected second ${kind} with the id \`#${written}\` (the first is in \`${first.file.basename}\`${first.node.position ? ` at line ${first.node.position.start.line}` : ""}), expected each figure and table to have an id of its own: rename one`, node, "duplicate-id");
        else seen.set(written, { file, node });
      }
      counts[kind] += 1;
      const number = options.numbering === "chapter" && chapterNumber > 0 ? `${chapterNumber}-${counts[kind]}` : String(counts[kind]);
      node.properties.id = id ?? `${prefixOf(chapter)}numbered-${kind}-${counts[kind]}`;
      node.properties.dataNumber = number;
      const label: ElementContent[] = [numberLabel(word(numberedKinds[kind].word), number)];
      if (caption) caption.children = [...label, ...(caption.children.length > 0 ? [{ type: "text" as const, value: "　" }] : []), ...caption.children];
      else node.children.push(h("figcaption", label));
      // A table runs over pages and Paged.js may leave its figure's first edge at the foot of a page
      // whose caption went on to the next: its references name the caption's page.
      if (kind === "table") {
        Object.assign(captionOf(node)!.properties, { id: node.properties.id, dataNumber: number });
        delete node.properties.id;
      }
    });
  });
}

/** The book's numbered figures or tables in order, as numberCaptions left them. */
export function numberedItems(trees: readonly Root[], kind: NumberedKind): NumberedItem[] {
  const items: NumberedItem[] = [];
  for (const tree of trees) {
    visit(tree, "element", (node: Element) => {
      if (kindOf(node) !== kind || node.properties.dataNumber === undefined) return;
      const caption = captionOf(node);
      const text = caption ? toText({ ...caption, children: caption.children.filter((child) => !(child.type === "element" && child.properties.className?.toString() === "caption-label")) }).trim() : "";
      items.push({ kind, id: String((kind === "table" ? caption : node)?.properties.id), number: String(node.properties.dataNumber), caption: text });
    });
  }
  return items;
}
