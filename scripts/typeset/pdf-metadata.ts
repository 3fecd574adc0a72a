import { PDFDocument, PDFName, PDFString, ReadingDirection } from "pdf-lib";
import type { BookConfig } from "../book/schema.ts";
import type { Direction } from "../outputs.ts";

export interface PdfFacts {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Document data a print shop and a reader's PDF viewer show: title, authors, language, creator; and
 * how to show it: as two-page spreads with page 1 alone, turning right to left for a 右翻 book.
 */
export async function setPdfMetadata(pdf: Uint8Array, config: BookConfig, direction: Direction, now: Date): Promise<PdfFacts> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(config.title, { showInWindowTitleBar: true });
  document.setAuthor(config.authors.join("、"));
  if (config.subtitle) document.setSubject(config.subtitle);
  document.setKeywords([config.title, config.publisher, ...config.authors]);
  document.setCreator("cjk-book-pipeline (Paged.js 0.4.3)");
  document.setProducer("Chromium (Skia/PDF), pdf-lib");
  document.setCreationDate(now);
  document.setModificationDate(now);
  document.catalog.set(PDFName.of("Lang"), PDFString.of(config.language));
  document.catalog.set(PDFName.of("PageLayout"), PDFName.of("TwoPageRight"));
  document.catalog
    .getOrCreateViewerPreferences()
    .setReadingDirection(direction === "rtl" ? ReadingDirection.R2L : ReadingDirection.L2R);
  return { bytes: await document.save(), pages: document.getPageCount() };
}
