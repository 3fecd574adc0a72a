import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFPage } from "pdf-lib";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

export interface PdfFacts {
  pages: number;
  /** TrimBox of the first page, in millimetres. */
  trimMm: [number, number];
  /** BleedBox minus TrimBox on each side, in millimetres. */
  bleedMm: number;
  outlineEntries: number;
  pdfxVersion?: string;
  outputIntents: number;
}

const pointsToMillimetres = 25.4 / 72;
const round = (value: number) => Math.round(value * 10) / 10;

/** Reads back what a print shop's preflight reads: boxes, outline, PDF/X declaration. */
export function readPdfFacts(document: PDFDocument): PdfFacts {
  const first = document.getPage(0);
  const trim = first.getTrimBox();
  const bleed = first.getBleedBox();
  const version = document.context.lookupMaybe(document.context.trailerInfo.Info, PDFDict)?.get(PDFName.of("GTS_PDFXVersion"));
  const intents = document.catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  return {
    pages: document.getPageCount(),
    trimMm: [round(trim.width * pointsToMillimetres), round(trim.height * pointsToMillimetres)],
    bleedMm: round((trim.x - bleed.x) * pointsToMillimetres),
    outlineEntries: countOutline(document),
    pdfxVersion: version instanceof PDFString || version instanceof PDFHexString ? version.decodeText() : undefined,
    outputIntents: intents?.size() ?? 0,
  };
}

/** Every bookmark, the folded ones under another included (the outline's /Count counts only those shown). */
function countOutline(document: PDFDocument): number {
  const countFrom = (item: PDFDict | undefined): number => {
    let count = 0;
    for (let current = item; current; current = current.lookupMaybe(PDFName.of("Next"), PDFDict)) count += 1 + countFrom(current.lookupMaybe(PDFName.of("First"), PDFDict));
    return count;
  };
  return countFrom(document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict));
}

/**
 * Every page of a print edition: TrimBox the trim size, BleedBox the trim plus the bleed on each
 * side, MediaBox larger still so the crop marks lie outside the bleed.
 */
export function checkPrintBoxes(document: PDFDocument, trimMm: [number, number], bleedMm: number, output: VFile): void {
  const tolerance = 0.2;
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  document.getPages().forEach((page: PDFPage, index) => {
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    const media = page.getMediaBox();
    const problems = [
      !near(trim.width * pointsToMillimetres, trimMm[0]) || !near(trim.height * pointsToMillimetres, trimMm[1]) ? "TrimBox is not the trim size" : "",
      !near((trim.x - bleed.x) * pointsToMillimetres, bleedMm) || !near((bleed.width - trim.width) * pointsToMillimetres, 2 * bleedMm) ? "BleedBox is not trim + bleed" : "",
      media.x >= bleed.x || media.width <= bleed.width ? "MediaBox leaves no room for crop marks outside the bleed" : "",
    ].filter(Boolean);
    for (const problem of problems) error(output, `Unexpected page ${index + 1}: ${problem}, expected TrimBox ${trimMm.join(" × ")} mm and ${bleedMm} mm bleed`, undefined, "pdf-boxes");
  });
}

/** The raw bytes of each content stream a page draws, in order. */
function contentStreams(page: PDFPage): Uint8Array[] {
  const contents = page.node.Contents();
  const items = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return items.map((item) => {
    const stream = page.doc.context.lookup(item);
    return stream instanceof PDFRawStream ? stream.contents : new Uint8Array();
  });
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/**
 * A PDF made from another by new page boxes, drawings outside the page and blank pages before the
 * last page (the print edition from the screen edition) must draw every page of the original
 * unchanged: its content streams byte for byte, in order, with the same fonts, images and other
 * resources. Stricter than comparing the text, since any change on any page is caught, and it reads
 * no glyph again.
 */
export function checkSamePages(original: PDFDocument, derived: PDFDocument, output: VFile): void {
  const [originalPages, derivedPages] = [original.getPages(), derived.getPages()];
  const blanks = derivedPages.length - originalPages.length;
  const counterpart = (index: number) => derivedPages[index === originalPages.length - 1 ? index + blanks : index];
  const damaged = blanks < 0 ? -1 : originalPages.findIndex((page, index) => !drawsTheSame(page, counterpart(index)!));
  const blank = derivedPages.slice(originalPages.length - 1, originalPages.length - 1 + Math.max(0, blanks)).findIndex((page) => (page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict)?.keys().length ?? 0) > 0);
  if (blanks < 0 || damaged >= 0 || blank >= 0) {
    const where = blanks < 0 ? `the page count (${derivedPages.length} pages instead of at least ${originalPages.length})` : damaged >= 0 ? `page ${damaged + 1}` : `added blank page ${originalPages.length + blank}, which carries text`;
    error(output, `Unexpected difference from the screen edition at ${where}, expected the same page contents: the print edition was damaged while it was made; run the build again and report it if it persists`, undefined, "print-edition-pages");
  }
}

function drawsTheSame(original: PDFPage, derived: PDFPage): boolean {
  const [before, after] = [contentStreams(original), contentStreams(derived)];
  const start = before.length === 0 ? 0 : after.findIndex((stream) => sameBytes(stream, before[0]!));
  if (start < 0 || !before.every((stream, index) => after[start + index] && sameBytes(stream, after[start + index]!))) return false;
  // Object numbers survive loading and saving, so the same resources serialise the same.
  const resources = (page: PDFPage) => page.node.Resources();
  const [originalResources, derivedResources] = [resources(original), resources(derived)];
  return (originalResources?.entries() ?? []).every(([name, value]) => String(derivedResources?.get(name)) === String(value));
}
