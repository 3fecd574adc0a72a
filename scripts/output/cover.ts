import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { VFile } from "vfile";
import type { BookConfig } from "../book/schema.ts";
import { warn } from "../diagnostics.ts";
import { declaredPostscriptNames } from "../fonts/coverage.ts";
import type { DeclaredFace } from "../fonts/declared.ts";
import { fontFaceCss } from "../fonts/font-css.ts";
import type { PrintFonts } from "../fonts/print-subset.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { layoutTable, type Layout } from "../outputs.ts";
import { projectRoot } from "../book/paths.ts";
import type { CoverReport } from "../report/build-report.ts";
import { lowResolutionImages } from "../report/preflight.ts";
import type { BookBrowser } from "../typeset/browser.ts";
import { printCoverPdf } from "../typeset/cover-pdf.ts";
import { slugMm } from "../typeset/print-edition.ts";
import { pdfxOf } from "../typeset/pdfx.ts";
import { compareTextLayers } from "../verify/text-layer.ts";
import { checkPdfFonts, readPdfFonts } from "../verify/pdf-fonts.ts";
import { readPdfImages } from "../verify/pdf-images.ts";
import { checkPressFile, openPdf } from "../verify/pdf.ts";
import { checkBarcode, checkCoverText } from "../verify/cover.ts";
import { isbnBarcode } from "../cover/barcode.ts";
import { coverSpreadHtml, priceLine, type CoverDesign } from "../cover/design.ts";
import { coverGeometry, minimumLetteredSpineMm, panelOf } from "../cover/geometry.ts";

/** What every cover of the book shares: the design's template, fonts and picture. */
export async function coverDesign(config: BookConfig, coverPath: string | undefined, faces: readonly DeclaredFace[]): Promise<CoverDesign> {
  return { config, template: await readFile(path.join(projectRoot, "templates", "cover.html"), "utf8"), fontsCss: fontFaceCss(faces), ...(coverPath ? { pictureUrl: pathToFileURL(coverPath).href } : {}) };
}

/** The texts the cover shows, for the print subset of the fonts and for the completeness check. */
export function coverTexts(config: BookConfig, options: { picture: boolean; letteredSpine: boolean }): string[] {
  const front = options.picture ? [] : [config.title, config.subtitle ?? "", ...config.authors, config.publisher];
  const spine = options.letteredSpine ? [config.title, ...config.authors, config.publisher] : [];
  const back = [config.cover?.back ?? "", config.isbn ? `ISBN ${config.isbn.written}` : "", priceLine(config) ?? ""];
  return [...front, ...spine, ...back].filter(Boolean);
}

/** Every character a cover of the book may show, as written and as the typesetter sets it, for the print subset of the fonts. */
export function coverCharacters(config: BookConfig): string {
  return coverTexts(config, { picture: false, letteredSpine: true }).map((text) => text + cjk(text)).join("");
}

export interface CoverFile {
  fileName: string;
  output: VFile;
}

export interface CoverJob {
  design: CoverDesign;
  layout: Layout;
  /** Pages of the layout's print edition, blank pages included: they set the spine. */
  printPages: number;
  browser: BookBrowser;
  fonts: PrintFonts;
  workDir: string;
  /** book.yaml, for what the editor should know about the cover. */
  source: VFile;
  /** The cover's file, and with --press-ready its PDF/X's, each with the file its messages go to. */
  files: { cover: CoverFile; pdfx?: CoverFile };
  /** Stages the PDF and returns where it lies. */
  write(fileName: string, bytes: Uint8Array): Promise<string>;
}

/**
 * `book-<layout>-cover.pdf`: the print cover spread for this layout's print edition, then read
 * back: the boxes against the spread's geometry, the fonts, the text, the picture's resolution,
 * and the barcode as a scanner reads it. With --press-ready also its PDF/X, checked as the
 * interior's is.
 */
export async function makeCover(job: CoverJob): Promise<CoverReport[]> {
  const { config } = job.design;
  const geometry = coverGeometry({
    pageMm: [config.page.widthMm, config.page.heightMm],
    printPages: job.printPages,
    leafThicknessMm: config.paper!.thickness,
    flapsMm: config.cover?.flaps,
    bleedMm: config.bleed,
    direction: layoutTable[job.layout].direction,
  });
  const letteredSpine = geometry.spineMm >= minimumLetteredSpineMm;
  if (!letteredSpine) warn(job.source, `Unexpected spine of ${geometry.spineMm.toFixed(1)} mm on the ${job.layout} cover, expected at least ${minimumLetteredSpineMm} mm to print title, authors and publisher on: the spine is left blank`, undefined, "spine");
  const barcode = config.isbn ? isbnBarcode(config.isbn.ean13) : undefined;
  const html = coverSpreadHtml(job.design, geometry, barcode);
  const { cover, pdfx } = job.files;
  const pdfPath = await job.write(cover.fileName, await printCoverPdf(job.browser, html, geometry, { workDir: job.workDir, name: `${job.layout}-cover`, fonts: job.fonts }));
  const { bytes, loading } = await openPdf(pdfPath);
  const document = await loading;
  checkPressFile(document, geometry, false, cover.output);
  const back = panelOf(geometry, "back")!;
  const [fonts, text, images] = await Promise.all([
    readPdfFonts(pdfPath),
    checkCoverText(pdfPath, coverTexts(config, { picture: Boolean(job.design.pictureUrl), letteredSpine }), cover.output),
    readPdfImages(pdfPath, document),
    // The lower half of the back cover, where the barcode stands.
    barcode ? checkBarcode(pdfPath, { xMm: slugMm + geometry.bleedMm + back.xMm, yMm: slugMm + geometry.bleedMm + geometry.trimMm[1] / 2, widthMm: back.widthMm, heightMm: geometry.trimMm[1] / 2 }, config.isbn!.ean13, job.workDir, cover.output) : undefined,
  ]);
  checkPdfFonts(fonts, declaredPostscriptNames(), cover.output);
  const report: CoverReport = {
    format: "pdf",
    layout: job.layout,
    edition: "cover",
    path: cover.fileName,
    bytes: bytes.length,
    pages: 1,
    trimMm: geometry.trimMm,
    bleedMm: geometry.bleedMm,
    spineMm: Math.round(geometry.spineMm * 100) / 100,
    blankPagesAdded: 0,
    bookmarks: 0,
    fonts,
    lowResolutionImages: lowResolutionImages(images, config.cover?.image ? [config.cover.image] : []),
    text,
    ...(config.isbn ? { barcode: config.isbn.ean13 } : {}),
  };
  if (!pdfx) return [report];
  const pdfxPath = await job.write(pdfx.fileName, await pdfxOf(pdfPath, job.workDir, config.title));
  const { bytes: pdfxBytes, loading: converting } = await openPdf(pdfxPath);
  const rgbContent = checkPressFile(await converting, geometry, true, pdfx.output)!;
  const [pdfxFonts] = await Promise.all([readPdfFonts(pdfxPath), compareTextLayers(pdfPath, pdfxPath, pdfx.output)]);
  checkPdfFonts(pdfxFonts, declaredPostscriptNames(), pdfx.output);
  return [report, { ...report, edition: "cover-pdfx", path: pdfx.fileName, bytes: pdfxBytes.length, fonts: pdfxFonts, rgbContent }];
}
