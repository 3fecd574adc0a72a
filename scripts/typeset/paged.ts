import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { confinePage, whileBrowserWorks, type BookBrowser, type BrowserPage } from "./browser.ts";

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
}

/** Paged.js as pagedjs-cli 0.4.3 bundles it (the version the vertical layout was measured with). */
const pagedjsScript = path.join(path.dirname(createRequire(import.meta.url).resolve("pagedjs-cli")), "..", "dist", "browser.js");
const handlersScript = fileURLToPath(new URL("paged-handlers.browser.js", import.meta.url));

/** How often the page count is read while Paged.js works, for the watchdog and the progress line. */
const progressIntervalMs = 250;

export interface TypesetOptions {
  workDir: string;
  name: string;
  /** Whether Chromium writes the PDF's structure tree (see `taggedPdf` in book.yaml). */
  tagged: boolean;
  onProgress?: (progress: LayoutProgress) => void;
}

/**
 * Lays the HTML out with Paged.js and prints it, in a browser context of its own (a renderer
 * process that ends with it, memory and all). The HTML is written to the build's private folder
 * first so that relative URLs and the file-access rules apply to it.
 */
export async function typesetPdf(browser: BookBrowser, html: string, { workDir, name, tagged, onProgress }: TypesetOptions): Promise<TypesetPdf> {
  const htmlPath = path.join(workDir, `${name}.html`);
  await writeFile(htmlPath, html);
  let context: Awaited<ReturnType<BookBrowser["chromium"]["createIncognitoBrowserContext"]>> | undefined;
  let polling: NodeJS.Timeout | undefined;
  const work = async (): Promise<TypesetPdf> => {
    context = await browser.chromium.createIncognitoBrowserContext();
    const page = await context.newPage();
    await confinePage(page, [...browser.allowedPaths, path.dirname(pagedjsScript), path.dirname(handlersScript)]);
    await page.goto(pathToFileURL(htmlPath).href);
    // Paged.js measures text as soon as it starts; the book's fonts must be there by then.
    await page.evaluate("document.fonts.ready.then(() => { window.PagedConfig = { auto: false }; })");
    await page.addScriptTag({ path: pagedjsScript });
    await page.addScriptTag({ path: handlersScript });
    let reported = 0;
    const report = (finished: boolean) =>
      page.evaluate<LayoutProgress>("window.bookPipeline.progress()").then((progress) => {
        if (progress.pages <= reported && !finished) return;
        reported = progress.pages;
        browser.pages.emit("page");
        onProgress?.(finished ? { ...progress, fraction: 1 } : progress);
      }, () => undefined);
    polling = setInterval(() => void report(false), progressIntervalMs);
    await page.evaluate("window.PagedPolyfill.preview().then(() => undefined)");
    clearInterval(polling);
    await report(true);
    const outline = await page.evaluate<OutlineEntry[]>("window.bookPipeline.outline()");
    return { bytes: await printPdf(page, tagged), outline };
  };
  try {
    return await whileBrowserWorks(browser, work(), `laying out the ${name} book`);
  } finally {
    clearInterval(polling);
    // A crashed Chromium may never answer; the browser's own clean-up kills what is left.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
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
