import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TypesetPart } from "./part-cache.ts";
import type { BrowserPage } from "./browser.ts";
import type { PartPages, PartProgress, PartRequest } from "./book-page.js";
import type { OutlineEntry } from "./outline.ts";
import { splitAtBody } from "../render/book-html.ts";

const pagedjsCli = createRequire(import.meta.url).resolve("pagedjs-cli");
/** Paged.js as pagedjs-cli bundles it (the version the vertical layout was measured with; pinned). */
const pagedjsScript = path.join(path.dirname(pagedjsCli), "..", "dist", "browser.js");
/**
 * The scripts a book's document runs, in order, in the build's tab and in the preview alike:
 * Paged.js; the one place that patches its internals; `window.bookPipeline`, which Node drives;
 * then one Paged.js handler each: page references, page collection (progress, targets' pages),
 * page breaks (the text break, orphans and widows), where the next page resumes, the fitting of
 * wide tables, a continued table's repeated head and 续表, and vertical text's spacing and breaks. Their types: book-page.d.ts.
 */
export const pagedScripts = [pagedjsScript, ...["pagedjs-patches", "book-pipeline", "page-references", "page-collection", "page-breaks", "page-continuations", "wide-tables", "table-continuations", "vertical-text"].map((name) => fileURLToPath(new URL(`${name}.browser.js`, import.meta.url)))];

/** The index's page runs (scripts/render/page-runs.js), shared with the expected text. */
export const pageRunsModule = fileURLToPath(new URL("../render/page-runs.js", import.meta.url));

/**
 * The page-runs module as a classic script, whose declarations are then the page's globals: a
 * file: page cannot import a module (Chromium refuses file: modules to a page of origin null), and
 * the module has no imports, only exports, so dropping the word `export` is all it takes.
 */
const pageRunsScript = () => `${readFileSync(pageRunsModule, "utf8").replace(/^export (?=function |const )/gm, "")}\n//# sourceURL=${pathToFileURL(pageRunsModule).href}`;

/** The engine that paginates every PDF, as the PDFs' Creator names it. */
export const pagedjsVersion = (JSON.parse(readFileSync(path.join(path.dirname(pagedjsCli), "..", "package.json"), "utf8")) as { version: string }).version;

/** The Paged.js our corrections to it (pagedjs-patches.browser.js) replace the internals of, and were measured with. */
export const supportedPagedjs = "0.4.3";

/** Why the installed Paged.js cannot set the book, or undefined when it is the supported one. */
export function pagedjsProblem(version: string): string | undefined {
  if (version === supportedPagedjs) return undefined;
  return `Unexpected Paged.js ${version} (the one pagedjs-cli bundles), expected ${supportedPagedjs}: the pipeline's corrections to Paged.js (scripts/typeset/pagedjs-patches.browser.js) replace its internals as ${supportedPagedjs} has them, and another version would lose or repeat text; run \`npm ci\` to install the pinned pagedjs-cli`;
}

/** How often the page count is read while Paged.js works, for the watchdog and the progress line. */
const progressIntervalMs = 250;

/** A part as Paged.js leaves it in its tab, to be printed from there. */
export type LaidOutPart = Omit<TypesetPart, "bytes">;

/** A tab in which Paged.js lays a layout's parts out, one after the other. */
export interface PagedTab {
  /** Folders its scripts live in, which the tab may read. */
  scriptFolders: string[];
  /** Lays a part out in the tab, its pages numbered from `request.firstPage`, its page references showing `request.pages`. */
  layOut(htmlPath: string, html: string, request: PartRequest, onProgress: (progress: PartProgress) => void): Promise<LaidOutPart>;
}

/**
 * Paged.js with our handlers (pagedScripts) in one tab. The parts of a layout share
 * their head (styles and fonts): the first part's document is loaded, and every part, the first
 * included, is laid out by the in-page script in that same document (book-pipeline.browser.js), so
 * the fonts are decoded once per layout (a 50-chapter book set chapter by chapter, 705 + 807
 * pages: 37 s of layout with a navigation per part, 12 s in one document). Chromium then prints the
 * finished pages.
 */
export function pagedTab(page: BrowserPage): PagedTab {
  const problem = pagedjsProblem(pagedjsVersion);
  if (problem) throw new Error(problem);
  let loadedHead: string | undefined;
  return {
    scriptFolders: [...new Set(pagedScripts.map((script) => path.dirname(script)))],
    async layOut(htmlPath, html, request, onProgress) {
      const { head, body } = splitAtBody(html);
      if (head !== loadedHead) {
        await writeFile(htmlPath, `${head}<body></body></html>`);
        await page.goto(pathToFileURL(htmlPath).href);
        await page.evaluate("window.PagedConfig = { auto: false }");
        await page.addScriptTag({ content: pageRunsScript() });
        for (const script of pagedScripts) await page.addScriptTag({ path: script });
        await page.evaluate("window.bookPipeline.loadFaces()");
        loadedHead = head;
      }
      // layOutPart takes the part before out of the document first. No forced garbage collection between
      // parts: in one document it took a fifth of the layout time (55 ms a part, 11 parts: 3.2 s → 2.1 s),
      // and V8 collects the part laid out before on its own.
      let reported = 0;
      const report = () =>
        page.evaluate<PartProgress>("window.bookPipeline.progress()").then((progress) => {
          if (progress.pages <= reported) return;
          reported = progress.pages;
          onProgress(progress);
        }, () => undefined);
      const polling = setInterval(() => void report(), progressIntervalMs);
      let laidOut: PartPages;
      try {
        laidOut = await page.evaluate<PartPages>(`window.bookPipeline.layOutPart(${JSON.stringify(body)}, ${JSON.stringify(request)})`);
      } finally {
        clearInterval(polling);
      }
      await report();
      return { ...laidOut, outline: await page.evaluate<OutlineEntry[]>("window.bookPipeline.outline()") };
    },
  };
}
