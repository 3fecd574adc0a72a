import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PDFDocument } from "pdf-lib";
import type { CoverGeometry } from "../cover/geometry.ts";
import type { PrintFonts } from "../fonts/print-subset.ts";
import { confinePage, printPdf, type BookBrowser } from "./browser.ts";
import { frameForPrint, millimetresToPoints, printerMarks } from "./print-edition.ts";

/**
 * The cover spread's HTML (scripts/cover/design.ts) printed by Chromium at the spread's size plus
 * bleed, then framed for the shop as the interior's print edition is: TrimBox, BleedBox, crop
 * marks at the corners and fold marks at the spine's edges and the flaps' folds, in the slug.
 */
export async function printCoverPdf(browser: BookBrowser, html: string, geometry: CoverGeometry, options: { workDir: string; name: string; fonts: PrintFonts }): Promise<Uint8Array> {
  const htmlPath = path.join(options.workDir, `${options.name}.html`);
  await writeFile(htmlPath, html);
  const page = await browser.chromium.newPage();
  let printed: Uint8Array;
  try {
    await confinePage(page, browser.allowedPaths, options.fonts);
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready.then(() => undefined)");
    printed = await printPdf(page, false);
  } finally {
    await page.close();
  }
  const document = await PDFDocument.load(printed, { updateMetadata: false });
  const [sheet] = document.getPages();
  if (document.getPageCount() !== 1 || !sheet) throw new Error(`The cover ${options.name} printed as ${document.getPageCount()} pages instead of one`);
  const bleed = geometry.bleedMm * millimetresToPoints;
  const [width, height] = geometry.trimMm.map((millimetres) => millimetres * millimetresToPoints) as [number, number];
  const { x, y } = sheet.getMediaBox();
  const trim = { left: x + bleed, bottom: y + bleed, width, height };
  frameForPrint(sheet, trim, bleed, printerMarks(document, trim, bleed, geometry.foldsMm.map((fold) => fold * millimetresToPoints)));
  return document.save();
}
