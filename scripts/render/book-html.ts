import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import type { BookConfig } from "../book/schema.ts";
import type { DeclaredFace } from "../fonts/declared.ts";
import { fontFaceCss } from "../fonts/font-css.ts";
import { renderMath } from "../markdown/math.ts";
import { unfoldDetails } from "./paper-details.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { layoutTable, stylesheetsFor, type Layout } from "../outputs.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { bookSections } from "./book-sections.ts";
import { bookWording } from "./wording.ts";
import { bodyLineHeight, pageCss, runningHeadCss } from "./page-css.ts";

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
  /** The ids whose pages it prints (`data-page-ref`: the contents, `{page}` cross-references), in order. */
  pageReferences: string[];
  /** The ids its links point to (`href="#id"`): a target in another part gets a stand-in in this one. */
  linkTargets: string[];
}

/** The ids `sections` print the pages of, and the ids their links point to, each once. */
function referencesIn(sections: readonly Element[]): Pick<BookPart, "pageReferences" | "linkTargets"> {
  const pageReferences = new Set<string>();
  const linkTargets = new Set<string>();
  for (const section of sections) {
    visit(section, "element", (element: Element) => {
      const { dataPageRef, href } = element.properties;
      if (dataPageRef !== undefined) pageReferences.add(String(dataPageRef));
      if (typeof href === "string" && href.startsWith("#")) linkTargets.add(href.slice(1));
    });
  }
  return { pageReferences: [...pageReferences], linkTargets: [...linkTargets] };
}

/** Parts, chapters and the index open on a recto; a chapter's sections and the colophon run on. */
const opensRecto = (section: Element) => ["doc-chapter", "doc-part", "doc-index"].includes(String(section.properties.role));

const holdsContents = (sections: readonly Element[]) => sections.some((section) => section.tagName === "nav");

/** The whole book as one HTML document for Paged.js. */
export function renderBookHtml(input: RenderInput, assets: RenderAssets): string {
  return renderBookParts(input, assets, Number.POSITIVE_INFINITY)[0]!.html;
}

/**
 * Characters of text per part (about 70 A5 pages), which Paged.js lays out one after the other in
 * one document (scripts/typeset). Each print of a part costs about 0.2 s besides its pages (Chromium
 * embeds the fonts again), so parts of a chapter each cost a 900-page book twice the time (38 s
 * instead of 18.5 s with 100,000, one layout); 50,000 cost 19.6 s, and a rebuild after an edit to
 * one chapter lays out half as many pages again (a part is the unit the cache keeps); 200,000
 * gained little more (17.9 s). A tagged book is one document, because Chromium's structure tree
 * does not survive joining PDFs.
 */
export const partCharactersFor = (config: BookConfig) => (config.taggedPdf ? Number.POSITIVE_INFINITY : 50_000);

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
    input.chapters.map((chapter) => ({ ...chapter, tree: unfoldDetails(renderMath(chapter.tree, `pdf-${input.layout}`)) })),
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
  const fields = documentFields(input, assets);
  return groups.map(({ sections: group, characters }, index) => {
    const opensOnRecto = index > 0 && opensRecto(group[0]!);
    // The versos' running head is the book title, which Paged.js takes from the title page; a later
    // part carries it in a hidden element of its first chapter.
    if (opensOnRecto) group[0]!.children.unshift(h("span.running-book-title", { hidden: true }, cjk(config.title)));
    const body = toHtml({ type: "root", children: group });
    const html = assets.template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name === "body" ? body : fields[name] ?? ""));
    return { html, holdsContents: holdsContents(group), opensOnRecto, characters, ...referencesIn(group) };
  });
}

/** What book.html is filled with besides the body: the same for every part of a layout. */
function documentFields({ config, layout, faces }: Omit<RenderInput, "chapters">, assets: RenderAssets): Record<string, string> {
  const styles = [pageCss(config.page, layoutTable[layout].direction), runningHeadCss(config.runningHeads), composeStyles(assets, stylesheetsFor("pdf", layout), config)].join("\n");
  return {
    language: escapeHtml(config.language),
    // The word over a table's continuation (table-continuations.browser.js), in the book's script.
    tableContinued: escapeHtml(bookWording(config.language)("续表")),
    layout,
    pageNumbers: config.pageNumbers,
    title: escapeHtml(config.title),
    subtitle: escapeHtml(config.subtitle ?? ""),
    authors: escapeHtml(config.authors.join("、")),
    // Outside Paged.js's stylesheets, so that the faces stay loaded while one part after another is laid out.
    fonts: fontFaceCss(faces),
    styles,
  };
}

/** The document's head, which every part of a layout shares (renderBookParts): it depends on the book's settings, not its chapters. */
export function renderBookHead(input: Omit<RenderInput, "chapters">, assets: RenderAssets): string {
  const fields = documentFields(input, assets);
  return splitAtBody(assets.template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name === "body" ? "" : fields[name] ?? ""))).head;
}

/** A part's document split into its head (everything up to `<body>`) and its body's content. */
export function splitAtBody(html: string): { head: string; body: string } {
  const start = html.indexOf("<body>", html.indexOf("</head>"));
  return { head: html.slice(0, start), body: html.slice(start + "<body>".length, html.lastIndexOf("</body>")) };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
