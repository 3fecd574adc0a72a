import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDict, PDFName, PDFStream, type PDFDocument } from "pdf-lib";
import type { VFile } from "vfile";
import { isSvgPath } from "../book/images.ts";
import { error } from "../diagnostics.ts";
import type { ParsedChapter } from "../markdown/parse.ts";

const run = promisify(execFile);

export interface PlacedImage {
  page: number;
  /** Resolution at the placed size, the lower of its two axes. */
  ppi: number;
}

/** pdfimages processes at most, each listing a stretch of pages holding images. */
const mostProcesses = 8;

/**
 * Every image placement in the PDF, in page order, as poppler's pdfimages lists them. Only pages
 * whose resources hold an image are listed: pdfimages interprets every page it is given, which
 * took 0.7 s for a 1,000-page book of seven figures, and about 10 ms for the seven pages. `among`:
 * only these pages (counted from 1).
 */
export async function readPdfImages(pdfPath: string, document: PDFDocument, among?: readonly number[]): Promise<PlacedImage[]> {
  const pages = (among ?? document.getPageIndices().map((index) => index + 1)).filter((page) => drawsAnImage(document.getPage(page - 1).node.Resources(), new Set()));
  const listings = await Promise.all(pageStretches(pages, mostProcesses).map(([first, last]) => run("pdfimages", ["-list", "-f", String(first), "-l", String(last), pdfPath], { maxBuffer: 1 << 26 })));
  // Rows read "page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio";
  // soft masks are listed apart from their image.
  return listings
    .flatMap(({ stdout }) => stdout.split("\n"))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2] === "image")
    .map((fields) => ({ page: Number(fields[0]), ppi: Math.min(Number(fields[12]), Number(fields[13])) }));
}

/** Whether resources hold an image: directly, or in a form or pattern they draw. */
function drawsAnImage(resources: PDFDict | undefined, seen: Set<string>): boolean {
  if (!resources) return false;
  const { context } = resources;
  const named = [PDFName.of("XObject"), PDFName.of("Pattern")].flatMap((kind) => resources.lookupMaybe(kind, PDFDict)?.values() ?? []);
  return named.some((value) => {
    if (seen.has(String(value))) return false;
    seen.add(String(value));
    const object = context.lookup(value);
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (dict?.get(PDFName.of("Subtype")) === PDFName.of("Image")) return true;
    return drawsAnImage(dict?.lookupMaybe(PDFName.of("Resources"), PDFDict), seen);
  });
}

/** Pages (ascending) as at most `most` stretches first–last, split at the widest gaps. */
export function pageStretches(pages: readonly number[], most: number): Array<[number, number]> {
  const splits = pages
    .slice(1)
    .map((page, index) => ({ at: index + 1, gap: page - pages[index]! }))
    .filter(({ gap }) => gap > 1)
    .sort((a, b) => b.gap - a.gap)
    .slice(0, most - 1)
    .map(({ at }) => at)
    .sort((a, b) => a - b);
  const bounds = [0, ...splits, pages.length];
  return pages.length === 0 ? [] : bounds.slice(1).map((end, index) => [pages[bounds[index]!]!, pages[end - 1]!]);
}

/**
 * The manuscript's images that pdfimages lists, in the order the PDF places them, relative to the
 * manuscript folder. An SVG figure is not among them: Chromium draws it into the page's own content
 * as paths and text, with no image object, and resolution means nothing for it. Its text, if it has
 * any, is checked with the book's (printedText); one without text is not checked to be on a page.
 */
export function rasterFigures(chapters: readonly ParsedChapter[], manuscriptDir: string): string[] {
  return chapters.flatMap((chapter) => chapter.images.filter((image) => !isSvgPath(image.absolutePath)).map((image) => path.relative(manuscriptDir, image.absolutePath)));
}

/**
 * A figure the layout pushes off the page is culled from the PDF without a trace in its text;
 * counting placed images against the manuscript's catches it.
 */
export function checkPdfImages(placed: number, expected: number, output: VFile): void {
  if (placed < expected) {
    error(output, `Unexpected ${expected - placed} of ${expected} image(s) missing from the PDF, expected every figure on a page: a figure may be too large for the text area`, undefined, "image-missing");
  }
}
