import type { Element, ElementContent, RootContent } from "hast";
import { pathToFileURL } from "node:url";
import type { Point } from "unist";
import { toText } from "hast-util-to-text";
import { filter } from "unist-util-filter";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { BookConfig } from "../book/schema.ts";
import { texToSvg } from "../markdown/math.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import type { Layout } from "../outputs.ts";
import { hasIndex, locatorsClass, printedLocators } from "./book-index.ts";
import { bookSections } from "./book-sections.ts";
import { colophonTexts, pageCountFigure } from "./colophon.ts";
import { folioText } from "./folio.ts";
import { bookWording } from "./wording.ts";

// The text the checks expect of an output: the book's own (the EPUBs), what a layout's PDF prints, the running heads.

export interface TextSegment {
  /** Where the text comes from: book.yaml or a chapter file. */
  file: VFile;
  text: string;
  /** Where in `file` the text begins, when its source says (a chapter's Markdown). */
  place?: Point;
  /** Footnotes, which a page sets at its foot, between the text of one page and the next. */
  notes?: true;
  /**
   * Text of a table (the book's `index`th), whose cells are read across the row; its head (`header`)
   * is set again on each page the table runs on to, under the word `continued` (续表, or 续表 1-1 for a numbered table, in the book’s
   * script: scripts/typeset/table-continuations.browser.js).
   */
  table?: { index: number; header: boolean; continued?: string };
}

/** A chapter's list of footnotes (GFM's `section[data-footnotes]`). */
const isNoteList = (node: RootContent): node is Element => node.type === "element" && node.properties.dataFootnotes !== undefined;

/** A link that prints its target's page (第{page}页): its words are the layout's, and an EPUB shows the target's title instead. */
const isPageReference = (node: Element) => node.tagName === "a" && node.children.some((child) => child.type === "element" && child.properties.dataPageRef !== undefined);

/**
 * The book's own text in the order a reader meets it, for the completeness check: what comes from
 * book.yaml and the chapters, without what the layout adds (contents list, labels, running heads,
 * page references). Each footnote is a segment of its own: set at the foot of its page, the notes
 * are in order among themselves, and the text without them is in order too.
 */
export function bookTextInReadingOrder(config: BookConfig, bookFile: VFile, chapters: readonly ParsedChapter[]): TextSegment[] {
  const fromBook = (...texts: Array<string | undefined>) => ({ file: bookFile, text: texts.filter(Boolean).join("\n") });
  return [
    fromBook(config.title, config.subtitle, ...config.authors, config.publisher),
    ...chapters.flatMap((chapter): TextSegment[] => {
      const { subtitle, author, affiliation } = chapter.frontMatter;
      const own = filter(chapter.tree, { cascade: false }, (node) => !(node.type === "element" && (isNoteList(node as RootContent) || isPageReference(node as Element))));
      const notes: TextSegment[] = [];
      for (const list of chapter.tree.children.filter(isNoteList)) visit(list, "element", (item: Element) => void (item.tagName === "li" && notes.push({ file: chapter.file, text: toText(item), notes: true })));
      return [{ file: chapter.file, text: [chapter.title, subtitle, author, own ? toText(own) : "", affiliation].filter(Boolean).join("\n") }, ...notes];
    }),
    fromBook(...colophonTexts(config)),
  ];
}

/** The page of each link target (id → page number) the layout printed in its page references. */
export type PageNumbers = Readonly<Record<string, number>>;

/**
 * The text a layout's PDF prints, in the order a reader meets it, for the exact check of the PDF's
 * text: the sections Paged.js sets (title page, contents, chapters, index, colophon) with the text the
 * layout writes into them: the page numbers of page references (the index's merged into runs,
 * book-index.ts printedLocators) and the colophon's figures, which
 * follow from `pageNumbers`, and the numbers of ordered lists (CSS markers). A page note is a
 * segment of the notes, since the page sets it at its foot. Formulas (drawn as paths), images and
 * what the print hides show no text. Circled note numbers are given as they come: the check
 * leaves them aside, as the layout numbers page notes afresh on every page.
 */
