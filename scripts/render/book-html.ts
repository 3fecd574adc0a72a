import type { Element, ElementContent, RootContent } from "hast";
import { pathToFileURL } from "node:url";
import type { Point } from "unist";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { filter } from "unist-util-filter";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { FilePlace } from "../book/load.ts";
import type { BookConfig } from "../book/schema.ts";
import { fontFaceCss, type DeclaredFace } from "../fonts/declared.ts";
import { chapterId } from "../markdown/cross-references.ts";
import { renderMath, texToSvg } from "../markdown/math.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { layoutTable, stylesheetsFor, type Layout } from "../outputs.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { colophonPage, colophonTexts, pageCountFigure } from "./colophon.ts";
import { bodyLineHeight, pageCss, runningHeadCss } from "./page-css.ts";
import { circledNoteCalls } from "./chapter-notes.ts";
import { pageNotes } from "./page-notes.ts";
import { bookWording } from "./wording.ts";

/** Template and stylesheets, read once per build by `loadRenderAssets`. */
export interface RenderAssets {
  template: string;
  styles: Record<string, string>;
}

export interface RenderInput {
  config: BookConfig;
  chapters: readonly ParsedChapter[];
  layout: Layout;
  /** The faces the book needs (fonts/coverage.ts facesUsedBy); a Simplified Chinese book's declared faces when absent. */
  faces?: readonly DeclaredFace[];
}

/** CSS counter style for each `pageNumbers` choice of book.yaml. */
const folioStyles = { arabic: "decimal", chinese: "simp-chinese-informal" } as const;

/** The stylesheets of an output, in order, with book.yaml's choices filled in. */
export function composeStyles(assets: RenderAssets, names: readonly string[], config: BookConfig): string {
  return names
    .map((name) => assets.styles[name])
    .join("\n")
    .replaceAll("{{folio-style}}", folioStyles[config.pageNumbers])
    .replaceAll("{{line-height}}", String(bodyLineHeight));
}

/** One HTML document Paged.js lays out: the whole book, or a run of sections that starts on a recto. */
export interface BookPart {
  html: string;
  /** Whether it holds the table of contents, whose page numbers are known only when every part is laid out. */
  holdsContents: boolean;
  /** Whether it opens on a recto (a chapter), after a blank page if need be; the colophon part just takes the next page. */
  opensOnRecto: boolean;
  /** Characters of text, for the progress line. */
  characters: number;
}

/** Parts and chapters open on a recto; a chapter's sections and the colophon run on. */
const opensRecto = (section: Element) => section.properties.role === "doc-chapter" || section.properties.role === "doc-part";

const holdsContents = (sections: readonly Element[]) => sections.some((section) => section.tagName === "nav");

/** The whole book as one HTML document for Paged.js. */
export function renderBookHtml(input: RenderInput, assets: RenderAssets): string {
  return renderBookParts(input, assets, Number.POSITIVE_INFINITY)[0]!.html;
}

/**
 * Characters of text per part (about 140 A5 pages), which Paged.js lays out one after the other in
 * one document (scripts/typeset). Each print of a part costs about 0.2 s besides its pages (Chromium
 * embeds the fonts again), so parts of a chapter each cost a 900-page book twice the time (38 s
 * instead of 18.5 s, one layout); beyond this size nothing more was gained (50,000: 19.6 s;
 * 200,000: 17.9 s). A tagged book is one document, because Chromium's structure tree does not
 * survive joining PDFs.
 */
export const partCharactersFor = (config: BookConfig) => (config.taggedPdf ? Number.POSITIVE_INFINITY : 100_000);

/**
 * The book as documents of about `partCharacters` characters each: the title page and contents,
 * then whole chapters (a part ends before a chapter, which opens on a recto, so a part's pages do
 * not depend on the parts before it), then the colophon. Paged.js's time per page and Chromium's
 * print time grow with the document, so a long book is set faster in parts; `Infinity` gives one
 * document.
 */
