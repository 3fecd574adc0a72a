import type { PDFDocument } from "pdf-lib";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import { namedDestinations } from "../typeset/join-pdf.ts";

/**
 * Every page number a page reference printed (the contents', a cross-reference's 第N页) must be
 * the page where the PDF has its target: the named destination Chromium wrote at the target's
 * element. `printed` is id → the page number laid out.
 */
export function checkPageReferences(document: PDFDocument, printed: Readonly<Record<string, number>>, output: VFile): number {
  const found = new Map(namedDestinations(document).map(({ name, pageIndex }) => [name.decodeText(), pageIndex + 1]));
  let wrong = 0;
  for (const [id, page] of Object.entries(printed)) {
    const actual = found.get(id);
    if (actual === page) continue;
    wrong += 1;
    error(output, actual === undefined ? `Unexpected page reference to \`#${id}\` with no destination in the PDF, expected its target to be on page ${page}` : `Unexpected page number ${page} printed for \`#${id}\`, expected ${actual}, the page the PDF has it on`, undefined, "page-reference");
  }
  return wrong;
}
