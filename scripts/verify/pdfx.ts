import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import type { PdfFacts } from "./pdf-boxes.ts";

/** A PDF/X must say so, carry an output intent and hold no RGB colour. */
export function checkPdfx(facts: PdfFacts, rgbContent: readonly string[], output: VFile): void {
  if (!facts.pdfxVersion) error(output, "Unexpected PDF without GTS_PDFXVersion, expected a declared PDF/X version", undefined, "pdfx");
  if (facts.outputIntents === 0) error(output, "Unexpected PDF/X without an output intent, expected the CMYK profile as OutputIntent", undefined, "pdfx");
  for (const found of rgbContent) error(output, `Unexpected ${found} in the PDF/X, expected CMYK or gray only`, undefined, "pdfx-rgb");
}
