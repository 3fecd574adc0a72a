import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

const run = promisify(execFile);

export interface PlacedImage {
  page: number;
  /** Resolution at the placed size, the lower of its two axes. */
  ppi: number;
}

/** Every image placement in the PDF, in page order, as poppler's pdfimages lists them. */
export async function readPdfImages(pdfPath: string): Promise<PlacedImage[]> {
  const { stdout } = await run("pdfimages", ["-list", pdfPath], { maxBuffer: 1 << 26 });
  // Rows read "page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio";
  // soft masks are listed apart from their image.
  return stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2] === "image")
    .map((fields) => ({ page: Number(fields[0]), ppi: Math.min(Number(fields[12]), Number(fields[13])) }));
}

/**
 * A figure the layout pushes off the page is culled from the PDF without a trace in its text;
 * counting placed images against the manuscript's catches it.
 */
export function checkPdfImages(placed: number, expected: number, output: VFile): void {
  if (placed < expected) {
    error(output, `Unexpected ${expected - placed} of ${expected} image(s) missing from the PDF, expected every figure on a page: a figure may be too large for the text area`, undefined, "image-missing");
  }
}
