import type { Layout } from "../outputs.ts";
import type { PdfPage, PdfWord } from "./pdf-text.ts";

/** Words further apart than this (points) across the line belong to different columns. */
const columnTolerance = 3;

const centre = (word: PdfWord) => (word.xMin + word.xMax) / 2;

/**
 * Words of a page in the order a reader takes them. pdftotext already orders horizontal text; it
 * reads vertical text as scattered glyphs, so vertical pages are regrouped into columns, taken
 * right to left, each top to bottom.
 */
export function wordsInReadingOrder(page: PdfPage, layout: Layout): PdfWord[] {
  if (layout === "horizontal") return page.words;
  const columns: Array<{ x: number; words: PdfWord[] }> = [];
  for (const word of [...page.words].sort((a, b) => centre(b) - centre(a))) {
    const column = columns.at(-1);
    if (column && Math.abs(column.x - centre(word)) <= columnTolerance) column.words.push(word);
    else columns.push({ x: centre(word), words: [word] });
  }
  return columns.flatMap((column) => column.words.sort((a, b) => a.yMin - b.yMin));
}