export function printedText(config: BookConfig, bookFile: VFile, chapters: readonly ParsedChapter[], layout: Layout, pageNumbers: PageNumbers): TextSegment[] {
  const segments: TextSegment[] = [];
  let tables = 0;
  // An SVG figure's <text> is printed as text, where the figure stands (the src is its file URL, rehype-images.ts).
  const drawnTexts = new Map(chapters.flatMap((chapter) => chapter.images.flatMap((image) => (image.drawnText ? [[pathToFileURL(image.absolutePath).href, image.drawnText] as const] : []))));
  const written = (node: Element): string | undefined => {
    const page = pageNumbers[String(node.properties.dataPageRef)] ?? 0;
    if (hasClass(node, "print-figure")) {
      const [pageMultiple, times, per, steps] = [node.properties.dataPageMultiple, node.properties.dataTimes, node.properties.dataPer, node.properties.dataSteps].map(Number) as [number, number, number, number];
      return String(pageCountFigure(page, { pageMultiple, times, per, steps }));
    }
    if (typeof node.properties.dataTex === "string") return formulaText(node.properties.dataTex, hasClass(node, "math-display"), layout);
    return node.properties.dataPageRef === undefined ? undefined : folioText(page, config.pageNumbers);
  };
  // 续表, with the table's number when it has one (续表 1-1), as scripts/typeset/table-continuations.browser.js sets it.
  const continuedWord = (number: unknown) => [bookWording(config.language)("续表"), number].filter((part) => part !== undefined).join(" ");
  const { sections, files } = bookSections(config, chapters, layout);
  const visitNode = (node: ElementContent, outer: PrintContext): void => {
    // A chapter's sections nested in it come from files of their own.
    const ownFile = node.type === "element" ? files.get(node) : undefined;
    const where = ownFile ? { ...outer, file: ownFile, place: undefined } : outer;
    const place = node.position?.start ?? where.place;
    const add = (text: string, at = place) => void segments.push({ file: where.file, text, ...(at ? { place: at } : {}), ...(where.notes ? { notes: true as const } : {}), ...(where.table ? { table: where.table } : {}) });
    if (node.type === "text") return add(node.value);
    if (node.type !== "element") return;
    const drawn = node.tagName === "img" ? drawnTexts.get(String(node.properties.src)) : undefined;
    if (drawn) return add(drawn);
    if (isUnprinted(node)) return;
    const layoutText = written(node);
    if (layoutText !== undefined) return add(layoutText);
    if (hasClass(node, locatorsClass)) return add(printedLocators(node, pageNumbers, config.pageNumbers).join(" "));
    const inner: PrintContext = {
      ...where,
      place,
      notes: where.notes || hasClass(node, "footnote"),
      tableNumber: hasClass(node, "table-figure") ? node.properties.dataNumber : where.tableNumber,
      // The contents and the index have no numbers; the chapter notes' list counts ①…㊿ (styles/notes.css), then in digits.
      listStyle: hasClass(node, "toc") || hasClass(node, "book-index") ? "none" : node.properties.dataFootnotes !== undefined ? "circled" : where.listStyle,
      table: node.tagName === "table" ? { index: tables++, header: false, continued: continuedWord(where.tableNumber) } : node.tagName === "thead" && where.table ? { ...where.table, header: true } : where.table,
    };
    let number = Number(node.properties.start ?? 1);
    for (const child of node.children) {
      if (node.tagName === "ol" && child.type === "element" && child.tagName === "li") {
        if (inner.listStyle === "decimal" || (inner.listStyle === "circled" && number > circledNumbers)) add(String(number), child.position?.start ?? place);
        number += 1;
      }
      visitNode(child, inner);
    }
  };
  for (const section of sections) visitNode(section, { file: bookFile, notes: false, listStyle: "decimal" });
  return segments;
}

interface PrintContext {
  file: VFile;
  /** The nearest place the source gives. */
  place?: Point;
  notes: boolean;
  listStyle: "decimal" | "circled" | "none";
  table?: TextSegment["table"];
  /** The number of the numbered table this is in (numbered-captions.ts), which its 续表 repeats. */
  tableNumber?: unknown;
}

/** The largest number the `circled` counter style writes as one character (㊿). */
const circledNumbers = 50;

/** Images, scripts and the notes' links back, which the print hides, show no letters. */
const isUnprinted = (node: Element) => ["img", "script", "style", "template"].includes(node.tagName) || node.properties.hidden !== undefined || node.properties.dataFootnoteBackref !== undefined;

/**
 * The letters a formula prints: MathJax draws its symbols as paths, and sets as text only what its
 * fonts lack (Chinese in `\text{}`, é), which ASCII TeX never asks for; so only such a formula is
 * rendered again.
 */
function formulaText(tex: string, display: boolean, layout: Layout): string {
  if (/^[\x00-\x7f]*$/.test(tex)) return "";
  const texts: string[] = [];
  visit(texToSvg(tex, { display, vertical: layout === "vertical" }), "element", (node: Element) => void (node.tagName === "text" && texts.push(toText(node))));
  return texts.join("");
}

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** Every heading text a running head may show, for the check of the margins. */
export function runningHeadTexts(config: BookConfig, chapters: readonly ParsedChapter[]): string[] {
  const sections = config.runningHeads.recto === "section" ? chapters.flatMap((chapter) => chapter.tree.children.filter((node) => node.type === "element" && node.tagName === "h2").map((node) => toText(node))) : [];
  // The index's title is a chapter's (book-index.ts), and runs as a head over its pages.
  return [config.title, ...chapters.map((chapter) => chapter.title), ...sections, ...(hasIndex(chapters) ? [bookWording(config.language)("索引")] : [])];
}
