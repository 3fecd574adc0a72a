import type { Point, Position } from "unist";
import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";
import { baseFontName, type PdfFont } from "../verify/pdf-fonts.ts";
import type { PlacedImage } from "../verify/pdf-images.ts";

/** Placed images below this resolution print soft. */
export const minimumPpi = 300;

/** A figure placed below `minimumPpi`: its lowest resolution and the PDF pages it is on. */
export interface LowResolutionImage {
  file: string;
  ppi: number;
  pages: number[];
}

/**
 * The placements below `minimumPpi`, one entry per figure file: a logo or ornament used on every
 * chapter is named once, not once per page. `figures` are the manuscript's images in the order the
 * PDF places them; an image the manuscript does not account for is named by its page.
 */
export function lowResolutionImages(placed: readonly PlacedImage[], figures: readonly string[]): LowResolutionImage[] {
  const byFile = new Map<string, LowResolutionImage>();
  for (const [index, image] of placed.entries()) {
    if (image.ppi >= minimumPpi) continue;
    const file = figures[index] ?? `page ${image.page}`;
    const entry = byFile.get(file) ?? byFile.set(file, { file, ppi: image.ppi, pages: [] }).get(file)!;
    entry.ppi = Math.min(entry.ppi, image.ppi);
    entry.pages.push(image.page);
  }
  return [...byFile.values()];
}

/** Pages named in a warning before the rest are only counted. */
const pagesNamed = 5;

function placements(image: LowResolutionImage): string {
  const named = image.pages.slice(0, pagesNamed).join(", ");
  const rest = image.pages.length - pagesNamed;
  return `${image.pages.length > 1 ? "pages" : "page"} ${named}${rest > 0 ? ` and ${rest} more` : ""}`;
}

export interface LoneCharacterCount {
  count: number;
  lines: number;
  pages: number[];
}

export interface PreflightInput {
  path: string;
  edition: string;
  trimMm: [number, number];
  bleedMm: number;
  pages: number;
  blankPagesAdded: number;
  bookmarks: number;
  fonts: PdfFont[];
  lowResolutionImages: LowResolutionImage[];
  rgbContent?: string[];
  text: { expected: number; missing: number; added?: number };
  /** A book PDF's 孤字 (a cover has none). */
  loneCharacters?: LoneCharacterCount;
  /** A cover's spine width. */
  spineMm?: number;
}

export interface PreflightRow {
  file: string;
  trim: string;
  bleed: string;
  pages: string;
  spine: string;
  bookmarks: number;
  fonts: string;
  images: string;
  colour: string;
  text: string;
  lone: string;
}

/** One line per PDF of what a print shop's preflight looks at. */
export function preflightRows(outputs: readonly PreflightInput[]): PreflightRow[] {
  return outputs.map((output) => ({
    file: output.path,
    trim: `${output.trimMm[0]}×${output.trimMm[1]} mm`,
    bleed: `${output.bleedMm} mm`,
    pages: output.blankPagesAdded ? `${output.pages} (+${output.blankPagesAdded} blank)` : String(output.pages),
    spine: output.spineMm === undefined ? "" : `${output.spineMm} mm`,
    bookmarks: output.bookmarks,
    fonts: output.fonts.every((font) => font.embedded && font.type !== "Type 3") ? `${new Set(output.fonts.map(baseFontName)).size} embedded, no Type 3` : "PROBLEM",
    images: output.lowResolutionImages.length ? output.lowResolutionImages.map((image) => `${image.file} ${image.ppi} ppi${image.pages.length > 1 ? ` ×${image.pages.length}` : ""}`).join("; ") : `all ≥ ${minimumPpi} ppi`,
    colour: output.rgbContent === undefined ? "RGB (screen/print)" : output.rgbContent.length ? `RGB left: ${output.rgbContent.join(", ")}` : "CMYK only",
    text: `${output.text.expected - output.text.missing}/${output.text.expected} letters and digits${output.text.added ? `, ${output.text.added} added` : ""}`,
    lone: output.loneCharacters ? loneCharactersCell(output.loneCharacters) : "",
  }));
}

/** `0 in 145 lines`, or `2 in 4,803 lines (p. 13, 32)`: the first pages only, as the warnings name each. */
function loneCharactersCell({ count, lines, pages }: LoneCharacterCount): string {
  const shown = [...new Set(pages)];
  const listed = shown.length > 4 ? `${shown.slice(0, 4).join(", ")} …` : shown.join(", ");
  return `${count} in ${lines.toLocaleString("en")} lines${count ? ` (p. ${listed})` : ""}`;
}

/** Where the manuscript shows an image: the chapter and the place of its `![…](…)`. */
export type ImageSource = (image: string) => { file: VFile; place?: Position | Point } | undefined;

/**
 * Low-resolution figures are a warning, and an error when the book is to go to press (--press-ready):
 * one message per image, at the manuscript's image when `sourceOf` knows it, naming every print
 * PDF and page it is placed on (a book of 291 screenshots printed 582 warnings, one per layout).
 */
export function checkImageResolution(outputs: readonly PreflightInput[], pressReady: boolean, fileFor: (path: string) => VFile, sourceOf: ImageSource = () => undefined): void {
  const byImage = new Map<string, Array<{ output: PreflightInput; image: LowResolutionImage }>>();
  for (const output of outputs.filter((candidate) => candidate.edition === "print" || candidate.edition === "cover")) {
    for (const image of output.lowResolutionImages) byImage.set(image.file, [...(byImage.get(image.file) ?? []), { output, image }]);
  }
  for (const [file, uses] of byImage) {
    const ppi = Math.min(...uses.map(({ image }) => image.ppi));
    const where = uses.map(({ output, image }) => `${output.path} ${placements(image)}`).join("; ");
    const reason = `Unexpected image \`${file}\` at ${ppi} ppi in print (${where}), expected at least ${minimumPpi} ppi: use a larger image or place it smaller`;
    const source = sourceOf(file);
    (pressReady ? error : warn)(source?.file ?? fileFor(uses[0]!.output.path), reason, source?.place, "image-resolution");
  }
}

/** The preflight table for the terminal. */
export function formatPreflight(rows: readonly PreflightRow[]): string {
  const header: PreflightRow = { file: "PDF", trim: "trim", bleed: "bleed", pages: "pages", spine: "spine", bookmarks: 0, fonts: "fonts", images: "images", colour: "colour", text: "text", lone: "孤字" };
  const cells = (row: PreflightRow, isHeader = false) => [row.file, row.trim, row.bleed, row.pages, row.spine, isHeader ? "bookmarks" : String(row.bookmarks), row.fonts, row.images, row.colour, row.text, row.lone];
  const table = [cells(header, true), ...rows.map((row) => cells(row))];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  return ["Preflight 印前检查", ...table.map((line) => line.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd())].join("\n");
}
