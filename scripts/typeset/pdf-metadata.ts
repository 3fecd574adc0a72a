import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import type { BookConfig } from "../book/schema.ts";

export interface PdfFacts {
  bytes: Uint8Array;
  pages: number;
}

/** Document data a print shop and a reader's PDF viewer show: title, authors, language, creator. */
export async function setPdfMetadata(pdf: Uint8Array, config: BookConfig, now: Date): Promise<PdfFacts> {
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
  return { bytes: await document.save(), pages: document.getPageCount() };
}
