import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

const run = promisify(execFile);

/** How many images the PDF places, one per placement, as poppler's pdfimages lists them. */
export async function countPdfImages(pdfPath: string): Promise<number> {
  const { stdout } = await run("pdfimages", ["-list", pdfPath], { maxBuffer: 1 << 26 });
  // Rows read "page num type width height …"; soft masks are listed apart from their image.
  return stdout.split("\n").filter((line) => line.trim().split(/\s+/)[2] === "image").length;
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
