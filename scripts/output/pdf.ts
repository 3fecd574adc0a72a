import type { CoverReport } from "../report/build-report.ts";
import { coverCharacters, coverDesign, makeCover } from "./cover.ts";
import type { CoverDesign } from "../cover/design.ts";
import { subsetFontsForPrint, type PrintFonts } from "../fonts/print-subset.ts";
import type { BuildContext } from "./context.ts";
import { isPdf, layouts, layoutTable, type Layout, type PdfEdition } from "../outputs.ts";
import { renderBookParts, type BookPart } from "../render/book-html.ts";
import type { BuildReport, PdfReport } from "../report/build-report.ts";
import { checkColophonFigures } from "../verify/colophon-figures.ts";
import { checkPageReferences } from "../verify/page-references.ts";
import { verifyPdf } from "./verify-pdf.ts";
import { compareTextLayers } from "../verify/text-layer.ts";
import { setPdfMetadata } from "../typeset/pdf-metadata.ts";
import { pdfxOf } from "../typeset/pdfx.ts";
import { makePrintEdition } from "../typeset/print-edition.ts";
import { typesetPdf, type LayoutProgress, type TypesetPdf } from "../typeset/typeset.ts";

/** What an edition's PDFs share: the book in parts for each layout, the fonts subset for them and its covers, and how each layout was typeset. */
export interface PrintJob {
  partsOf: Record<Layout, BookPart[]>;
  fonts: PrintFonts;
  design: CoverDesign;
  typesetting: BuildReport["typesetting"];
}

/** The edition's book in parts for both layouts, the fonts subset to what they and the covers print, and its covers' design. */
export async function printJob(context: BuildContext): Promise<PrintJob> {
  const { book, chapters, faces } = context;
  const partsOf = Object.fromEntries(layouts.map((layout) => [layout, renderBookParts({ config: book.config, chapters, layout, faces }, context.assets)])) as Record<Layout, BookPart[]>;
  const fonts = await context.stage("subset fonts", () => subsetFontsForPrint([...Object.values(partsOf).flat().map((part) => part.html), coverCharacters(book.config)], faces));
  return { partsOf, fonts, design: await coverDesign(book.config, book.coverPath, faces), typesetting: {} };
}

/**
 * One layout's PDFs from its typesetting: the book is typeset once (the screen edition); the print edition and, with
 * --press-ready, its PDF/X are made from that, and each file passes the same checks. The checks
 * run in poppler's processes while this one makes the next edition.
 */
export async function buildPdfs(context: BuildContext, job: PrintJob, layout: Layout, typesetting: Promise<TypesetPdf>): Promise<Array<PdfReport | CoverReport>> {
  const { config } = context.book;
  const specOf = (edition: PdfEdition) => context.outputs.filter(isPdf).find((spec) => spec.layout === layout && spec.edition === edition)!;
  const typeset = await typesetting;
  const screenSpec = specOf("screen");
  checkPageReferences(typeset.document, typeset.pageReferences, context.outputFile(screenSpec.fileName));
  const document = setPdfMetadata(typeset, config, layoutTable[layout].direction, new Date());
  await context.staging.write(screenSpec.fileName, await document.save());
  const screenVerified = verifyPdf(context, screenSpec, { trimOffset: 0, pageNumbers: typeset.pageReferences, partPages: typeset.partPages });
  // Awaited below; until then a failure must not count as unhandled.
  screenVerified.catch(() => undefined);
  const print = await makePrintEdition(document, { trimMm: [config.page.widthMm, config.page.heightMm], bleedMm: config.bleed, pageMultiple: config.pageMultiple });
  const printSpec = specOf("print");
  await context.staging.write(printSpec.fileName, print.bytes);
  await checkColophonFigures(context.staging.pathFor(printSpec.fileName), config, layout, context.outputFile(printSpec.fileName));
  const cover = config.paper ? makeCoverFor(context, job, layout, document.getPageCount()) : undefined;
  // Awaited below; until then a failure must not count as unhandled.
  cover?.catch(() => undefined);
  const verified = [{ pdf: await screenVerified, blankPagesAdded: 0 }, { pdf: await verifyPdf(context, printSpec, { trimOffset: print.trimOffset, pageNumbers: typeset.pageReferences, derivedFrom: screenVerified }), blankPagesAdded: print.blankPagesAdded }];
  if (context.pressReady) {
    const pdfxSpec = specOf("pdfx");
    const [printPath, pdfxPath] = [context.staging.pathFor(printSpec.fileName), context.staging.pathFor(pdfxSpec.fileName)];
    await context.staging.write(pdfxSpec.fileName, await pdfxOf(printPath, context.workDir, config.title));
    const pdfx = await verifyPdf(context, pdfxSpec, { trimOffset: print.trimOffset, pageNumbers: typeset.pageReferences });
    await compareTextLayers(printPath, pdfxPath, pdfx.output);
    verified.push({ pdf: pdfx, blankPagesAdded: print.blankPagesAdded });
  }
  return [...verified.map(({ pdf, blankPagesAdded }) => ({ ...pdf.report, blankPagesAdded })), ...((await cover) ?? [])];
}

/** The layout typeset, its parts cached for later builds; how is recorded for the report. */
export async function typesetLayout(context: BuildContext, job: PrintJob, layout: Layout): Promise<TypesetPdf> {
  const { tag } = context;
  const parts = job.partsOf[layout];
  // An edition's progress is not shown: the progress line counts the manuscript's layouts.
  const onProgress = tag ? undefined : (progress: LayoutProgress) => context.options.onLayoutProgress?.(layout, progress);
  const pdf = await typesetPdf(context.browser(), parts, { workDir: context.workDir, name: tag ? `${tag}-${layout}` : layout, tagged: context.book.config.taggedPdf, fonts: job.fonts, cache: context.cache, onProgress });
  job.typesetting[tag ? `${layout} ${tag}` : layout] = { parts: parts.length, reused: pdf.partsReused, pagesSetAgain: pdf.pagesSetAgain };
  return pdf;
}

/** The layout's print cover and, with --press-ready, its PDF/X, for a print edition of `printPages`. */
function makeCoverFor(context: BuildContext, job: PrintJob, layout: Layout, printPages: number): Promise<CoverReport[]> {
  const fileOf = (edition: PdfEdition) => {
    const { fileName } = context.outputs.find((spec) => spec.layout === layout && spec.edition === edition)!;
    return { fileName, output: context.outputFile(fileName) };
  };
  const files = { cover: fileOf("cover"), ...(context.pressReady ? { pdfx: fileOf("cover-pdfx") } : {}) };
  return context.stage(`cover ${layout}`, () => makeCover({ design: job.design, layout, printPages, browser: context.browser(), fonts: job.fonts, workDir: context.workDir, source: context.book.source, files, write: (name, bytes) => context.staging.write(name, bytes) }));
}
