import type { Layout } from "../outputs.ts";
import type { PdfPage, PdfWord } from "./pdf-text.ts";

/** Words further apart than this (points) across the line belong to different columns. */
const columnTolerance = 3;

const centre = (word: PdfWord) => (word.xMin + word.xMax) / 2;

/**
 * Words of a page in the order a reader takes them. pdftotext gives words in the order they were
 * painted, which is not the order of reading once a block is positioned (a code block's
 * continuation marks) or floated; it reads vertical text as scattered glyphs. So pages are regrouped
 * into lines, taken top to bottom, each left to right, or into columns, taken right to left, each
 * top to bottom.
 */
export const wordsInReadingOrder = (page: PdfPage, layout: Layout): PdfWord[] => linesOf(page, layout).flat();

/** The lines of a page (columns in vertical text) in reading order, each its words in order. */
export function linesOf(page: PdfPage, layout: Layout): PdfWord[][] {
  if (layout === "horizontal") return wordsInLines(page.words);
  const columns: Array<{ x: number; left: number; words: PdfWord[] }> = [];
  for (const word of [...page.words].sort((a, b) => centre(b) - centre(a))) {
    const column = columns.at(-1);
    // A half-width digit or letter set upright stands left of the column's centre line, within its full-width glyphs.
    if (column && centre(word) >= Math.min(column.left, column.x - columnTolerance)) column.words.push(word);
    else columns.push({ x: centre(word), left: word.xMin, words: [word] });
  }
  return columns.map((column) => column.words.sort((a, b) => a.yMin - b.yMin));
}

/**
 * Words whose heights overlap by 60 % of the smaller one share a line (a raised note call
 * included). Not half: Ghostscript's PDF/X gives CJK words boxes of twice the font size, so the
 * boxes of a tightly set block (the colophon, 1.4 lines) overlap their neighbours' by half.
 */
function wordsInLines(words: readonly PdfWord[]): PdfWord[][] {
  const lines: Array<{ top: number; bottom: number; words: PdfWord[] }> = [];
  for (const word of [...words].sort((a, b) => a.yMin - b.yMin)) {
    const line = lines.at(-1);
    const overlap = line ? Math.min(line.bottom, word.yMax) - Math.max(line.top, word.yMin) : 0;
    if (line && overlap >= Math.min(line.bottom - line.top, word.yMax - word.yMin) * 0.6) {
      line.words.push(word);
      line.bottom = Math.max(line.bottom, word.yMax);
    } else {
      lines.push({ top: word.yMin, bottom: word.yMax, words: [word] });
    }
  }
  return lines.map((line) => line.words.sort((a, b) => a.xMin - b.xMin));
}
