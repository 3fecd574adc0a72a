import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { VFile } from "vfile";
import type { FilePlace } from "../book/load.ts";
import type { BookConfig } from "../book/schema.ts";
import { chapterId } from "../markdown/cross-references.ts";
import { numberedItems, numberedKinds, numberLabel } from "../markdown/numbered-captions.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { layoutTable, type Layout } from "../outputs.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { bookIndexId, indexSection, pageLocators } from "./book-index.ts";
import { colophonPage } from "./colophon.ts";
import { circledNoteCalls } from "./chapter-notes.ts";
import { pageNotes } from "./page-notes.ts";
import { bookWording } from "./wording.ts";

// The book's sections as HTML trees: what the PDFs' documents (book-html.ts), the EPUBs' pages and the text the checks expect (expected-text.ts) are made of.

/**
 * A layout's book as Paged.js sets it: title page, contents, the parts and chapters with their
 * notes where the layout puts them, the index (when the chapters mark terms), colophon. A
 * chapter's sections are nested in it, so that they run on in its pages (a sibling with another
 * named page would start a page). `files` gives the chapter file each part, chapter and section
 * comes from; the rest comes from book.yaml.
 */
export function bookSections(config: BookConfig, chapters: readonly ParsedChapter[], layout: Layout): { sections: Element[]; files: Map<Element, VFile> } {
  const notesAtPageFoot = config.notes === "page" && layoutTable[layout].pageNotes;
  const files = new Map<Element, VFile>();
  const open: Array<{ element: Element; depth: number }> = [];
  const top: Element[] = [];
  chapters.forEach((chapter, index) => {
    const element = (notesAtPageFoot ? pageNotes : circledNoteCalls)(chapterSection(chapter, index, config.language, { bookmarked: true }));
    files.set(element, chapter.file);
    const { role, depth } = chapter.place;
    while (open.length > 0 && (role !== "section" || open.at(-1)!.depth >= depth)) open.pop();
    if (open.length > 0) open.at(-1)!.element.children.push(element);
    else top.push(element);
    open.push({ element, depth });
  });
  const word = bookWording(config.language);
  const index = indexSection(chapters, config.language, pageLocators);
  return { sections: [titlePage(config), tableOfContents(chapters, word, Boolean(index)), ...itemLists(config, chapters, word), ...top, ...(index ? [index] : []), colophonPage(config, layout)], files };
}

export function titlePage(config: BookConfig): Element {
  return h("section.title-page", { "epub:type": "titlepage" }, [
    h("h1.book-title#book-title", cjk(config.title)),
    config.subtitle ? h("p.book-subtitle", cjk(config.subtitle)) : null,
    h("p.book-authors", config.authors.join("　")),
    h("p.book-publisher", config.publisher),
  ]);
}

/**
 * The level of a file's title in the contents and the PDF's bookmarks: parts and the chapters
 * outside them at 1, a part's chapters at 2, a chapter's sections one further for each step in.
 */
export const outlineLevel = (place: FilePlace) => (place.role === "part" || !place.inPart ? 1 : 2) + place.depth;

function tableOfContents(chapters: readonly ParsedChapter[], word: (text: string) => string, hasIndex: boolean): Element {
  const line = (role: string, level: number, id: string, title: string, author?: string) =>
    h(`li.toc-${role}`, { dataLevel: level }, [
      h("a", { href: `#${id}` }, [h("span.toc-title", title), author ? h("span.toc-author", author) : null, h("span.toc-fill"), h("span.page-ref", { dataPageRef: id })]),
    ]);
  return h("nav.toc", { ariaLabelledBy: "toc-title", role: "doc-toc" }, [
    h("h2#toc-title", word("目录")),
    h("ol", [
      ...chapters.map((chapter, index) => line(chapter.place.role, outlineLevel(chapter.place), chapterId(index), cjk(chapter.title), chapter.frontMatter.author)),
      ...(hasIndex ? [line("chapter", 1, bookIndexId, word("索引"))] : []),
    ]),
  ]);
}

/** The lists book.yaml's `lists:` asks for, with their headings and ids. */
const itemListKinds = {
  figures: { kind: "figure", title: "插图目录", id: "list-of-figures" },
  tables: { kind: "table", title: "表格目录", id: "list-of-tables" },
} as const;

/**
 * 插图目录 and 表格目录 after the contents, as `lists:` orders them: each numbered figure or table
 * (numbered-captions.ts) with its caption and page (`pages: false`: an EPUB's, which has no pages),
 * set like the contents; a list with nothing to list is left out.
 */
export function itemLists(config: Pick<BookConfig, "lists">, chapters: readonly ParsedChapter[], word: (text: string) => string, { pages = true } = {}): Element[] {
  return config.lists.flatMap((list) => {
    const { kind, title, id } = itemListKinds[list];
    const items = numberedItems(chapters.map((chapter) => chapter.tree), kind);
    if (items.length === 0) return [];
    return [
      h(`nav.toc.item-list#${id}`, { ariaLabelledBy: `${id}-title`, "epub:type": kind === "figure" ? "loi" : "lot" }, [
        h(`h2#${id}-title`, word(title)),
        h(
          "ol",
          items.map((item) =>
            h("li.toc-item", [
              h("a", { href: `#${item.id}` }, [
                h("span.toc-title", [numberLabel(word(numberedKinds[kind].word), item.number), item.caption ? `　${item.caption}` : ""]),
                ...(pages ? [h("span.toc-fill"), h("span.page-ref", { dataPageRef: item.id })] : []),
              ]),
            ]),
          ),
        ),
      ]),
    ];
  });
}

/** What each place in the structure is as a section of the book: its class, roles and title heading. */
const sectionKinds = {
  part: { selector: "section.part", properties: { role: "doc-part", "epub:type": "part" }, heading: () => "h1.part-title" },
  chapter: { selector: "section.chapter", properties: { role: "doc-chapter", "epub:type": "chapter" }, heading: () => "h1.chapter-title" },
  // No role: DPUB-ARIA has none for a chapter's subdivision, and a section is what HTML calls it.
  section: { selector: "section.chapter-section", properties: { "epub:type": "subchapter" }, heading: (depth: number) => `h${Math.min(6, depth + 1)}.section-title` },
} as const;

/**
 * A file of the book as a section: a part's title page, a chapter, or a section continuing its
 * chapter on the same pages; `language` is the book's, for the words the section adds (作者单位);
 * `bookmarked` marks its title with its level for the PDF's bookmarks.
 */
export function chapterSection(chapter: ParsedChapter, index: number, language: string, { bookmarked = false } = {}): Element {
  const { subtitle, author, affiliation } = chapter.frontMatter;
  const kind = sectionKinds[chapter.place.role];
  // The PDF's bookmarks are read from the laid-out pages (typeset/book-pipeline.browser.js outline); an EPUB has its nav.
  const title = h(kind.heading(chapter.place.depth), { id: `${chapterId(index)}-title`, ...(bookmarked ? { dataOutlineLevel: outlineLevel(chapter.place) } : {}) }, cjk(chapter.title));
  return h(kind.selector, { id: chapterId(index), ...kind.properties }, [
    h(`header.${chapter.place.role}-header`, [title, subtitle ? h("p.chapter-subtitle", cjk(subtitle)) : null, author ? h("p.chapter-author", cjk(author)) : null]),
    ...(chapter.tree.children as ElementContent[]),
    affiliation ? h("p.chapter-affiliation", `（${bookWording(language)("作者单位")}：${cjk(affiliation)}）`) : null,
  ]);
}
