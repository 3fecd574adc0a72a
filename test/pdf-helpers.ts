import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import * as fontkit from "fontkit";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
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

/**
 * Text of each page in the order the PDF draws it (pdftotext -raw): Chromium draws a vertical
 * page column by column, which the layout mode would read across the columns, row by row.
 */
export async function pageTextsAsDrawn(pdf: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 30 });
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

/**
 * The outline box (font units, em of 1000) of each of `characters` as the PDF's embedded subset of
 * the font whose name matches `fontName` draws it: found through the font's ToUnicode map, its
 * glyph read from the embedded FontFile2 (Chromium writes CID = glyph id).
 */
export async function embeddedGlyphBoxes(pdf: string, fontName: RegExp, characters: string): Promise<Map<string, { minX: number; maxX: number; minY: number; maxY: number }>> {
  const document = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const lookup = (value: unknown) => (value instanceof PDFRef ? document.context.lookup(value) : value);
  const boxes = new Map<string, { minX: number; maxX: number; minY: number; maxY: number }>();
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Subtype")) !== PDFName.of("Type0") || !fontName.test(String(object.get(PDFName.of("BaseFont"))))) continue;
    const descendant = lookup((lookup(object.get(PDFName.of("DescendantFonts"))) as PDFArray).get(0)) as PDFDict;
    const descriptor = lookup(descendant.get(PDFName.of("FontDescriptor"))) as PDFDict;
    const stream = (value: unknown) => Buffer.from(decodePDFRawStream(lookup(value) as PDFRawStream).decode());
    const font = fontkit.create(stream(descriptor.get(PDFName.of("FontFile2")))) as unknown as { getGlyph(id: number): { bbox: { minX: number; maxX: number; minY: number; maxY: number } } };
    for (const [text, cid] of toUnicodeEntries(stream(object.get(PDFName.of("ToUnicode"))).toString("latin1"))) {
      // One glyph may stand for several characters (the Chinese faces draw —— as one): each is drawn by it.
      for (const character of text) if (characters.includes(character)) boxes.set(character, font.getGlyph(cid).bbox);
    }
  }
  return boxes;
}

/** A ToUnicode CMap's (text, glyph id) pairs: its `bfchar` entries and its `bfrange` runs. */
function* toUnicodeEntries(cmap: string): Generator<[string, number]> {
  const hex = (digits: string) => parseInt(digits, 16);
  const text = (digits: string) => String.fromCodePoint(...(digits.match(/.{4}/g) ?? []).map(hex)).normalize();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, cid, unicode] of body!.matchAll(/<([0-9A-F]+)>\s*<([0-9A-F]+)>/gi)) yield [text(unicode!), hex(cid!)];
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, start, list] of body!.matchAll(/<([0-9A-F]+)>\s*<([0-9A-F]+)>\s*(?:<([0-9A-F]+)>|\[([^\]]*)\])/gi)) {
      const targets = list?.match(/[0-9A-F]+/gi);
      for (let cid = hex(low!); cid <= hex(high!); cid++) {
        const offset = cid - hex(low!);
        yield [targets ? text(targets[offset]!) : String.fromCodePoint(hex(start!) + offset), cid];
      }
    }
  }
}
