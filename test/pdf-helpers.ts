import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function pageCount(pdf: string): Promise<number> {
  const { stdout } = await run("pdfinfo", [pdf]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]);
}

export async function pageSize(pdf: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run("pdfinfo", [pdf]);
  const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout)!;
  return { width: Number(width), height: Number(height) };
}

export interface Band {
  /** Distance from the top of the page, in points. */
  top: number;
  height: number;
}

/** Text of each page within a horizontal band (e.g. the running-head area or the text area), via pdftotext's crop. */
export async function pageTexts(pdf: string, band?: Band): Promise<string[]> {
  const crop = band ? ["-x", "0", "-y", String(Math.round(band.top)), "-W", "2000", "-H", String(Math.round(band.height))] : [];
  const { stdout } = await run("pdftotext", ["-layout", "-r", "72", ...crop, "-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 30 });
  return stdout.split("\f").slice(0, -1);
}

export const han = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).join("");

export interface PdfView {
  direction?: string;
  pageLayout?: string;
}

/** How the PDF asks viewers to show it (catalog /PageLayout and /ViewerPreferences /Direction). */
export async function pdfView(pdf: string): Promise<PdfView> {
  const { PDFDocument, PDFDict, PDFName } = await import("pdf-lib");
  const { readFile } = await import("node:fs/promises");
  const document = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const preferences = document.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  return {
    direction: preferences?.get(PDFName.of("Direction"))?.toString(),
    pageLayout: document.catalog.get(PDFName.of("PageLayout"))?.toString(),
  };
}
