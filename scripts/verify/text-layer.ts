import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";
import { readPdfText } from "./pdf-text.ts";

async function characterCounts(pdfPath: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const character of (await readPdfText(pdfPath)).replace(/\s/g, "")) counts.set(character, (counts.get(character) ?? 0) + 1);
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
