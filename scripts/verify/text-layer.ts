import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";

const run = promisify(execFile);

async function characterCounts(pdfPath: string): Promise<Map<string, number>> {
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", pdfPath, "-"], { maxBuffer: 1 << 30 });
  const counts = new Map<string, number>();
  for (const character of stdout.replace(/\s/g, "")) counts.set(character, (counts.get(character) ?? 0) + 1);
  return counts;
}

/**
 * Every character of the text layer, not only Han, compared before and after a conversion: what
 * changed is reported (a PDF/X prints the same glyphs; its text layer matters for search and reuse).
 */
export async function compareTextLayers(beforePath: string, afterPath: string, output: VFile): Promise<number> {
  const [before, after] = await Promise.all([characterCounts(beforePath), characterCounts(afterPath)]);
  const lost = [...before].filter(([character, count]) => (after.get(character) ?? 0) < count).map(([character, count]) => `${character}×${count - (after.get(character) ?? 0)}`);
  if (lost.length) {
    warn(output, `Unexpected change in the text layer after conversion: ${lost.join(" ")} read differently, expected the same text (printing is not affected)`, undefined, "text-layer");
  }
  return lost.length;
}

/** The text of each page that has any, as pdftotext reads it in content order, without white space. */
async function rawPageTexts(pdfPath: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-raw", "-enc", "UTF-8", pdfPath, "-"], { maxBuffer: 1 << 30 });
  return stdout.split("\f").map((page) => page.replace(/\s/g, "")).filter((page) => page !== "");
}

/**
 * A PDF made from another by changing its page boxes and adding pages (the print edition from the
 * screen edition) must carry every page's text unchanged: cheaper than reading all glyph positions
 * again, and stricter, since any change on any page is caught. `originalTexts` are the other PDF's
 * page texts as read with their glyph positions (pageTexts), which may still be being read.
 */
export async function checkSamePageTexts(originalTexts: Promise<readonly string[]>, derivedPath: string, output: VFile): Promise<void> {
  const [original, derived] = await Promise.all([originalTexts, rawPageTexts(derivedPath)]);
  const differing = original.findIndex((text, index) => derived[index] !== text);
  if (differing >= 0 || derived.length !== original.length) {
    const where = differing >= 0 ? `text page ${differing + 1}` : `the page count (${derived.length} pages with text instead of ${original.length})`;
    error(output, `Unexpected difference from the screen edition at ${where}, expected the same text on every page: the print edition was damaged while it was made; run the build again and report it if it persists`, undefined, "print-edition-text");
  }
}
