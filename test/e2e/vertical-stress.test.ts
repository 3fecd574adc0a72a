import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { runCli, tempDir } from "../helpers.ts";
import { readPages, wordsOf, type Page as PdfPage, type Word as PdfWord } from "../pdf-reader.ts";
import { generateVerticalStressBook, type VerticalStressBook } from "../vertical-stress-book.ts";

// Inline code, links, URLs, Latin words and numbers glued to Han or spaced, at every place of a
// column. Before issue 26 was fixed, Chromium painted the character after such a span an em up the
// column and a third of a column across: above the text area at a column's head, over the span
// elsewhere.
const a5 = pageGeometry({ widthMm: 148, heightMm: 210 });
const mmToPt = 72 / 25.4;
/**
 * pdftotext estimates a vertical glyph's box from its horizontal metrics, about 1.4 em tall: at a
 * column's head it overhangs the text area by 3 pt, and a closing bracket set half-width at its foot
 * by 7 pt. A word is inside when its centre is and its box overhangs by less than that.
 */
const overhang = 0.75 * a5.bodySizePt;
let book: VerticalStressBook;
let pages: PdfPage[];

before(async () => {
  book = await generateVerticalStressBook(await tempDir("vertical-stress-"));
  const out = await tempDir();
  const run = await runCli(["--manuscript", book.dir, "--out", out]);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  pages = await readPages(path.join(out, "book-vertical-screen.pdf"), "vertical");
});

/** The text area as the page's margins leave it, in points from the top left; the narrower side margin on either side. */
function textArea(page: PdfPage) {
  const side = Math.min(a5.inner, a5.outer) * mmToPt;
  return { top: a5.top * mmToPt, bottom: page.height - a5.bottom * mmToPt, left: side, right: page.width - side };
}

const inside = (word: PdfWord, page: PdfPage) => {
  const area = textArea(page);
  const [x, y] = [(word.xMin + word.xMax) / 2, (word.yMin + word.yMax) / 2];
  const centred = y >= area.top && y <= area.bottom && x >= area.left && x <= area.right;
  return centred && word.yMin >= area.top - overhang && word.yMax <= area.bottom + overhang && word.xMin >= area.left - overhang && word.xMax <= area.right + overhang;
};

/** A running head's character in a side margin, or a page number below the text area. */
function inMargin(word: PdfWord, page: PdfPage, heads: Set<string>): boolean {
  const area = textArea(page);
  const [x, y] = [(word.xMin + word.xMax) / 2, (word.yMin + word.yMax) / 2];
  return (heads.has(word.text) && (x < area.left || x > area.right)) || (/^\d+$/.test(word.text) && y > area.bottom);
}

test("every word of the text lies inside the text area: only running heads and page numbers stand outside", () => {
  // The running heads stand in the side margins a character at a time, the page numbers below.
  const heads = new Set([...book.title, ...book.chapterTitle]);
  const strays = pages.flatMap((page, index) =>
    wordsOf(page).filter((word) => !inside(word, page) && !inMargin(word, page, heads)).map((word) => `page ${index + 1}: “${word.text}” at x ${word.xMin.toFixed(1)}–${word.xMax.toFixed(1)}, y ${word.yMin.toFixed(1)}–${word.yMax.toFixed(1)}`),
  );
  assert.deepEqual(strays, []);
});

test("every Han character stands in its column", () => {
  // A column's characters share their left edge; one painted out of place lies a few points beside it.
  const misplaced: string[] = [];
  pages.forEach((page, index) => {
    const glyphs = wordsOf(page).filter((word) => /^\p{Script=Han}$/u.test(word.text) && inside(word, page)).sort((a, b) => a.xMin - b.xMin);
    const columns: PdfWord[][] = [];
    for (const glyph of glyphs) {
      const column = columns.at(-1);
      if (column && glyph.xMin - column.at(-1)!.xMin <= 0.5) column.push(glyph);
      else columns.push([glyph]);
    }
    for (const column of columns.filter((candidate) => candidate.length < 3)) {
      const x = column[0]!.xMin;
      if (columns.some((other) => other.length >= 3 && Math.abs(other[0]!.xMin - x) <= 7)) misplaced.push(...column.map((glyph) => `page ${index + 1}: ${glyph.text} at x ${glyph.xMin.toFixed(1)}, y ${glyph.yMin.toFixed(1)}`));
    }
  });
  assert.deepEqual(misplaced, []);
});

test("every inline code span, URL, Latin word and number is printed whole, in order", () => {
  const text = pages
    .map((page) => wordsOf(page, inside).map((word) => word.text).join(""))
    .join("")
    .replace(/\s+/g, "");
  const missing: string[] = [];
  let from = 0;
  for (const token of book.tokens) {
    const at = text.indexOf(token, from);
    if (at < 0) missing.push(token);
    else from = at + token.length;
  }
  assert.equal(book.tokens.length, 576);
  assert.deepEqual(missing, []);
});
