import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";

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
