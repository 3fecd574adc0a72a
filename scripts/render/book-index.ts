import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import type { BookConfig } from "../book/schema.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { indexMarkClass, relatedSeparator } from "../markdown/remark-index-marks.ts";
import { folioText } from "./folio.ts";
import { indexOrder } from "./index-order.ts";
import { pageRuns, runSeparator } from "./page-runs.js";
import { bookWording } from "./wording.ts";

// The index (索引) at the end of the book, from the marks in the chapters (markdown/index-marks.ts).

/** Where a term occurs: its mark's id, the chapter, and which of the term's occurrences in that chapter it is (from 1). */
export interface Occurrence {
  id: string;
  chapter: number;
  numberInChapter: number;
}

/** An entry or sub-entry of the index with its occurrences in reading order and its cross-references. */
export interface IndexEntry {
  term: string;
  sort?: string;
  occurrences: Occurrence[];
  see?: string;
  seealso: string[];
  subs: IndexEntry[];
}

export const bookIndexId = "book-index";

/** Whether any chapter marks a term: the book then has an index. */
export const hasIndex = (chapters: readonly ParsedChapter[]) => indexEntries(chapters).length > 0;

/** Every entry the chapters' marks name, each with its sub-entries, in the order of their first occurrence. */
export function indexEntries(chapters: readonly ParsedChapter[]): IndexEntry[] {
  const entries = new Map<string, IndexEntry & { subsByTerm: Map<string, IndexEntry> }>();
  const newEntry = (term: string): IndexEntry => ({ term, occurrences: [], seealso: [], subs: [] });
  chapters.forEach((chapter, chapterIndex) => {
    const counts = new Map<IndexEntry, number>();
    visit(chapter.tree, "element", (node: Element) => {
      if (!(Array.isArray(node.properties.className) && node.properties.className.includes(indexMarkClass))) return;
      const data = node.properties as Record<string, string | undefined>;
      const name = data.dataIndexEntry!;
      let main = entries.get(name);
      if (!main) entries.set(name, (main = { ...newEntry(name), subsByTerm: new Map() }));
      main.sort ??= data.dataIndexSort;
      let marked: IndexEntry = main;
      if (data.dataIndexSub) {
        let sub = main.subsByTerm.get(data.dataIndexSub);
        if (!sub) main.subsByTerm.set(data.dataIndexSub, (sub = newEntry(data.dataIndexSub)));
        sub.sort ??= data.dataIndexSubSort;
        marked = sub;
      }
      marked.see ??= data.dataIndexSee;
      for (const related of data.dataIndexSeealso?.split(relatedSeparator) ?? []) if (!marked.seealso.includes(related)) marked.seealso.push(related);
      counts.set(marked, (counts.get(marked) ?? 0) + 1);
      marked.occurrences.push({ id: String(node.properties.id), chapter: chapterIndex, numberInChapter: counts.get(marked)! });
    });
  });
  return [...entries.values()].map(({ subsByTerm, ...entry }) => ({ ...entry, subs: [...subsByTerm.values()] }));
}

/** How an output shows an entry's occurrences: the PDFs' page numbers, or the EPUB's links. */
export type Locators = (entry: IndexEntry) => ElementContent[];

/** The PDF's locators: a page reference to each occurrence, which the page merges into runs (page-references.browser.js). */
export const pageLocators: Locators = (entry) =>
  entry.occurrences.flatMap(({ id }, index) => [...(index > 0 ? [{ type: "text" as const, value: runSeparator }] : []), h("a", { href: `#${id}` }, [h("span.page-ref", { dataPageRef: id })])]);

export const locatorsClass = "index-locators";

/** The page numbers an entry's locators print, in order, once `pages` (id → page) are known: what `pageRuns` leaves of them. */
export function printedLocators(locators: Element, pages: Readonly<Record<string, number>>, style: BookConfig["pageNumbers"]): string[] {
  const ids: string[] = [];
  visit(locators, "element", (node: Element) => void (node.properties.dataPageRef !== undefined && ids.push(String(node.properties.dataPageRef))));
  return pageRuns(ids.map((id) => pages[id] ?? 0)).flatMap(({ first, last }) => [first, ...(last === undefined ? [] : [last])].map((index) => folioText(pages[ids[index]!] ?? 0, style)));
}

/**
 * The index as a section of the book, or none when nothing is marked: entries in the order of the
 * book's script (index-order.ts) under their group's heading, each with its locators, sub-entries
 * indented under it, and 见 (an entry that points to another, with no locators of its own) and
 * 另见 lines. The `epub:type`s are those of EPUB Indexes 1.0, which the PDF's HTML carries too.
 */
export function indexSection(chapters: readonly ParsedChapter[], language: string, locators: Locators): Element | undefined {
  const entries = indexEntries(chapters);
  if (entries.length === 0) return undefined;
  const word = bookWording(language);
  const ordering = indexOrder(language, word);
  const sorted = (list: readonly IndexEntry[]) => [...list].sort(ordering.compare);
  const entryItem = (entry: IndexEntry): Element =>
    h("li.index-entry", { "epub:type": "index-entry" }, [
      h("span.index-term", { "epub:type": "index-term" }, entry.term),
      ...(entry.see ? [] : entry.occurrences.length > 0 ? [" ", h(`span.${locatorsClass}`, locators(entry))] : []),
      entry.see ? h("span.index-see", [word("见"), " ", h("span", { "epub:type": "index-xref-preferred" }, entry.see)]) : null,
      entry.seealso.length > 0 ? h("span.index-see-also", [word("另见"), " ", ...entry.seealso.flatMap((related, index) => [...(index > 0 ? ["、"] : []), h("span", { "epub:type": "index-xref-related" }, related)])]) : null,
      entry.subs.length > 0 ? h("ol.index-subentries", { "epub:type": "index-entry-list" }, sorted(entry.subs).map(entryItem)) : null,
    ]);
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of sorted(entries)) {
    const heading = ordering.heading(entry);
    groups.set(heading, [...(groups.get(heading) ?? []), entry]);
  }
  return h(`section.book-index#${bookIndexId}`, { role: "doc-index", "epub:type": "index", ariaLabelledBy: `${bookIndexId}-title` }, [
    h(`h1.chapter-title.index-title#${bookIndexId}-title`, word("索引")),
    h(
      "div.index-body",
      [...groups].map(([heading, list]) => h("section.index-group", { "epub:type": "index-group" }, [h("h2.index-heading", heading), h("ol.index-entries", { "epub:type": "index-entry-list" }, list.map(entryItem))])),
    ),
  ]);
}
