import { readFile } from "node:fs/promises";
import { PDFDocument } from "pdf-lib";
import type { VFile } from "vfile";
import { checkPrintBoxes, readPdfFacts } from "./pdf-boxes.ts";
import { findRgbContent } from "./pdf-colour.ts";
import { checkPdfx } from "./pdfx.ts";

/** A PDF read back: its bytes, and pdf-lib loading its objects meanwhile (poppler may read the file at the same time). */
export async function openPdf(pdfPath: string): Promise<{ bytes: Uint8Array; loading: Promise<PDFDocument> }> {
  const bytes = new Uint8Array(await readFile(pdfPath));
  return { bytes, loading: PDFDocument.load(bytes, { updateMetadata: false }) };
}

/**
 * What a file for the printer passes, the book's and its cover's alike: every page's boxes, and a
 * PDF/X's declaration, output intent and colours. A PDF/X's RGB content (none when it passed), for its report.
 */
export function checkPressFile(document: PDFDocument, box: { trimMm: [number, number]; bleedMm: number }, pdfx: boolean, output: VFile): string[] | undefined {
  checkPrintBoxes(document, box.trimMm, box.bleedMm, output);
  if (!pdfx) return undefined;
  const rgbContent = findRgbContent(document);
  checkPdfx(readPdfFacts(document), rgbContent, output);
  return rgbContent;
}
