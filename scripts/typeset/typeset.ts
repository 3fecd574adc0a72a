import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { PrintFonts } from "../fonts/print-subset.ts";
import type { PartCache, TypesetPart } from "../output/part-cache.ts";
import type { BookPart } from "../render/book-html.ts";
import { confinePage, printPdf, whileBrowserWorks, type BookBrowser, type BrowserPage } from "./browser.ts";
import { chromiumPages } from "./chromium-pages.ts";
import { joinPdfParts, type PdfPart } from "./join-pdf.ts";
import { pagedjs } from "./paged.ts";

/** A chapter-level heading and the named destination Chromium wrote for it. */
export interface OutlineEntry {
  title: string;
  destination: string;
}

/** Pages laid out so far, and the share of the book's text they hold (0–1). */
export interface LayoutProgress {
  pages: number;
  fraction: number;
}

export interface TypesetPdf {
  /** The book's pages as one document, to be saved once its metadata is added. */
  document: PDFDocument;
  outline: OutlineEntry[];
  /** How many of the book's parts were taken from the cache instead of being laid out. */
  partsReused: number;
}

/** A part as a typesetter leaves it in its tab, printed already if the typesetter had to print it to count its pages. */
export type LaidOutPart = Omit<TypesetPart, "bytes"> & { bytes?: Uint8Array };

/** What the in-page progress reports: pages laid out and characters of the part's text they hold. */
export interface PartProgress {
  pages: number;
  characters: number;
  charactersTotal: number;
}

/** A way of paginating the book's HTML in a browser tab. */
export interface Typesetter {
  /** Folders its scripts live in, which its tab may read. */
  scriptFolders: string[];
  /** Lays a part out in the tab, its pages numbered from `firstPage`. */
  layOut(htmlPath: string, html: string, firstPage: number, onProgress: (progress: PartProgress) => void): Promise<LaidOutPart>;
  /** Writes the contents' page numbers (chapter id → page) into the part laid out last. */
  setContentsPages(chapterPages: Record<string, number>): Promise<void>;
}

/**
 * Characters of text per document: 0 sets every chapter as a document of its own. Chromium
 * paginates those by itself (chromium-pages.ts): a chapter's first page is its document's, which
 * `@page :first` rules reach, and joining the PDFs puts each chapter on a recto. A tagged book is
 * set as one document, because Chromium's structure tree does not survive joining PDFs, and then
 * Paged.js (paged.ts) provides what Chromium lacks in one document: running heads from string-set,
 * chapters opening on rectos.
 */
export const partCharacters = (tagged: boolean) => (tagged ? Number.POSITIVE_INFINITY : 0);

export interface TypesetOptions {
  workDir: string;
  name: string;
  /** Whether Chromium writes the PDF's structure tree (see `taggedPdf` in book.yaml). */
  tagged: boolean;
  /** The faces cut down to the book's characters, served to the tab in place of the font files. */
  fonts?: PrintFonts;
  onProgress?: (progress: LayoutProgress) => void;
  /** Parts typeset by earlier builds; a part found there is not laid out again. */
  cache?: PartCache;
}

/**
 * Lays the book's parts out one after the other in one tab, in a browser context for this layout
 * (its renderer process ends with it, memory and all); numbers each part's pages on from the last,
 * prints it and joins the PDFs. A part found in the cache is taken from there. The part holding the
 * contents is printed last, when every chapter's page is known. Each part is written to the build's
 * private folder first so that relative URLs and the file-access rules apply to it.
 */
export async function typesetPdf(browser: BookBrowser, parts: readonly BookPart[], { workDir, name, tagged, fonts, onProgress, cache }: TypesetOptions): Promise<TypesetPdf> {
  let context: Awaited<ReturnType<BookBrowser["chromium"]["createIncognitoBrowserContext"]>> | undefined;
  const charactersTotal = parts.reduce((sum, part) => sum + part.characters, 0);
  const work = async (): Promise<TypesetPdf> => {
    context = await browser.chromium.createIncognitoBrowserContext();
    // One tab for every part: its renderer keeps the book's fonts decoded and the browser starts no new process.
    const page: BrowserPage = await context.newPage();
    const typesetter = (tagged ? pagedjs : chromiumPages)(page, tagged);
    await confinePage(page, [...browser.allowedPaths, ...typesetter.scriptFolders], fonts);
    const htmlPath = (slot: number) => path.join(workDir, `${name}-${slot + 1}.html`);
    const printed: PdfPart[] = [];
    let contentsPart: { slot: number; firstPage: number; pages: number } | undefined;
    const chapterPages: Record<string, number> = {};
    const outline: OutlineEntry[] = [];
    let pagesBefore = 0;
    let charactersBefore = 0;
    let partsReused = 0;
    for (const [index, part] of parts.entries()) {
      // A part after the first opens with a chapter, on a recto: an odd page, after a blank if need be.
      const blankBefore = index > 0 && pagesBefore % 2 === 1;
      if (blankBefore) pagesBefore += 1;
      const key = cache?.key(name, pagesBefore + 1, part.html);
      const cached = part.holdsContents || !key ? undefined : await cache!.get(key);
      if (cached) partsReused += 1;
      const laidOut =
        cached ??
        (await typesetter.layOut(htmlPath(index), part.html, pagesBefore + 1, (progress) => {
          browser.pages.emit("page");
          onProgress?.({ pages: pagesBefore + progress.pages, fraction: (charactersBefore + (part.characters * progress.characters) / Math.max(1, progress.charactersTotal)) / Math.max(1, charactersTotal) });
        }));
      for (const [id, pageNumber] of Object.entries(laidOut.chapterPages)) chapterPages[id] = pagesBefore + pageNumber;
      outline.push(...laidOut.outline);
      printed.push({ bytes: cached?.bytes ?? new Uint8Array(), blankBefore });
      if (part.holdsContents) {
        contentsPart = { slot: index, firstPage: pagesBefore + 1, pages: laidOut.pages };
      } else if (!cached) {
        printed[index]!.bytes = laidOut.bytes ?? (await printPdf(page, tagged));
        if (key) await cache!.put(key, { ...laidOut, bytes: printed[index]!.bytes });
      }
      pagesBefore += laidOut.pages;
      charactersBefore += part.characters;
      browser.pages.emit("page");
      onProgress?.({ pages: pagesBefore, fraction: charactersBefore / Math.max(1, charactersTotal) });
    }
    if (contentsPart) {
      // The tab has moved on to later parts: the title page and contents are laid out again (a tab
      // of their own would hold about 200 MB to the end); a book set as one document is still there.
      if (parts.length > 1) {
        const again = await typesetter.layOut(htmlPath(contentsPart.slot), parts[contentsPart.slot]!.html, contentsPart.firstPage, () => undefined);
        if (again.pages !== contentsPart.pages) throw new Error(`The ${name} book's part ${contentsPart.slot + 1} took ${again.pages} pages when laid out again instead of ${contentsPart.pages}`);
      }
      await typesetter.setContentsPages(chapterPages);
      printed[contentsPart.slot]!.bytes = await printPdf(page, tagged);
    }
    onProgress?.({ pages: pagesBefore, fraction: 1 });
    const document = printed.length === 1 ? await PDFDocument.load(printed[0]!.bytes, { updateMetadata: false }) : await joinPdfParts(printed);
    return { document, outline, partsReused };
  };
  try {
    return await whileBrowserWorks(browser, work(), `laying out the ${name} book`);
  } finally {
    // A crashed Chromium may never answer; the browser's own clean-up kills what is left.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
  }
}
