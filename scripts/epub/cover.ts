import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { frontCoverHtml, type CoverDesign } from "../cover/design.ts";
import type { PrintFonts } from "../fonts/print-subset.ts";
import { confinePage, type BookBrowser } from "../typeset/browser.ts";
import type { PartCache } from "../typeset/part-cache.ts";

/**
 * The EPUB's cover image (1600 × 2560 PNG) for books that bring none: the print cover's front
 * design (scripts/cover/design.ts), drawn with the book's own fonts (served cut down to the book's
 * characters, as for the PDFs). Readers' libraries show the cover, not the title text.
 */
export async function drawCover(browser: BookBrowser, design: CoverDesign, workDir: string, fonts: PrintFonts, cache?: PartCache): Promise<string> {
  const html = frontCoverHtml(design, 1600, 2560);
  const coverPath = path.join(workDir, "cover.png");
  // Drawn once for a design: a browser page and a screenshot take seconds of a rebuild's two cores.
  const key = cache?.artifactKey("epub cover", html);
  const drawn = key ? await cache!.getArtifact(key) : undefined;
  if (drawn) {
    await writeFile(coverPath, drawn);
    return coverPath;
  }
  const htmlPath = path.join(workDir, "cover.html");
  await writeFile(htmlPath, html);
  const page = await browser.chromium.newPage();
  try {
    await confinePage(page, browser.allowedPaths, fonts);
    await page.setViewport({ width: 1600, height: 2560, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: coverPath, type: "png" });
    if (key) await cache!.putArtifact(key, await readFile(coverPath));
    return coverPath;
  } finally {
    await page.close();
  }
}
