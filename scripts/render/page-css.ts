import type { BookConfig, PageSize } from "../book/schema.ts";
import type { Direction } from "../outputs.ts";

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Page geometry in proportion to the trim size (for A5: 18 mm head, 20 mm foot, 19 mm spine side,
 * 15 mm fore-edge), and a body size that grows a little with the page.
 */
export function pageGeometry(page: PageSize) {
  return {
    top: round(page.heightMm * 0.086),
    bottom: round(page.heightMm * 0.095),
    inner: round(page.widthMm * 0.13),
    outer: round(page.widthMm * 0.1),
    bodySizePt: page.widthMm < 160 ? 10.5 : page.widthMm < 200 ? 11 : 12,
  };
}

/**
 * The body's line height in ems: the one figure the stylesheets (`{{line-height}}` in base.css, filled
 * by composeStyles) and the colophon's 字数 (lines per page) both take.
 */
export const bodyLineHeight = 1.75;

/** The text area (版心) inside the margins, in millimetres, as the page's CSS sets it. */
export function textArea(page: PageSize) {
  const margin = pageGeometry(page);
  return { widthMm: round(page.widthMm - margin.inner - margin.outer), heightMm: round(page.heightMm - margin.top - margin.bottom) };
}

/**
 * `@page` size and margins. Paged.js calls odd pages (rectos) `:right`; their spine side is the left
 * in a left-to-right book and the right in a right-to-left (右翻) one.
 */
export function pageCss(page: PageSize, direction: Direction): string {
  const margin = pageGeometry(page);
  const [rectoSpine, rectoEdge] = direction === "ltr" ? ["left", "right"] : ["right", "left"];
  const text = textArea(page);
  return [
    `:root { --body-size: ${margin.bodySizePt}pt; --text-width: ${text.widthMm}mm; --text-height: ${text.heightMm}mm; }`,
    `@page { size: ${page.widthMm}mm ${page.heightMm}mm; margin: ${margin.top}mm ${margin.outer}mm ${margin.bottom}mm ${margin.inner}mm; }`,
    `@page :right { margin-${rectoSpine}: ${margin.inner}mm; margin-${rectoEdge}: ${margin.outer}mm; }`,
    `@page :left { margin-${rectoEdge}: ${margin.inner}mm; margin-${rectoSpine}: ${margin.outer}mm; }`,
  ].join("\n");
}

/** Where each running head's text comes from (Paged.js keeps one selector per string name, hence one rule each). */
const runningHeadSources = {
  book: ".book-title, .running-book-title",
  chapter: ".chapter-title",
  // Until a chapter's first `##`, its own title is the section in force; a section file nested in it is titled at that level.
  section: ".chapter-title, .chapter > h2, h2.section-title",
} as const;

/**
 * The running heads book.yaml asks for, as the strings `verso-head` and `recto-head` that the
 * layouts' margin boxes show; a page shows the first one set on it, or else the one in force.
 */
export function runningHeadCss({ verso, recto }: BookConfig["runningHeads"]): string {
  return [`${runningHeadSources[verso]} { string-set: verso-head content(text); }`, `${runningHeadSources[recto]} { string-set: recto-head content(text); }`].join("\n");
}