export function renderBookParts(input: RenderInput, assets: RenderAssets, partCharacters = partCharactersFor(input.config)): BookPart[] {
  const { config } = input;
  const { sections } = bookSections(
    config,
    input.chapters.map((chapter) => ({ ...chapter, tree: renderMath(chapter.tree, `pdf-${input.layout}`) })),
    input.layout,
  );
  const groups: Array<{ sections: Element[]; characters: number }> = [];
  for (const section of sections) {
    const characters = toText(section).length;
    const opensOnRecto = opensRecto(section);
    const last = groups.at(-1);
    // The part with the contents is laid out again once every page number is known, and so is the
    // colophon's, whose figures follow from the book's page count: in a book set in parts each
    // holds nothing else, so that a long chapter part is not laid out twice.
    const inParts = Number.isFinite(partCharacters);
    const isColophon = section.properties.role === "doc-colophon";
    const opensPart = !last || (opensOnRecto && (last.characters + characters > partCharacters || (inParts && holdsContents(last.sections)))) || (inParts && isColophon);
    if (!opensPart) {
      last.sections.push(section);
      last.characters += characters;
    } else groups.push({ sections: [section], characters });
  }
  const styles = [pageCss(config.page, layoutTable[input.layout].direction), runningHeadCss(config.runningHeads), composeStyles(assets, stylesheetsFor("pdf", input.layout), config)].join("\n");
  const fields: Record<string, string> = {
    language: escapeHtml(config.language),
    layout: input.layout,
    title: escapeHtml(config.title),
    subtitle: escapeHtml(config.subtitle ?? ""),
    authors: escapeHtml(config.authors.join("、")),
    // Outside Paged.js's stylesheets, so that the faces stay loaded while one part after another is laid out.
    fonts: fontFaceCss(input.faces),
    styles,
  };
  return groups.map(({ sections: group, characters }, index) => {
    const opensOnRecto = index > 0 && opensRecto(group[0]!);
    // The versos' running head is the book title, which Paged.js takes from the title page; a later
    // part carries it in a hidden element of its first chapter.
    if (opensOnRecto) group[0]!.children.unshift(h("span.running-book-title", { hidden: true }, cjk(config.title)));
    const body = toHtml({ type: "root", children: group });
    const html = assets.template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name === "body" ? body : fields[name] ?? ""));
    return { html, holdsContents: holdsContents(group), opensOnRecto, characters };
  });
}

/**
 * A layout's book as Paged.js sets it: title page, contents, the parts and chapters with their
 * notes where the layout puts them, colophon. A chapter's sections are nested in it, so that they
 * run on in its pages (a sibling with another named page would start a page). `files` gives the
 * chapter file each part, chapter and section comes from; the rest comes from book.yaml.
 */
function bookSections(config: BookConfig, chapters: readonly ParsedChapter[], layout: Layout): { sections: Element[]; files: Map<Element, VFile> } {
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
  return { sections: [titlePage(config), tableOfContents(chapters, bookWording(config.language)), ...top, colophonPage(config, layout)], files };
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

function tableOfContents(chapters: readonly ParsedChapter[], word: (text: string) => string): Element {
  return h("nav.toc", { ariaLabelledBy: "toc-title", role: "doc-toc" }, [
    h("h2#toc-title", word("目录")),
    h(
      "ol",
      chapters.map((chapter, index) =>
        h(`li.toc-${chapter.place.role}`, { dataLevel: outlineLevel(chapter.place) }, [
          h("a", { href: `#${chapterId(index)}` }, [
            h("span.toc-title", cjk(chapter.title)),
            chapter.frontMatter.author ? h("span.toc-author", chapter.frontMatter.author) : null,
            h("span.toc-fill"),
            h("span.page-ref", { dataPageRef: chapterId(index) }),
          ]),
        ]),
      ),
    ),
  ]);
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

export interface TextSegment {
  /** Where the text comes from: book.yaml or a chapter file. */
  file: VFile;
  text: string;
  /** Where in `file` the text begins, when its source says (a chapter's Markdown). */
  place?: Point;
  /** Footnotes, which a page sets at its foot, between the text of one page and the next. */
  notes?: true;
  /** Text of a table (the book's `index`th), whose cells are read across the row; its head (`header`) is set again on each page the table runs on to. */
  table?: { index: number; header: boolean };
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
 * text: the sections Paged.js sets (title page, contents, chapters, colophon) with the text the
 * layout writes into them: the page numbers of page references and the colophon's figures, which
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
    const inner: PrintContext = {
      ...where,
      place,
      notes: where.notes || hasClass(node, "footnote"),
      // The contents list has no numbers; the chapter notes' list counts ①…㊿ (styles/notes.css), then in digits.
      listStyle: hasClass(node, "toc") ? "none" : node.properties.dataFootnotes !== undefined ? "circled" : where.listStyle,
      table: node.tagName === "table" ? { index: tables++, header: false } : node.tagName === "thead" && where.table ? { ...where.table, header: true } : where.table,
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

const chineseDigits = [..."零一二三四五六七八九"];

/**
 * A page number in the book's folio style as CSS writes it: `decimal`, or `simp-chinese-informal`
 * (十一, 一百零五, 一千零一十; no 一 before 十 in 10–19).
 */
export function folioText(page: number, style: BookConfig["pageNumbers"]): string {
  if (style === "arabic" || page <= 0 || page > 9999) return String(page);
  const digits = [...String(page)].map(Number);
  let text = "";
  let zeros = false;
  digits.forEach((digit, index) => {
    const unit = ["", "十", "百", "千"][digits.length - 1 - index]!;
    if (digit === 0) return void (zeros = true);
    if (zeros && text) text += "零";
    zeros = false;
    text += (digit === 1 && unit === "十" && index === 0 ? "" : chineseDigits[digit]) + unit;
  });
  return text;
}

/** Every heading text a running head may show, for the check of the margins. */
export function runningHeadTexts(config: BookConfig, chapters: readonly ParsedChapter[]): string[] {
  const sections = config.runningHeads.recto === "section" ? chapters.flatMap((chapter) => chapter.tree.children.filter((node) => node.type === "element" && node.tagName === "h2").map((node) => toText(node))) : [];
  return [config.title, ...chapters.map((chapter) => chapter.title), ...sections];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
