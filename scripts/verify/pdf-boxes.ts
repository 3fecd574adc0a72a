import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFPage } from "pdf-lib";
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
export async function readPdfFacts(pdf: Uint8Array): Promise<PdfFacts> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
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

function countOutline(document: PDFDocument): number {
  const count = document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.get(PDFName.of("Count"));
  return count instanceof PDFNumber ? Math.abs(count.asNumber()) : 0;
}

/**
 * Every page of a print edition: TrimBox the trim size, BleedBox the trim plus the bleed on each
 * side, MediaBox larger still so the crop marks lie outside the bleed.
 */
export async function checkPrintBoxes(pdf: Uint8Array, trimMm: [number, number], bleedMm: number, output: VFile): Promise<void> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
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
