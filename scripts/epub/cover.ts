import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BookConfig } from "../book/schema.ts";
import { fontFaceCss } from "../fonts/declared.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { projectRoot } from "../render/assets.ts";
import { escapeHtml } from "../render/book-html.ts";
import type { PrintFonts } from "../fonts/print-subset.ts";
import { confinePage, type BookBrowser } from "../typeset/browser.ts";

/**
 * A cover image (1600 × 2560 PNG) drawn from the title, authors and publisher with the book's own
 * fonts (served cut down to the book's characters, as for the PDFs), for books that bring none:
 * readers' libraries show the cover, not the title text.
 */
export async function drawCover(browser: BookBrowser, config: BookConfig, workDir: string, fonts: PrintFonts): Promise<string> {
  const template = await readFile(path.join(projectRoot, "templates", "cover.html"), "utf8");
  const fields: Record<string, string> = {
    language: escapeHtml(config.language),
    title: escapeHtml(cjk(config.title)),
    subtitle: escapeHtml(cjk(config.subtitle ?? "")),
    authors: escapeHtml(config.authors.join(" ")),
    publisher: escapeHtml(config.publisher),
    fonts: fontFaceCss(),
  };
  const htmlPath = path.join(workDir, "cover.html");
  await writeFile(htmlPath, template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => fields[name] ?? ""));
  const page = await browser.chromium.newPage();
  try {
    await confinePage(page, browser.allowedPaths, fonts);
    await page.setViewport({ width: 1600, height: 2560, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const coverPath = path.join(workDir, "cover.png");
    await page.screenshot({ path: coverPath, type: "png" });
    return coverPath;
  } finally {
    await page.close();
  }
}
