import path from "node:path";
import { PDFDocument } from "pdf-lib";
import type { PrintFonts } from "../fonts/print-subset.ts";
import type { PartCache } from "./part-cache.ts";
import type { BookPart } from "../render/book-html.ts";
import { confinePage, printPdf, whileBrowserWorks, type BookBrowser, type BrowserPage } from "./browser.ts";
import { joinPdfParts, type PdfPart } from "./join-pdf.ts";
import type { OutlineEntry } from "./outline.ts";
import { pagedTab, type LaidOutPart } from "./paged.ts";

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

/** A part's layout for one first page and one set of page numbers it refers to, printed once they are final. */
interface PartLayout extends LaidOutPart {
  state: string;
  bytes?: Uint8Array;
  fromCache?: boolean;
}

/** Rounds of laying parts out again after their page references or first pages changed, before giving up. */
const maxRounds = 5;

/**
 * Lays the book's parts out one after the other with Paged.js in one tab, in a browser context for
 * this layout (its renderer process ends with it, memory and all); numbers each part's pages on
 * from the last, prints it and joins the PDFs. A part of chapters opens on a recto, after a blank
 * page if need be; the colophon's part takes the next page.
 *
 * Page references (the contents' page numbers, a cross-reference's 第N页) may point at a page not
 * laid out yet, so the layout runs in rounds: a part is laid out again when a page it refers to, or
 * its own first page, turns out different from the last round's; it is printed once every page it
 * refers to is known, and again only if that changes. Most books need two rounds for the title page
 * and contents only. A part found in the cache (same HTML, first page and page numbers) is taken
 * from there. Each part is written to the build's private folder first so that relative URLs and
 * the file-access rules apply to it.
 */
export async function typesetPdf(browser: BookBrowser, parts: readonly BookPart[], { workDir, name, tagged, fonts, onProgress, cache }: TypesetOptions): Promise<TypesetPdf> {
  let context: Awaited<ReturnType<BookBrowser["chromium"]["createIncognitoBrowserContext"]>> | undefined;
  const charactersTotal = parts.reduce((sum, part) => sum + part.characters, 0);
  const references = parts.map((part) => pageReferencesIn(part.html));
  const targets = [...new Set(parts.flatMap((part) => linkTargetsIn(part.html)))];
  const work = async (): Promise<TypesetPdf> => {
    context = await browser.chromium.createIncognitoBrowserContext();
    // One tab for every part: its renderer keeps the book's fonts decoded and the browser starts no new process.
    const page: BrowserPage = await context.newPage();
    const tab = pagedTab(page);
    await confinePage(page, [...browser.allowedPaths, ...tab.scriptFolders], fonts);
    const layouts: Array<PartLayout | undefined> = [];
    let targetPages: Record<string, number> = {};
    let partsReused = 0;
    for (let round = 1; ; round++) {
      let pagesBefore = 0;
      let charactersBefore = 0;
      const found: Record<string, number> = {};
      for (const [index, part] of parts.entries()) {
        if (part.opensOnRecto && pagesBefore % 2 === 1) pagesBefore += 1;
        const firstPage = pagesBefore + 1;
        const pages = Object.fromEntries(references[index]!.flatMap((id) => (id in targetPages ? [[id, targetPages[id]!]] : [])));
        // After the first round every target in the book has been seen: an id still unknown is no target's.
        const final = round > 1 || Object.keys(pages).length === references[index]!.length;
        const state = JSON.stringify([firstPage, pages]);
        let layout = layouts[index];
        if (layout?.state !== state) {
          const key = final ? cache?.key(name, firstPage, `${state}\n${part.html}`) : undefined;
          const cached = key ? await cache!.get(key) : undefined;
          if (cached) partsReused += 1;
          layout = cached
            ? { ...cached, state, fromCache: true }
            : {
                ...(await tab.layOut(path.join(workDir, `${name}-${index + 1}.html`), part.html, firstPage, { pages, targets }, (progress) => {
                  browser.pages.emit("page");
                  if (round === 1) onProgress?.({ pages: pagesBefore + progress.pages, fraction: (charactersBefore + (part.characters * progress.characters) / Math.max(1, progress.charactersTotal)) / Math.max(1, charactersTotal) });
                })),
                state,
              };
          if (final && !layout.bytes) {
            layout.bytes = await printPdf(page, tagged);
            if (key) await cache!.put(key, { pages: layout.pages, targetPages: layout.targetPages, outline: layout.outline, bytes: layout.bytes });
          }
          layouts[index] = layout;
        }
        for (const [id, pageNumber] of Object.entries(layout.targetPages)) found[id] ??= firstPage - 1 + pageNumber;
        pagesBefore += layout.pages;
        charactersBefore += part.characters;
        browser.pages.emit("page");
        if (round === 1) onProgress?.({ pages: pagesBefore, fraction: charactersBefore / Math.max(1, charactersTotal) });
      }
      const settled = layouts.every((layout) => layout!.bytes) && sameNumbers(found, targetPages);
      targetPages = found;
      if (settled) break;
      if (round === maxRounds) throw new Error(`The ${name} book's page references did not settle after ${maxRounds} rounds of layout`);
    }
    onProgress?.({ pages: layouts.reduce((sum, layout) => sum + layout!.pages, 0), fraction: 1 });
    const printed: PdfPart[] = [];
    let pagesBefore = 0;
    for (const [index, layout] of layouts.entries()) {
      const blankBefore = parts[index]!.opensOnRecto && pagesBefore % 2 === 1;
      pagesBefore += (blankBefore ? 1 : 0) + layout!.pages;
      printed.push({ bytes: layout!.bytes!, blankBefore, targets: Object.keys(layout!.targetPages) });
    }
    const document = printed.length === 1 ? await PDFDocument.load(printed[0]!.bytes, { updateMetadata: false }) : await joinPdfParts(printed);
    const pageReferences = Object.fromEntries(references.flat().flatMap((id) => (id in targetPages ? [[id, targetPages[id]!]] : [])));
    const pagesSetAgain = layouts.reduce((sum, layout) => sum + (layout!.fromCache ? 0 : layout!.pages), 0);
    return { document, outline: layouts.flatMap((layout) => layout!.outline), pageReferences, partsReused, pagesSetAgain };
  };
  try {
    return await whileBrowserWorks(browser, work(), `laying out the ${name} book`);
  } finally {
    // A crashed Chromium may never answer; the browser's own clean-up kills what is left.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
  }
}

const sameNumbers = (a: Record<string, number>, b: Record<string, number>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([id, page]) => b[id] === page);

const attributeValues = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((match) => decodeEntities(match[1]!)))];
const decodeEntities = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&#x([\da-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16))).replaceAll("&amp;", "&").replaceAll("&quot;", '"');

/** The ids whose pages a part's HTML prints (`data-page-ref`). */
export const pageReferencesIn = (html: string) => attributeValues(html, /\bdata-page-ref="([^"]*)"/g);

/** The ids a part's links point to (`href="#id"`, written with the id as it is by cross-references.ts). */
export const linkTargetsIn = (html: string) => attributeValues(html, /\bhref="#([^"]*)"/g);
