import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BookPart } from "../render/book-html.ts";
import { confinePage, whileBrowserWorks, type BookBrowser, type BrowserPage } from "./browser.ts";
import { joinPdfParts, type PdfPart } from "./join-pdf.ts";
import type { PartCache, TypesetPart } from "../output/part-cache.ts";

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
  bytes: Uint8Array;
  outline: OutlineEntry[];
  /** How many of the book's parts were taken from the cache instead of being laid out. */
  partsReused: number;
}

/** Paged.js as pagedjs-cli 0.4.3 bundles it (the version the vertical layout was measured with). */
const pagedjsScript = path.join(path.dirname(createRequire(import.meta.url).resolve("pagedjs-cli")), "..", "dist", "browser.js");
const handlersScript = fileURLToPath(new URL("paged-handlers.browser.js", import.meta.url));

/**
 * Characters of text per document Paged.js lays out: about 200 A5 pages. Paged.js's time per page
 * and Chromium's print time grow with the document (a 1,750-page book printed in parts of 250 pages
 * took 16 s instead of 46 s). Chromium's structure tree does not survive joining PDFs, so a tagged
 * book is set as one document.
 */
export const partCharacters = (tagged: boolean) => (tagged ? Number.POSITIVE_INFINITY : 100_000);

/** How often the page count is read while Paged.js works, for the watchdog and the progress line. */
const progressIntervalMs = 250;

export interface TypesetOptions {
  workDir: string;
  name: string;
  /** Whether Chromium writes the PDF's structure tree (see `taggedPdf` in book.yaml). */
  tagged: boolean;
  onProgress?: (progress: LayoutProgress) => void;
  /** Parts typeset by earlier builds; a part found there is not laid out again. */
  cache?: PartCache;
}

/** What the in-page handlers (paged-handlers.browser.js) report as a document is laid out. */
interface PartProgress {
  pages: number;
  characters: number;
  charactersTotal: number;
}

/**
 * Lays the book's parts out with Paged.js one after the other in one tab, in a browser context for
 * this layout (its renderer process ends with it, memory and all); numbers each part's pages on
 * from the last, prints it and joins the PDFs. A part found in the cache is taken from there. The
 * part holding the contents is printed last, when every chapter's page is known. Each part is
 * written to the build's private folder first so that relative URLs and the file-access rules
 * apply to it.
 */
export async function typesetPdf(browser: BookBrowser, parts: readonly BookPart[], { workDir, name, tagged, onProgress, cache }: TypesetOptions): Promise<TypesetPdf> {
  let context: Awaited<ReturnType<BookBrowser["chromium"]["createIncognitoBrowserContext"]>> | undefined;
  const charactersTotal = parts.reduce((sum, part) => sum + part.characters, 0);
  const work = async (): Promise<TypesetPdf> => {
    context = await browser.chromium.createIncognitoBrowserContext();
    // One tab for every part: its renderer keeps the book's fonts decoded (a new tab spends
    // 0.4 s per part loading 15 MB faces again) and the browser starts no new process.
    const page = await context.newPage();
    await confinePage(page, [...browser.allowedPaths, path.dirname(pagedjsScript), path.dirname(handlersScript)]);
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
        (await layOut(browser, page, htmlPath(index), part.html, (progress) =>
          onProgress?.({ pages: pagesBefore + progress.pages, fraction: (charactersBefore + (part.characters * progress.characters) / Math.max(1, progress.charactersTotal)) / Math.max(1, charactersTotal) }),
        ));
      for (const [id, pageNumber] of Object.entries(laidOut.chapterPages)) chapterPages[id] = pagesBefore + pageNumber;
      outline.push(...laidOut.outline);
      printed.push({ bytes: cached?.bytes ?? new Uint8Array(), blankBefore });
      if (!cached) await page.evaluate(`window.bookPipeline.numberPagesFrom(${pagesBefore + 1})`);
      if (part.holdsContents) {
        contentsPart = { slot: index, firstPage: pagesBefore + 1, pages: laidOut.pages };
      } else if (!cached) {
        printed[index]!.bytes = await printPdf(page, tagged);
        if (key) await cache!.put(key, { ...laidOut, bytes: printed[index]!.bytes });
      }
      pagesBefore += laidOut.pages;
      charactersBefore += part.characters;
      onProgress?.({ pages: pagesBefore, fraction: charactersBefore / Math.max(1, charactersTotal) });
    }
    if (contentsPart) {
      // Keeping the part in a tab of its own until the end would hold about 200 MB, more than laying
      // the title page and contents out again costs; a book set as one document is still in the tab.
      if (parts.length > 1) {
        const again = await layOut(browser, page, htmlPath(contentsPart.slot), parts[contentsPart.slot]!.html, () => undefined);
        if (again.pages !== contentsPart.pages) throw new Error(`The ${name} book's part ${contentsPart.slot + 1} took ${again.pages} pages when laid out again instead of ${contentsPart.pages}`);
        await page.evaluate(`window.bookPipeline.numberPagesFrom(${contentsPart.firstPage})`);
      }
      await page.evaluate(`window.bookPipeline.setContentsPages(${JSON.stringify(chapterPages)})`);
      printed[contentsPart.slot]!.bytes = await printPdf(page, tagged);
    }
    onProgress?.({ pages: pagesBefore, fraction: 1 });
    return { bytes: printed.length === 1 ? printed[0]!.bytes : await joinPdfParts(printed), outline, partsReused };
  };
  try {
    return await whileBrowserWorks(browser, work(), `laying out the ${name} book`);
  } finally {
    // A crashed Chromium may never answer; the browser's own clean-up kills what is left.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
  }
}

