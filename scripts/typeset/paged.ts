import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BrowserPage } from "./browser.ts";
import type { LaidOutPart, PartProgress, Typesetter } from "./typeset.ts";

/** Paged.js as pagedjs-cli 0.4.3 bundles it (the version the vertical layout was measured with). */
const pagedjsScript = path.join(path.dirname(createRequire(import.meta.url).resolve("pagedjs-cli")), "..", "dist", "browser.js");
export const pipelineScript = fileURLToPath(new URL("book-pipeline.browser.js", import.meta.url));
const handlersScript = fileURLToPath(new URL("paged-handlers.browser.js", import.meta.url));

/** How often the page count is read while Paged.js works, for the watchdog and the progress line. */
const progressIntervalMs = 250;

/**
 * Paged.js with our handlers (paged-handlers.browser.js): it paginates a document in the page
 * itself, with running heads from string-set and chapters opening on rectos, so a whole book can be
 * one document. Chromium then prints the finished pages.
 */
export function pagedjs(page: BrowserPage): Typesetter {
  return {
    scriptFolders: [...new Set([pagedjsScript, pipelineScript, handlersScript].map((script) => path.dirname(script)))],
    layOut: (htmlPath, html, firstPage, onProgress) => layOut(page, htmlPath, html, firstPage, onProgress),
    setContentsPages: (chapterPages) => page.evaluate(`window.bookPipeline.setContentsPages(${JSON.stringify(chapterPages)})`),
  };
}

async function layOut(page: BrowserPage, htmlPath: string, html: string, firstPage: number, onProgress: (progress: PartProgress) => void): Promise<LaidOutPart> {
  await writeFile(htmlPath, html);
  await page.goto(pathToFileURL(htmlPath).href);
  // The part laid out before in this tab is garbage now; left to V8's own pace, it stays in memory
  // next to this one (a 1,000-page book's build peaked at 2.0 GB instead of 1.3 GB).
  await collectGarbage(page);
  // Paged.js measures text as soon as it starts; the book's fonts must be there by then.
  await page.evaluate("document.fonts.ready.then(() => { window.PagedConfig = { auto: false }; })");
  for (const script of [pagedjsScript, pipelineScript, handlersScript]) await page.addScriptTag({ path: script });
  let reported = 0;
  const report = () =>
    page.evaluate<PartProgress>("window.bookPipeline.progress()").then((progress) => {
      if (progress.pages <= reported) return;
      reported = progress.pages;
      onProgress(progress);
    }, () => undefined);
  const polling = setInterval(() => void report(), progressIntervalMs);
  try {
    await page.evaluate("window.PagedPolyfill.preview().then(() => undefined)");
  } finally {
    clearInterval(polling);
  }
  await report();
  await page.evaluate(`window.bookPipeline.numberPagesFrom(${firstPage})`);
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
