import type { PDFDocument } from "pdf-lib";
import { pageStretches, readPdfImages, type PlacedImage } from "./pdf-images.ts";
import { readPdfWords, type PdfPage } from "./pdf-text.ts";
import type { PartPages } from "../typeset/part-cache.ts";

/** Where a part's reading is kept between builds (the part cache's artifacts). */
export interface ReadingStore {
  get(partKey: string): Promise<Uint8Array | undefined>;
  put(partKey: string, bytes: Uint8Array): Promise<void>;
}

/** What the checks read from a PDF: every page's words, and every image placement. */
export interface PdfReading {
  pages: PdfPage[];
  images: PlacedImage[];
}

/**
 * The words and image placements of a book PDF joined from parts, as readPdfWords and
 * readPdfImages give them for the whole file. A part's pages draw exactly what its own PDF drew
 * (the join copies their content streams and resources), and that PDF depends on nothing but its
 * cache key, so a part is read once and its reading kept under that key: after one chapter is
 * edited, only the pages of the parts laid out again are read (for 900 pages, pdftotext took 2.3 s,
 * parsing its output 0.4 s and listing the images 0.4 s of the build's own thread, a layout). A
 * page in no part is a blank page the join added, read as empty once it is confirmed to draw nothing.
 */
export async function readBookPdf(pdfPath: string, document: Promise<PDFDocument>, parts: readonly PartPages[], store: ReadingStore | undefined): Promise<PdfReading> {
  // The join adds blank pages before parts only: the last part ends the book.
  const pageCount = Math.max(0, ...parts.map((part) => part.first + part.pages - 1));
  const pages: Array<PdfPage | undefined> = Array.from({ length: pageCount }, () => undefined);
  const images: PlacedImage[] = [];
  const kept = await Promise.all(parts.map((part) => (part.key && store ? store.get(part.key) : undefined)));
  for (const [index, part] of parts.entries()) {
    const reading = kept[index] && decodeReading(kept[index], part.first);
    if (!reading) continue;
    reading.pages.forEach((page, offset) => (pages[part.first - 1 + offset] = page));
    images.push(...reading.images);
  }
  const documentPages = (await document).getPageCount();
  if (documentPages !== pageCount) throw new Error(`The ${pdfPath} joined from parts has ${documentPages} pages, but its parts end on page ${pageCount}`);
  const inParts = new Set(parts.flatMap((part) => Array.from({ length: part.pages }, (_, offset) => part.first + offset)));
  for (let page = 1; page <= pageCount; page++) if (!inParts.has(page)) pages[page - 1] = blankPage(await document, page);
  const unread = pages.flatMap((page, index) => (page ? [] : [index + 1]));
  // Every run of consecutive unread pages, and no page between them.
  const runs = pageStretches(unread, Number.POSITIVE_INFINITY);
  const [read, readImages] = await Promise.all([Promise.all(runs.map(([first, last]) => readPdfWords(pdfPath, { first, last }))), document.then((loaded) => readPdfImages(pdfPath, loaded, unread))]);
  runs.forEach(([first], index) => read[index]!.forEach((page, offset) => (pages[first - 1 + offset] = page)));
  images.push(...readImages);
  images.sort((a, b) => a.page - b.page);
  if (store) {
    const fresh = parts.filter((part, index) => part.key && !kept[index]);
    const within = (part: PartPages, page: number) => page >= part.first && page < part.first + part.pages;
    await Promise.all(fresh.map((part) => store.put(part.key!, encodeReading({ pages: pages.slice(part.first - 1, part.first - 1 + part.pages) as PdfPage[], images: readImages.filter((image) => within(part, image.page)) }, part.first))));
  }
  return { pages: pages as PdfPage[], images };
}

/** A page that draws nothing, as pdftotext reads it (no words), or undefined if it draws something. */
function blankPage(document: PDFDocument, page: number): PdfPage | undefined {
  const { node } = document.getPage(page - 1);
  if (node.Contents()) return undefined;
  const { width, height } = node.CropBox()?.asRectangle() ?? document.getPage(page - 1).getSize();
  return { width, height, words: [] };
}

type KeptReading = [pages: Array<[width: number, height: number, words: Array<[text: string, xMin: number, yMin: number, xMax: number, yMax: number]>]>, images: Array<[page: number, ppi: number]>];

/** A part's reading as kept: pages counted from its first, each word as [text, xMin, yMin, xMax, yMax]. */
function encodeReading({ pages, images }: PdfReading, firstPage: number): Uint8Array {
  const kept: KeptReading = [pages.map((page) => [page.width, page.height, page.words.map((word) => [word.text, word.xMin, word.yMin, word.xMax, word.yMax])]), images.map((image) => [image.page - firstPage, image.ppi])];
  return Buffer.from(JSON.stringify(kept));
}

function decodeReading(bytes: Uint8Array, firstPage: number): PdfReading {
  const [pages, images] = JSON.parse(Buffer.from(bytes).toString("utf8")) as KeptReading;
  return {
    pages: pages.map(([width, height, words], offset) => ({ width, height, words: words.map(([text, xMin, yMin, xMax, yMax]) => ({ page: firstPage + offset, text, xMin, yMin, xMax, yMax })) })),
    images: images.map(([page, ppi]) => ({ page: firstPage + page, ppi })),
  };
}
