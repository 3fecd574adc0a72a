import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PDFDocument } from "pdf-lib";
import { printPdf, type BrowserPage } from "./browser.ts";
import { namedDestinations } from "./join-pdf.ts";
import { pipelineScript } from "./paged.ts";
import type { OutlineEntry, Typesetter } from "./typeset.ts";

const pagesScript = fileURLToPath(new URL("chromium-pages.browser.js", import.meta.url));

/** A `string-set: NAME content(text)` rule of the stylesheet: the running string NAME comes from the text of `selector`. */
export interface StringSet {
  selector: string;
  name: string;
}

/**
 * Chromium's own pagination: it sets margin boxes, page counters, named pages and `:first`/`:left`/
 * `:right` pages, and vertical text, but not string-set/string() nor recto breaks. A part is one
 * chapter (see `partCharacters`), so its running strings are constant and its first page is the
 * chapter's opening; joining the parts puts each on a recto. The parts of a layout share their
 * head: the first is loaded, later ones replace the body, so the fonts are decoded once.
 */
export function chromiumPages(page: BrowserPage, tagged: boolean): Typesetter {
  let loadedHead: string | undefined;
  let stringSets: StringSet[] = [];
  return {
    scriptFolders: [...new Set([pipelineScript, pagesScript].map((script) => path.dirname(script)))],
    async layOut(htmlPath, html, firstPage) {
      const { head, body } = forChromium(html);
      if (head !== loadedHead) {
        await writeFile(htmlPath, head + body);
        await page.goto(pathToFileURL(htmlPath).href);
        for (const script of [pipelineScript, pagesScript]) await page.addScriptTag({ path: script });
        // Every face now: a later part may use one this part does not, and prints do not wait for fonts.
        await page.evaluate("Promise.all([...document.fonts].map((face) => face.load())).then(() => undefined)");
        loadedHead = head;
        stringSets = stringSetsOf(head);
      } else {
        await page.evaluate(`window.bookPipeline.showPart(${JSON.stringify(body.slice("<body>".length, body.lastIndexOf("</body>")))})`);
      }
      const { outline, chapters } = await page.evaluate<{ outline: OutlineEntry[]; chapters: string[] }>(`window.bookPipeline.preparePart(${firstPage}, ${JSON.stringify(stringSets)})`);
      const bytes = await printPdf(page, tagged);
      const { pages, destinationPages } = await readPages(bytes);
      const chapterPages = Object.fromEntries(chapters.flatMap((id) => (destinationPages.has(id) ? [[id, destinationPages.get(id)!]] : [])));
      return { pages, chapterPages, outline, bytes };
    },
    setContentsPages: (chapterPages) => page.evaluate(`window.bookPipeline.setContentsPages(${JSON.stringify(chapterPages)})`),
  };
}

/**
 * The document split at its body, `string(NAME)` in the stylesheets turned into `var(--string-NAME)`,
 * which the in-page script sets for each part.
 */
export function forChromium(html: string): { head: string; body: string } {
  const split = html.indexOf("<body>", html.indexOf("</head>"));
  const head = html.slice(0, split).replace(/\bstring\(([\w-]+)\)/g, "var(--string-$1)").replace("</head>", "<style>@media screen { body { display: none; } }</style>\n</head>");
  return { head, body: html.slice(split) };
}

/** The stylesheets' `string-set: NAME content(text)` rules (comments and nested at-rules aside). */
export function stringSetsOf(css: string): StringSet[] {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{[^{}]*?\bstring-set:\s*([\w-]+)\s+content\(text\)/g);
  return [...rules].map(([, selector, name]) => ({ selector: selector!.replace(/^[\s\S]*<style>/, "").trim(), name: name! }));
}

/** A part's page count and the page (from 1) of each named destination Chromium wrote. */
async function readPages(bytes: Uint8Array): Promise<{ pages: number; destinationPages: Map<string, number> }> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const destinationPages = new Map(namedDestinations(document).map(({ name, pageIndex }) => [name.decodeText(), pageIndex + 1]));
  return { pages: document.getPageCount(), destinationPages };
}
