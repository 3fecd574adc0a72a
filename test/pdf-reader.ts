import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * The tests' own PDF reader, written apart from the pipeline's (scripts/verify), so that a fault
 * in the build's reader cannot hide from the tests too. Poppler's `pdftotext -bbox-layout` gives
 * every word with its box (points, origin top left) and groups the words of a horizontal page
 * into lines; the lines are taken as poppler makes them and only gathered into rows. A vertical
 * page poppler breaks into one-glyph lines, so its words are gathered into columns here.
 */

const run = promisify(execFile);

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Page {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** Rows top to bottom (each left to right), or in a vertical book columns right to left (each top to bottom). */
  lines: Word[][];
}

export type Layout = "horizontal" | "vertical";

const attribute = (tag: string, name: string) => Number(new RegExp(`${name}="([-\\d.]+)"`).exec(tag)![1]);

const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);

/** Poppler's pages, each a list of its lines, each a list of words, from `pdftotext -bbox-layout` output. */
export function parseBboxLayout(xml: string): Array<{ width: number; height: number; lines: Word[][] }> {
  return xml
    .split(/<page /)
    .slice(1)
    .map((pageXml) => {
      const lines = pageXml
        .split(/<line /)
        .slice(1)
        .map((lineXml) =>
          [...lineXml.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, tag, text]) => ({
            text: unescape(text!),
            xMin: attribute(tag!, "xMin"),
            yMin: attribute(tag!, "yMin"),
            xMax: attribute(tag!, "xMax"),
            yMax: attribute(tag!, "yMax"),
          })),
        )
        .filter((line) => line.length > 0);
      return { width: attribute(pageXml, "width"), height: attribute(pageXml, "height"), lines };
    });
}

const box = (words: readonly Word[]) => ({
  xMin: Math.min(...words.map((word) => word.xMin)),
  xMax: Math.max(...words.map((word) => word.xMax)),
  yMin: Math.min(...words.map((word) => word.yMin)),
  yMax: Math.max(...words.map((word) => word.yMax)),
});

/**
 * Poppler's lines gathered into rows: lines whose vertical middles lie within a third of the
 * smaller line's height of each other stand beside each other, e.g. a contents entry and its page
 * number set apart (not overlap: Ghostscript's PDF/X gives CJK words boxes twice the type size,
 * which overlap the next line's). Rows top to bottom, words left to right.
 */
export function rows(lines: readonly Word[][]): Word[][] {
  const rows: Array<{ middle: number; height: number; words: Word[] }> = [];
  for (const line of [...lines].sort((a, b) => box(a).yMin - box(b).yMin)) {
    const { yMin, yMax } = box(line);
    const [middle, height] = [(yMin + yMax) / 2, yMax - yMin];
    const row = rows.find((candidate) => Math.abs(candidate.middle - middle) < Math.min(candidate.height, height) / 3);
    if (row) row.words.push(...line);
    else rows.push({ middle, height, words: [...line] });
  }
  return rows.sort((a, b) => a.middle - b.middle).map((row) => row.words.sort((a, b) => a.xMin - b.xMin));
}

/**
 * Words gathered into columns, taken by their middles from the right: a word whose middle lies
 * within the extent of a column's first word is in it. A half-width letter set upright stands in
 * the left half of its column, a number turned on its side is wider than the column's glyphs;
 * columns stand most of an em apart. Columns right to left, words top to bottom.
 */
export function columns(words: readonly Word[]): Word[][] {
  const columns: Array<{ left: number; right: number; words: Word[] }> = [];
  for (const word of [...words].sort((a, b) => b.xMin + b.xMax - (a.xMin + a.xMax))) {
    const middle = (word.xMin + word.xMax) / 2;
    const column = columns.find((candidate) => middle >= candidate.left && middle <= candidate.right);
    if (column) column.words.push(word);
    else columns.push({ left: word.xMin, right: word.xMax, words: [word] });
  }
  return columns.sort((a, b) => b.right + b.left - (a.right + a.left)).map((column) => column.words.sort((a, b) => a.yMin - b.yMin));
}

