import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { PrintFonts } from "../fonts/print-subset.ts";
import type { PartCache, PartPages, TypesetPart } from "./part-cache.ts";
import type { BookPart } from "../render/book-html.ts";
import { confinePage, printPdf, whileBrowserWorks, type BookBrowser, type BrowserPage } from "./browser.ts";
import { joinPdfParts, type PdfPart } from "./join-pdf.ts";
import type { OutlineEntry } from "./outline.ts";
import { settlePageReferences, type RoundOutcome, type RoundRequest } from "./page-reference-rounds.js";
import { pagedTab } from "./paged.ts";

/** Pages laid out so far, and the share of the book's text they hold (0–1). */
export interface LayoutProgress {
  pages: number;
  fraction: number;
}

export interface TypesetPdf {
  /** The book's pages as one document, to be saved once its metadata is added. */
  document: PDFDocument;
  outline: OutlineEntry[];
  /** The page number each page reference printed (target id → page from 1), for checking against the PDF. */
  pageReferences: Record<string, number>;
  /** How many of the book's parts were taken from the cache instead of being laid out. */
  partsReused: number;
  /** Pages of the parts that were laid out (not taken from the cache). */
  pagesSetAgain: number;
  /** Where each part's pages are in the document, and the key its PDF is cached under. */
  partPages: PartPages[];
}

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

/** A part's layout, printed once the page numbers it refers to are final. */
interface PartLayout extends TypesetPart {
  fromCache?: boolean;
  key?: string;
}

/** A layout not yet printed. */
type UnprintedLayout = Omit<PartLayout, "bytes"> & { bytes?: Uint8Array };

/** Rounds of laying parts out again after their page references or first pages changed, before giving up. */
const maxRounds = 5;

/**
 * Lays the book's parts out one after the other with Paged.js in one tab, in a browser context for
 * this layout (its renderer process ends with it, memory and all); numbers each part's pages on
 * from the last, prints it and joins the PDFs. A part of chapters opens on a recto, after a blank
 * page if need be; the colophon's part takes the next page.
 *
 * Page references may point at a page not laid out yet, so the layout runs in rounds
 * (page-reference-rounds.js, which the preview shares): a part is printed once every page it refers
 * to is known, and again only if that changes. A part found in the cache (same HTML, first page and
 * page numbers) is taken from there, and the rounds start from the last build's page numbers. Each part is written to the build's private folder first so
 * that relative URLs and the file-access rules apply to it.
 */
export async function typesetPdf(browser: BookBrowser, parts: readonly BookPart[], { workDir, name, tagged, fonts, onProgress, cache }: TypesetOptions): Promise<TypesetPdf> {
  let context: Awaited<ReturnType<BookBrowser["chromium"]["createIncognitoBrowserContext"]>> | undefined;
  const charactersTotal = parts.reduce((sum, part) => sum + part.characters, 0);
  const charactersBefore = parts.map((_, index) => parts.slice(0, index).reduce((sum, part) => sum + part.characters, 0));
  const references = parts.map((part) => part.pageReferences);
  const targets = [...new Set(parts.flatMap((part) => part.linkTargets))];
  const work = async (): Promise<TypesetPdf> => {
    context = await browser.chromium.createIncognitoBrowserContext();
    // One tab for every part: its renderer keeps the book's fonts decoded and the browser starts no new process.
    const page: BrowserPage = await context.newPage();
    const tab = pagedTab(page);
    await confinePage(page, [...browser.allowedPaths, ...tab.scriptFolders], fonts);
    const layouts: UnprintedLayout[] = [];
    let partsReused = 0;
    const layOut = async (index: number, { round, firstPage, pages, final }: RoundRequest): Promise<RoundOutcome> => {
      const part = parts[index]!;
      const key = final ? cache?.key(name, firstPage, `${JSON.stringify([firstPage, pages])}\n${part.html}`) : undefined;
      const cached = key ? await cache!.get(key) : undefined;
      if (cached) partsReused += 1;
      const layout: UnprintedLayout = cached
        ? { ...cached, fromCache: true }
        : await tab.layOut(path.join(workDir, `${name}-${index + 1}.html`), part.html, { firstPage, pages, targets }, (progress) => {
            browser.pages.emit("page");
            if (round === 1) onProgress?.({ pages: firstPage - 1 + progress.pages, fraction: (charactersBefore[index]! + (part.characters * progress.characters) / Math.max(1, progress.charactersTotal)) / Math.max(1, charactersTotal) });
          });
      if (final && !layout.bytes) {
        layout.bytes = await printPdf(page, tagged);
        if (key) await cache!.put(key, { pages: layout.pages, targetPages: layout.targetPages, outline: layout.outline, bytes: layout.bytes });
      }
      layout.key = key;
      layouts[index] = layout;
      return { pages: layout.pages, targetPages: layout.targetPages, done: Boolean(layout.bytes) };
    };
    // The last build's page numbers: when they still hold, the contents and the colophon are taken
    // from the cache in the first round instead of being laid out to learn them.
    const pagesKey = cache?.artifactKey("page numbers", name);
    const lastPages = pagesKey ? await cache!.getArtifact(pagesKey) : undefined;
    const { settled, targetPages } = await settlePageReferences(
      parts.map((part, index) => ({ opensOnRecto: part.opensOnRecto, references: references[index]! })),
      {
        maxRounds,
        known: lastPages ? (JSON.parse(Buffer.from(lastPages).toString("utf8")) as Record<string, number>) : {},
        layOut,
        afterPart(index, round, pagesBefore) {
          browser.pages.emit("page");
          if (round === 1) onProgress?.({ pages: pagesBefore, fraction: (charactersBefore[index]! + parts[index]!.characters) / Math.max(1, charactersTotal) });
        },
      },
    );
    if (!settled) throw new Error(`The ${name} book's page references did not settle after ${maxRounds} rounds of layout`);
    if (pagesKey) await cache!.putArtifact(pagesKey, Buffer.from(JSON.stringify(targetPages)));
    onProgress?.({ pages: layouts.reduce((sum, layout) => sum + layout.pages, 0), fraction: 1 });
    const printed: PdfPart[] = [];
    const partPages: PartPages[] = [];
    let pagesBefore = 0;
    for (const [index, layout] of layouts.entries()) {
      const blankBefore = parts[index]!.opensOnRecto && pagesBefore % 2 === 1;
      pagesBefore += blankBefore ? 1 : 0;
      partPages.push({ first: pagesBefore + 1, pages: layout.pages, key: layout.key });
      pagesBefore += layout.pages;
      printed.push({ bytes: layout.bytes!, blankBefore, targets: Object.keys(layout.targetPages) });
    }
    const document = printed.length === 1 ? await PDFDocument.load(printed[0]!.bytes, { updateMetadata: false }) : await joinPdfParts(printed);
    const pageReferences = Object.fromEntries(references.flat().flatMap((id) => (id in targetPages ? [[id, targetPages[id]!]] : [])));
    const pagesSetAgain = layouts.reduce((sum, layout) => sum + (layout.fromCache ? 0 : layout.pages), 0);
    return { document, outline: layouts.flatMap((layout) => layout.outline), pageReferences, partsReused, pagesSetAgain, partPages };
  };
  try {
    return await whileBrowserWorks(browser, work(), `laying out the ${name} book`);
  } finally {
    // A crashed Chromium may never answer; the browser's own clean-up kills what is left.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
  }
}

