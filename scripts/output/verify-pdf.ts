import type { PDFDocument } from "pdf-lib";
import type { VFile } from "vfile";
import { declaredPostscriptNames } from "../fonts/coverage.ts";
import type { PdfSpec } from "../outputs.ts";
import { printedText, runningHeadTexts, type PageNumbers } from "../render/expected-text.ts";
import { pageGeometry } from "../render/page-css.ts";
import type { PdfReport } from "../report/build-report.ts";
import { lowResolutionImages } from "../report/preflight.ts";
import { millimetresToPoints } from "../typeset/print-edition.ts";
import { findLoneCharacters, reportLoneCharacters } from "../verify/lone-characters.ts";
import { checkMargins } from "../verify/page-margins.ts";
import { checkSamePages, readPdfFacts } from "../verify/pdf-boxes.ts";
import { checkPdfFonts, readPdfFonts } from "../verify/pdf-fonts.ts";
import { checkPdfImages, rasterFigures, readPdfImages } from "../verify/pdf-images.ts";
import { checkPressFile, openPdf } from "../verify/pdf.ts";
import { readPdfWords } from "../verify/pdf-text.ts";
import { readBookPdf, type ReadingStore } from "../verify/part-readings.ts";
import type { PartCache, PartPages } from "../typeset/part-cache.ts";
import { checkPrintedText, pdfBodyText, type TextArea } from "../verify/text-completeness.ts";
import type { BuildContext } from "./context.ts";

/** A PDF's report, its document as read back (for a PDF derived from it), and the file its messages go to. */
export interface VerifiedPdf {
  report: Omit<PdfReport, "blankPagesAdded">;
  document: PDFDocument;
  output: VFile;
}

/** What the checks of one PDF are told of how it was made. */
export interface PdfOrigin {
  /** Points between the page's edge and the trim (the print edition's bleed and marks). */
  trimOffset: number;
  /** The pages the layout printed in its page references. */
  pageNumbers: PageNumbers;
  /** The parts the layout joined, for the PDF it joined them into: what is read of their pages is kept between builds. */
  partPages?: readonly PartPages[];
  /** The verified PDF this one was made from by new page boxes (the print edition). */
  derivedFrom?: Promise<VerifiedPdf>;
}

/**
 * The checks every PDF passes before it may replace the previous build's. A PDF `derivedFrom` an
 * already verified one is checked to draw every page of that one unchanged instead of having every
 * glyph's position read again; its pages' fonts and images are the same objects, so they are not
 * listed again either.
 */
export async function verifyPdf(context: BuildContext, spec: PdfSpec, { trimOffset, pageNumbers, partPages, derivedFrom }: PdfOrigin): Promise<VerifiedPdf> {
  const { config } = context.book;
  const output = context.outputFile(spec.fileName);
  const pdfPath = context.staging.pathFor(spec.fileName);
  // Poppler reads the file while pdf-lib reads it here, once for every check that needs its objects.
  const { bytes, loading } = await openPdf(pdfPath);
  const geometry = pageGeometry(config.page);
  const area = {
    top: trimOffset + geometry.top * millimetresToPoints,
    bottom: trimOffset + geometry.bottom * millimetresToPoints,
    side: trimOffset + Math.min(geometry.inner, geometry.outer) * millimetresToPoints,
  };
  const reading = derivedFrom ? undefined : readContents(context, spec, pdfPath, loading, area, pageNumbers, partPages, output);
  // Awaited below; until then a failure must not count as unhandled.
  reading?.catch(() => undefined);
  const document = await loading;
  const facts = readPdfFacts(document);
  const { text, outsideTextArea, loneCharacters, fonts, lowResolutionImages } = derivedFrom
    ? await derivedFrom.then((original) => (checkSamePages(original.document, document, output), original.report))
    : await reading!;
  const rgbContent = spec.edition === "screen" ? undefined : checkPressFile(document, { trimMm: [config.page.widthMm, config.page.heightMm], bleedMm: config.bleed }, spec.edition === "pdfx", output);
  const report: Omit<PdfReport, "blankPagesAdded"> = {
    format: "pdf",
    layout: spec.layout,
    edition: spec.edition,
    path: spec.fileName,
    pages: facts.pages,
    bytes: bytes.length,
    trimMm: facts.trimMm,
    bleedMm: facts.bleedMm,
    bookmarks: facts.outlineEntries,
    fonts,
    lowResolutionImages,
    ...(rgbContent ? { rgbContent, pdfxVersion: facts.pdfxVersion ?? "" } : {}),
    text,
    outsideTextArea,
    loneCharacters,
  };
  return { report, document, output };
}

/** What a PDF carries, read and checked: its text (complete, inside the text area), fonts and images. */
async function readContents(
  context: BuildContext,
  spec: PdfSpec,
  pdfPath: string,
  document: Promise<PDFDocument>,
  area: TextArea,
  pageNumbers: PageNumbers,
  partPages: readonly PartPages[] | undefined,
  output: VFile,
): Promise<Pick<PdfReport, "text" | "outsideTextArea" | "loneCharacters" | "fonts" | "lowResolutionImages">> {
  const { config } = context.book;
  const reading = partPages
    ? readBookPdf(pdfPath, document, partPages, readingStore(context.cache))
    : Promise.all([readPdfWords(pdfPath), document.then((loaded) => readPdfImages(pdfPath, loaded))]).then(([pages, images]) => ({ pages, images }));
  const [{ pages, images }, fonts] = await Promise.all([reading, readPdfFonts(pdfPath)]);
  const text = checkPrintedText(printedText(config, context.book.source, context.chapters, spec.layout, pageNumbers), pdfBodyText(pages, spec.layout, area), output);
  const outsideTextArea = checkMargins(pages, spec.layout, area, runningHeadTexts(config, context.chapters), output);
  const lone = findLoneCharacters(pages, spec.layout, area);
  // Named once per layout: the print edition draws the screen edition's pages, the PDF/X file too.
  if (spec.edition === "screen") reportLoneCharacters(lone, spec.fileName, output);
  checkPdfFonts(fonts, declaredPostscriptNames(), output);
  const figures = rasterFigures(context.chapters, context.book.manuscriptDir);
  checkPdfImages(images.length, figures.length, output);
  const loneCharacters = { count: lone.found.length, lines: lone.lines, pages: lone.found.map((found) => found.page) };
  return { text, outsideTextArea, loneCharacters, fonts, lowResolutionImages: lowResolutionImages(images, figures) };
}

/** The readings of the parts' pages, kept as the part cache's artifacts. */
const readingStore = (cache: PartCache | undefined): ReadingStore | undefined =>
  cache && {
    get: (partKey) => cache.getArtifact(cache.artifactKey("reading", partKey)),
    put: (partKey, bytes) => cache.putArtifact(cache.artifactKey("reading", partKey), bytes),
  };
