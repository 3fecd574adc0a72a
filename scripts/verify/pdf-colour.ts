import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";

const rgbOperator = /(^|\s)(-?[\d.]+\s+){3}(rg|RG)(?=\s)/;

/**
 * Whether a PDF still holds RGB: DeviceRGB or 3-component ICC colour spaces, or `rg`/`RG` colour
 * operators in its content streams. A PDF/X for CMYK printing must have none.
 */
export function findRgbContent(document: PDFDocument): string[] {
  const found = new Set<string>();
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    for (const [, value] of dict.entries()) {
      if (value === PDFName.of("DeviceRGB")) found.add("DeviceRGB colour space");
      if (value instanceof PDFArray && value.get(0) === PDFName.of("ICCBased")) {
        const profile = document.context.lookup(value.get(1));
        const components = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of("N")) : undefined;
        if (components instanceof PDFNumber && components.asNumber() === 3) found.add("RGB ICC profile");
      }
    }
    // Page contents and form XObjects carry drawing operators; fonts, profiles and images do not.
    const subtype = dict.get(PDFName.of("Subtype"));
    const isPageContent = subtype === undefined && !dict.get(PDFName.of("Type")) && !dict.get(PDFName.of("Length1")) && !dict.get(PDFName.of("N"));
    const isContent = object instanceof PDFRawStream && (isPageContent || subtype === PDFName.of("Form"));
    if (isContent) {
      const text = Buffer.from(decodePDFRawStream(object).decode()).toString("latin1");
      if (rgbOperator.test(text)) found.add("RGB colour operators (rg/RG)");
    }
  }
  return [...found];
}
