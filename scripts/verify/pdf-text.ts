import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

/** Pages per pdftotext process at least: below that, starting another costs more than it saves. */
const pagesPerProcess = 100;

/** The number of pages of a PDF, by poppler's pdfinfo. */
export async function pdfPageCount(pdfPath: string): Promise<number> {
  const { stdout: info } = await run("pdfinfo", [pdfPath]);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Pages `first` to `last` of a PDF, counted from 1, both included. */
export interface PageRange {
  first: number;
  last: number;
}

/**
 * Every word of the PDF (or of `pages`) with its box (points, origin top left), page by page, via
 * poppler's pdftotext, in the order the page draws them (`-raw`): reading order is worked out from
 * the boxes (wordsInReadingOrder), and poppler's own analysis of a vertical page's columns costs
 * more than the rest of the reading (3.7 s instead of 2.1 s for 900 pages). A long PDF is read in
 * page ranges, one process per core, which finishes a book's checks sooner when the other layout's
 * are done.
 */
export async function readPdfWords(pdfPath: string, pages?: PageRange): Promise<PdfPage[]> {
  const { first, last } = pages ?? { first: 1, last: await pdfPageCount(pdfPath) };
  const pageCount = last - first + 1;
  const processes = Math.max(1, Math.min(os.availableParallelism(), Math.floor(pageCount / pagesPerProcess)));
  const ranges = Array.from({ length: processes }, (_, index) => [first + Math.floor((pageCount * index) / processes), first + Math.floor((pageCount * (index + 1)) / processes) - 1]);
  const outputs = await Promise.all(
    ranges.map(([from, to]) => run("pdftotext", ["-bbox", "-raw", "-enc", "UTF-8", "-f", String(from), "-l", String(to), pdfPath, "-"], { maxBuffer: 1 << 30 })),
  );
  return outputs.flatMap(({ stdout }, index) => parseWordBoxes(stdout, ranges[index]![0]!));
}

/** The words of every page of the PDF, joined: its text without the spaces between words, in the order the pages draw it. */
export async function readPdfText(pdfPath: string): Promise<string> {
  return (await readPdfWords(pdfPath)).flatMap((page) => page.words.map((word) => word.text)).join("");
}

/**
 * Pages of pdftotext's `-bbox` output, numbered from `firstPage`, read by position: regular
 * expressions over its 60 MB for a 1,000-page vertical book took twice as long.
 */
export function parseWordBoxes(xml: string, firstPage: number): PdfPage[] {
  const pages: PdfPage[] = [];
  for (let at = xml.indexOf("<page "); at >= 0; at = xml.indexOf("<page ", at)) {
    const end = xml.indexOf("</page>", at);
    const page = firstPage + pages.length;
    const [width, height] = [readAttribute(xml, 'width="', at), readAttribute(xml, 'height="', at)];
    const words: PdfWord[] = [];
    for (let word = xml.indexOf("<word ", at); word >= 0 && word < end; word = xml.indexOf("<word ", word + 1)) {
      const textStart = xml.indexOf(">", word) + 1;
      const text = xml.slice(textStart, xml.indexOf("<", textStart));
      words.push({
        page,
        text: text.includes("&") ? decodeEntities(text) : text,
        xMin: readAttribute(xml, 'xMin="', word),
        yMin: readAttribute(xml, 'yMin="', word),
        xMax: readAttribute(xml, 'xMax="', word),
        yMax: readAttribute(xml, 'yMax="', word),
      });
    }
    pages.push({ width, height, words });
    at = end;
  }
  return pages;
}

const readAttribute = (xml: string, nameAndQuote: string, from: number) => readNumber(xml, xml.indexOf(nameAndQuote, from) + nameAndQuote.length);

const powersOfTen = Array.from({ length: 23 }, (_, power) => 10 ** power);

/** The decimal number written at `start` (as pdftotext writes them: `-12.345600`), as Number() reads it. */
function readNumber(text: string, start: number): number {
  let index = start;
  const negative = text.charCodeAt(index) === 45;
  if (negative) index++;
  let digits = 0;
  let decimals = -1;
  for (; ; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits = digits * 10 + code - 48;
      if (decimals >= 0) decimals++;
    } else if (code === 46 && decimals < 0) decimals = 0;
    else break;
  }
  // One division of exact integers rounds as parsing the decimal does.
  const value = decimals > 0 ? digits / powersOfTen[decimals]! : digits;
  return negative ? -value : value;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);
}
