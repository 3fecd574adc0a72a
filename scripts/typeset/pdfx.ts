import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import * as fontkit from "fontkit";
import { declaredFonts } from "../fonts/declared.ts";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";

const run = promisify(execFile);

export const cmykProfile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

async function pdfxDefinition(): Promise<string> {
  const root = "/usr/share/ghostscript";
  const versions = (await readdir(root).catch(() => [] as string[])).filter((name) => /^\d/.test(name)).sort();
  if (versions.length === 0) throw new Error("Ghostscript is not installed: run `sudo apt-get install ghostscript`");
  return readFile(path.join(root, versions.at(-1)!, "lib", "PDFX_def.ps"), "latin1");
}

/** A PostScript string any text fits in: UTF-16BE with a byte-order mark, in hex. */
const postscriptText = (text: string) => `<FEFF${Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase()}>`;

/**
 * Ghostscript's PDF/X-3 conversion of a print edition: colours to CMYK with Ghostscript's CMYK
 * profile as output intent, fonts kept embedded, TrimBox and BleedBox carried over.
 */
export async function convertToPdfx(inputPath: string, outputPath: string, workDir: string, title: string): Promise<void> {
  const definition = (await pdfxDefinition())
    .replace(/\/ICCProfile \([^)]*\) def/, `/ICCProfile (${cmykProfile}) def`)
    .replace(/\/Title \(Title\)/, `/Title ${postscriptText(title)}`);
  // One definition per conversion: the layouts' print PDFs and covers are converted at once, and a
  // shared file being rewritten while Ghostscript reads it gave a PDF without its PDF/X version.
  const definitionPath = path.join(workDir, `${path.basename(outputPath, ".pdf")}-PDFX_def.ps`);
  await writeFile(definitionPath, definition, "latin1");
  await run(
    "gs",
    [
      "-dPDFX=true",
      "-dBATCH",
      "-dNOPAUSE",
      "-dQUIET",
      "-sDEVICE=pdfwrite",
      "-sColorConversionStrategy=CMYK",
      "-sProcessColorModel=DeviceCMYK",
      "-dEmbedAllFonts=true",
      "-dSubsetFonts=true",
      `--permit-file-read=${path.dirname(cmykProfile)}/`,
      `-sOutputFile=${outputPath}`,
      definitionPath,
      inputPath,
    ],
    { maxBuffer: 1 << 26 },
  );
}

/** A print PDF as PDF/X-3: Ghostscript's conversion (in `workDir`), its text layer restored from the print PDF. */
export async function pdfxOf(printPath: string, workDir: string, title: string): Promise<Uint8Array> {
  const convertedPath = path.join(workDir, `${path.basename(printPath, ".pdf")}-pdfx.pdf`);
  await convertToPdfx(printPath, convertedPath, workDir, title);
  return restoreToUnicode(new Uint8Array(await readFile(convertedPath)), new Uint8Array(await readFile(printPath)));
}

type UnicodeMap = Map<number, string>;

/** CID → UTF-16BE hex of a ToUnicode CMap (bfchar pairs and bfrange runs). */
export function parseToUnicode(cmap: string): UnicodeMap {
  const map: UnicodeMap = new Map();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, cid, unicode] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(Number.parseInt(cid!, 16), unicode!.toUpperCase());
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, start] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const first = Number.parseInt(start!, 16);
      for (let cid = Number.parseInt(low!, 16); cid <= Number.parseInt(high!, 16); cid++) {
        map.set(cid, (first + cid - Number.parseInt(low!, 16)).toString(16).toUpperCase().padStart(start!.length, "0"));
      }
    }
  }
  return map;
}

