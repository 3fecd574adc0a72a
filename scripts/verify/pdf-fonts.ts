import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

const run = promisify(execFile);

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** Fonts as poppler's pdffonts lists them. */
export async function readPdfFonts(pdfPath: string): Promise<PdfFont[]> {
  const { stdout } = await run("pdffonts", [pdfPath]);
  const [header, ruler, ...rows] = stdout.split("\n");
  if (!header || !ruler) return [];
  // Columns are fixed-width; the ruler's dashes give each column's extent.
  const columns = [...ruler.matchAll(/-+/g)].map((match) => [match.index!, match.index! + match[0].length] as const);
  return rows
    .filter((row) => row.trim())
    .map((row) => {
      const cell = (column: number) => row.slice(columns[column]![0], columns[column]![1] + 1).trim();
      return { name: cell(0), type: cell(1), embedded: cell(3) === "yes" };
    });
}

/** A font's name without the tag of its subset (each part of a long book embeds a subset of its own). */
export const baseFontName = (font: PdfFont) => font.name.replace(/^[A-Z]{6}\+/, "");

/** Print shops reject Type 3 and unembedded fonts; a font we did not declare means a silent fallback. */
export function checkPdfFonts(fonts: readonly PdfFont[], declaredNames: readonly string[], output: VFile): void {
  const seen = new Set<string>();
  for (const font of fonts) {
    const baseName = baseFontName(font);
    if (seen.has(`${baseName} ${font.type} ${font.embedded}`)) continue;
    seen.add(`${baseName} ${font.type} ${font.embedded}`);
    if (!font.embedded) error(output, `Unexpected font \`${font.name}\` that is not embedded, expected every font embedded`, undefined, "font-embedding");
    if (font.type === "Type 3") error(output, `Unexpected Type 3 font \`${font.name}\`, expected TrueType (CID) fonts that print shops accept`, undefined, "font-type");
    if (!declaredNames.includes(baseName)) {
      error(output, `Unexpected font \`${baseName}\` in the PDF, expected only the declared fonts (${declaredNames.join(", ")}): some character fell back to a machine font`, undefined, "font-fallback");
    }
  }
}