/** Every page of `pdf`, its words in reading order for `layout`. */
export async function readPages(pdf: string, layout: Layout): Promise<Page[]> {
  const { stdout } = await run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 30 });
  return parseBboxLayout(stdout).map((page, index) => ({
    number: index + 1,
    width: page.width,
    height: page.height,
    lines: layout === "horizontal" ? rows(page.lines) : columns(page.lines.flat()),
  }));
}

/** The page's words in reading order, those `keep` accepts. */
export const wordsOf = (page: Page, keep: (word: Word, page: Page) => boolean = () => true): Word[] => page.lines.flatMap((line) => line.filter((word) => keep(word, page)));

/** The page's text in reading order: lines (or columns) on lines of their own, words apart by a space. */
export const textOf = (page: Page, keep?: (word: Word, page: Page) => boolean): string =>
  page.lines
    .map((line) => line.filter((word) => !keep || keep(word, page)).map((word) => word.text).join(" "))
    .filter(Boolean)
    .join("\n");

/** Text without white space, for comparing with the manuscript: CJK text has no spaces to lose. */
export const squeezed = (text: string) => text.replace(/\s+/g, "");

/** A box on the page, in points from its top left corner. */
export interface Area {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Whether a word's middle lies within `area`. */
export const within = (word: Word, area: Area) => {
  const [x, y] = [(word.xMin + word.xMax) / 2, (word.yMin + word.yMax) / 2];
  return x >= area.left && x <= area.right && y >= area.top && y <= area.bottom;
};

/**
 * The text area of a page with the given margins (mm) and trim size (mm), as the page sits on a
 * screen PDF (no bleed), in points; `side` is the narrower side margin, so that rectos and versos
 * share one area.
 */
export function textAreaOf(page: { width: number; height: number }, margins: { top: number; bottom: number; side: number }): Area {
  const pt = 72 / 25.4;
  return { top: margins.top * pt, bottom: page.height - margins.bottom * pt, left: margins.side * pt, right: page.width - margins.side * pt };
}

export interface Font {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
}

/**
 * Rows of `pdffonts` output. Its columns are: name, type (may hold a space: "CID TrueType"),
 * encoding, emb, sub, uni, object and generation; read from the right, where the cells are single
 * words, so that the type takes what is left.
 */
export function parsePdffonts(output: string): Font[] {
  return output
    .split("\n")
    .slice(2)
    .filter((row) => row.trim())
    .map((row) => {
      const cells = row.trim().split(/\s+/);
      const [embedded, subset] = cells.slice(-5, -3);
      const encoding = cells.at(-6)!;
      return { name: cells[0]!, type: cells.slice(1, -6).join(" "), encoding, embedded: embedded === "yes", subset: subset === "yes" };
    });
}

export async function readFonts(pdf: string): Promise<Font[]> {
  return parsePdffonts((await run("pdffonts", [pdf])).stdout);
}

/** A font's name without its subset tag (ABCDEF+). */
export const faceOf = (font: Font) => font.name.replace(/^[A-Z]{6}\+/, "");

/** Pages of `pdf`, as `pdfinfo` counts them. */
export async function pagesOf(pdf: string): Promise<number> {
  return Number(/^Pages:\s+(\d+)$/m.exec((await run("pdfinfo", [pdf])).stdout)![1]);
}

/** The layout a book's PDF is set in, by its file name (book-vertical-…). */
export const layoutOf = (pdf: string): Layout => (/-vertical[-.]/.test(pdf) ? "vertical" : "horizontal");

/** The text of each page of `pdf`, in reading order for the layout its name gives. */
export async function pageTextsOf(pdf: string, layout: Layout = layoutOf(pdf)): Promise<string[]> {
  return (await readPages(pdf, layout)).map((page) => textOf(page));
}

/**
 * An A5 page's margins (mm), as the pipeline's page geometry gives them for 148 × 210 mm (the
 * colophon's comment spells them out: text area 148 − 19.2 − 14.8 wide, 210 − 18.1 − 20 high);
 * written out here rather than imported, so that a change of the geometry shows in the tests.
 */
export const a5Margins = { top: 18.1, bottom: 20, inner: 19.2, outer: 14.8, side: 14.8 };

/** Whether a word stands in the text area of an A5 screen-edition page. */
export const inA5TextArea = (word: Word, page: Page) => within(word, textAreaOf(page, a5Margins));
