import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import { readPdfText } from "./pdf-text.ts";
import { hanCharacters } from "./text-completeness.ts";

const run = promisify(execFile);

/** The part of the cover page to read the barcode from, in millimetres from the page's top left corner. */
export interface Region {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

/** The resolution the barcode is read at: a shop's scanner sees the printed bars at least this sharply. */
const scanDpi = 600;

/**
 * The barcode as a scanner reads it: the region rendered at 600 dpi by poppler and decoded by
 * zbar. It must read as the ISBN's EAN-13, and nothing else may be read there.
 */
export async function checkBarcode(pdfPath: string, region: Region, ean13: string, workDir: string, output: VFile): Promise<void> {
  const pixels = (millimetres: number) => String(Math.round((millimetres / 25.4) * scanDpi));
  const image = path.join(workDir, `${path.basename(pdfPath, ".pdf")}-barcode`);
  await run("pdftoppm", ["-r", String(scanDpi), "-x", pixels(region.xMm), "-y", pixels(region.yMm), "-W", pixels(region.widthMm), "-H", pixels(region.heightMm), "-gray", "-png", "-singlefile", pdfPath, image]);
  let read: string;
  try {
    read = (await run("zbarimg", ["--quiet", "--raw", `${image}.png`])).stdout.trim();
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    // zbarimg exits with 4 when it finds no symbol.
    read = missing ? "" : ((cause as { stdout?: string }).stdout ?? "").trim();
    if (missing) {
      error(output, "Unexpected missing `zbarimg`, expected zbar to read the cover's barcode back: run `npm run setup` (it installs the Debian package zbar-tools)", undefined, "barcode");
      return;
    }
  }
  if (read !== ean13) error(output, `Unexpected barcode reading ${read ? `“${read}”` : "nothing"} at 600 dpi, expected the ISBN's EAN-13 ${ean13}`, undefined, "barcode");
}

/** Every Han character of each text (title, authors, publisher, back cover) must be on the cover as often as the text has it. */
export async function checkCoverText(pdfPath: string, texts: readonly string[], output: VFile): Promise<{ expected: number; missing: number }> {
  const printed = new Map<string, number>();
  for (const character of hanCharacters(await readPdfText(pdfPath))) printed.set(character, (printed.get(character) ?? 0) + 1);
  const expected = new Map<string, number>();
  for (const character of hanCharacters(texts.join(""))) expected.set(character, (expected.get(character) ?? 0) + 1);
  const lost = [...expected].flatMap(([character, count]) => (count > (printed.get(character) ?? 0) ? [[character, count - (printed.get(character) ?? 0)] as const] : []));
  const missing = lost.reduce((sum, [, count]) => sum + count, 0);
  if (missing > 0) error(output, `Unexpected loss of ${missing} Han character(s) on the cover (${lost.map(([character]) => character).join("")}), expected the title, authors, publisher and back cover text in full`, undefined, "cover-text");
  return { expected: [...expected.values()].reduce((sum, count) => sum + count, 0), missing };
}