/** One document laid out by Paged.js with our handlers, in `page`; its pages, chapter pages and headings. */
async function layOut(browser: BookBrowser, page: BrowserPage, htmlPath: string, html: string, onProgress: (progress: PartProgress) => void): Promise<Omit<TypesetPart, "bytes">> {
  await writeFile(htmlPath, html);
  await page.goto(pathToFileURL(htmlPath).href);
  // The part laid out before in this tab is garbage now; left to V8's own pace, it stays in memory
  // next to this one (a 1,000-page book's build peaked at 2.0 GB instead of 1.3 GB).
  await collectGarbage(page);
  // Paged.js measures text as soon as it starts; the book's fonts must be there by then.
  await page.evaluate("document.fonts.ready.then(() => { window.PagedConfig = { auto: false }; })");
  await page.addScriptTag({ path: pagedjsScript });
  await page.addScriptTag({ path: handlersScript });
  let reported = 0;
  const report = () =>
    page.evaluate<PartProgress>("window.bookPipeline.progress()").then((progress) => {
      if (progress.pages <= reported) return;
      reported = progress.pages;
      browser.pages.emit("page");
      onProgress(progress);
    }, () => undefined);
  const polling = setInterval(() => void report(), progressIntervalMs);
  try {
    await page.evaluate("window.PagedPolyfill.preview().then(() => undefined)");
  } finally {
    clearInterval(polling);
  }
  await report();
  return page.evaluate("({ pages: window.bookPipeline.pagesLaidOut, chapterPages: window.bookPipeline.chapterPages, outline: window.bookPipeline.outline() })");
}

async function collectGarbage(page: BrowserPage): Promise<void> {
  const session = await page.target().createCDPSession();
  try {
    await session.send("HeapProfiler.collectGarbage");
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** How much of the PDF Chromium hands over per read. */
const pdfReadBytes = 4 << 20;

/**
 * Chromium's print to PDF through the DevTools protocol (puppeteer 20's `page.pdf` cannot turn
 * tagging off), read as a stream rather than as one base64 string of the whole book.
 */
export async function printPdf(page: BrowserPage, tagged: boolean): Promise<Uint8Array> {
  const session = await page.target().createCDPSession();
  try {
    const { stream } = await session.send<{ stream: string }>("Page.printToPDF", {
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: tagged,
      transferMode: "ReturnAsStream",
    });
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = await session.send<{ data: string; base64Encoded?: boolean; eof: boolean }>("IO.read", { handle: stream, size: pdfReadBytes });
      chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? "base64" : "binary"));
      if (chunk.eof) break;
    }
    await session.send("IO.close", { handle: stream });
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await session.detach().catch(() => undefined);
  }
}
