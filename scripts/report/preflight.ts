import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";
import { baseFontName, type PdfFont } from "../verify/pdf-fonts.ts";

/** Placed images below this resolution print soft. */
export const minimumPpi = 300;

export interface PreflightInput {
  path: string;
  edition: string;
  trimMm: [number, number];
  bleedMm: number;
  pages: number;
  blankPagesAdded: number;
  bookmarks: number;
  fonts: PdfFont[];
  lowResolutionImages: Array<{ file: string; ppi: number }>;
  rgbContent?: string[];
  text: { expected: number; missing: number };
}

export interface PreflightRow {
  file: string;
  trim: string;
  bleed: string;
  pages: string;
  bookmarks: number;
  fonts: string;
  images: string;
  colour: string;
  text: string;
}

/** One line per PDF of what a print shop's preflight looks at. */
export function preflightRows(outputs: readonly PreflightInput[]): PreflightRow[] {
  return outputs.map((output) => ({
    file: output.path,
    trim: `${output.trimMm[0]}×${output.trimMm[1]} mm`,
    bleed: `${output.bleedMm} mm`,
    pages: output.blankPagesAdded ? `${output.pages} (+${output.blankPagesAdded} blank)` : String(output.pages),
    bookmarks: output.bookmarks,
    fonts: output.fonts.every((font) => font.embedded && font.type !== "Type 3") ? `${new Set(output.fonts.map(baseFontName)).size} embedded, no Type 3` : "PROBLEM",
    images: output.lowResolutionImages.length ? output.lowResolutionImages.map((image) => `${image.file} ${image.ppi} ppi`).join("; ") : `all ≥ ${minimumPpi} ppi`,
    colour: output.rgbContent === undefined ? "RGB (screen/print)" : output.rgbContent.length ? `RGB left: ${output.rgbContent.join(", ")}` : "CMYK only",
    text: `${output.text.expected - output.text.missing}/${output.text.expected} Han`,
  }));
}

/** Low-resolution figures are a warning, and an error when the book is to go to press (--press-ready). */
export function checkImageResolution(outputs: readonly PreflightInput[], pressReady: boolean, fileFor: (path: string) => VFile): void {
  for (const output of outputs.filter((candidate) => candidate.edition === "print")) {
    for (const image of output.lowResolutionImages) {
      const reason = `Unexpected image \`${image.file}\` at ${image.ppi} ppi in print, expected at least ${minimumPpi} ppi: use a larger image or place it smaller`;
      if (pressReady) error(fileFor(output.path), reason, undefined, "image-resolution");
      else warn(fileFor(output.path), reason, undefined, "image-resolution");
    }
  }
}

/** The preflight table for the terminal. */
export function formatPreflight(rows: readonly PreflightRow[]): string {
  const header: PreflightRow = { file: "PDF", trim: "trim", bleed: "bleed", pages: "pages", bookmarks: 0, fonts: "fonts", images: "images", colour: "colour", text: "text" };
  const cells = (row: PreflightRow, isHeader = false) => [row.file, row.trim, row.bleed, row.pages, isHeader ? "bookmarks" : String(row.bookmarks), row.fonts, row.images, row.colour, row.text];
  const table = [cells(header, true), ...rows.map((row) => cells(row))];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  return ["Preflight 印前检查", ...table.map((line) => line.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd())].join("\n");
}