function writeToUnicode(map: UnicodeMap): string {
  const entries = [...map].sort(([a], [b]) => a - b).map(([cid, unicode]) => `<${cid.toString(16).toUpperCase().padStart(4, "0")}> <${unicode}>`);
  const blocks: string[] = [];
  for (let index = 0; index < entries.length; index += 100) {
    const block = entries.slice(index, index + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

/** Each Type0 font of a PDF: its base name (subset tag removed) and its ToUnicode stream. */
function* type0Fonts(document: PDFDocument): Generator<{ baseName: string; reference: PDFRef; cmap: string }> {
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Subtype")) !== PDFName.of("Type0")) continue;
    const reference = object.get(PDFName.of("ToUnicode"));
    const stream = reference instanceof PDFRef ? document.context.lookup(reference) : undefined;
    if (!(reference instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
    const baseName = String(object.get(PDFName.of("BaseFont"))).replace(/^\/([A-Z]{6}\+)?/, "");
    yield { baseName, reference, cmap: Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1") };
  }
}

/**
 * Radicals, compatibility ideographs and vertical presentation forms (︐ for ，): look-alikes that
 * share a glyph with the character the text means.
 */
const isLookAlike = (codePoint: number) =>
  (codePoint >= 0x2e80 && codePoint <= 0x2fdf) ||
  (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
  (codePoint >= 0xfe10 && codePoint <= 0xfe1f) ||
  (codePoint >= 0xfe30 && codePoint <= 0xfe4f);

/** Which of the code points sharing a glyph a Chinese book most likely meant: lower is likelier. */
function plausibility(codePoint: number): number {
  if (isLookAlike(codePoint)) return 2;
  const character = String.fromCodePoint(codePoint);
  const common =
    /\p{Script=Han}/u.test(character) ||
    codePoint <= 0xff ||
    (codePoint >= 0x2000 && codePoint <= 0x206f) ||
    (codePoint >= 0x3000 && codePoint <= 0x303f) ||
    (codePoint >= 0xff00 && codePoint <= 0xffef);
  return common ? 0 : 1;
}

const utf16Hex = (codePoint: number) => Buffer.from(String.fromCodePoint(codePoint), "utf16le").swap16().toString("hex").toUpperCase();

/** Punctuation and symbols that have vertical forms (clreq): quotes, dashes, brackets, CJK and full-width marks. */
const hasVerticalForm = (codePoint: number) =>
  (codePoint >= 0x2010 && codePoint <= 0x2027) || (codePoint >= 0x3000 && codePoint <= 0x303f) || (codePoint >= 0xff00 && codePoint <= 0xff65);

/**
 * Glyph id → the code points that map to it, likeliest first; vertical forms (the `vert` feature's
 * glyphs, which no cmap lists) map to the character they stand for.
 */
function glyphCodePoints(fontFile: string): Map<number, number[]> {
  const font = fontkit.openSync(fontFile) as unknown as {
    characterSet: number[];
    glyphForCodePoint(codePoint: number): { id: number };
    layout(text: string, features: string[]): { glyphs: Array<{ id: number }> };
  };
  const byGlyph = new Map<number, number[]>();
  const add = (id: number, codePoint: number) => byGlyph.set(id, [...(byGlyph.get(id) ?? []), codePoint]);
  for (const codePoint of font.characterSet) {
    const id = font.glyphForCodePoint(codePoint).id;
    add(id, codePoint);
    if (hasVerticalForm(codePoint)) {
      const [vertical] = font.layout(String.fromCodePoint(codePoint), ["vert"]).glyphs;
      if (vertical && vertical.id !== id) add(vertical.id, codePoint);
    }
  }
  for (const codePoints of byGlyph.values()) codePoints.sort((a, b) => plausibility(a) - plausibility(b) || a - b);
  return byGlyph;
}

/**
 * Ghostscript rebuilds each font's ToUnicode map and gets many glyphs wrong: radical look-alikes
 * (⽰ for 示), Latin-1 garbage for others, so the PDF/X's text no longer says what the book says.
 * Glyph ids survive the conversion (they are the declared font's own), so each map is rebuilt:
 * from the map Chromium wrote for the same font in the source PDF (it knows the vertical and
 * ligature glyphs no cmap lists) unless that too names a look-alike, else from the declared font's
 * cmap, else Ghostscript's value.
 */
export async function restoreToUnicode(pdfx: Uint8Array, source: Uint8Array): Promise<Uint8Array> {
  const chromiumMaps = new Map<string, UnicodeMap>();
  for (const font of type0Fonts(await PDFDocument.load(source, { updateMetadata: false }))) {
    chromiumMaps.set(font.baseName, new Map([...(chromiumMaps.get(font.baseName) ?? []), ...parseToUnicode(font.cmap)]));
  }
  const document = await PDFDocument.load(pdfx, { updateMetadata: false });
  const fontsByName = new Map(declaredFonts.map((font) => [path.basename(font.file), font.file]));
  const postscriptFiles = new Map<string, string>();
  for (const file of fontsByName.values()) postscriptFiles.set((fontkit.openSync(file) as unknown as { postscriptName: string }).postscriptName, file);
  for (const font of [...type0Fonts(document)]) {
    const file = postscriptFiles.get(font.baseName);
    if (!file) continue;
    const byGlyph = glyphCodePoints(file);
    const chromium = chromiumMaps.get(font.baseName) ?? new Map<number, string>();
    const restored = new Map(
      [...parseToUnicode(font.cmap)].map(([cid, unicode]) => {
        const candidates = byGlyph.get(cid) ?? [];
        const current = Buffer.from(unicode, "hex").swap16().toString("utf16le").codePointAt(0) ?? -1;
        const keep = candidates.includes(current) && plausibility(current) <= plausibility(candidates[0] ?? current);
        const fromFont = keep || candidates.length === 0 ? unicode : utf16Hex(candidates[0]!);
        const chromiumValue = chromium.get(cid);
        const chromiumFirst = chromiumValue === undefined ? undefined : Buffer.from(chromiumValue, "hex").swap16().toString("utf16le").codePointAt(0);
        return [cid, chromiumValue !== undefined && chromiumFirst !== undefined && !isLookAlike(chromiumFirst) ? chromiumValue : fromFont] as const;
      }),
    );
    document.context.assign(font.reference, document.context.flateStream(writeToUnicode(restored)));
  }
  return document.save({ useObjectStreams: false });
}
