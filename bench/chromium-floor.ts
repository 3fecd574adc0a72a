// (c) of the benchmark, the floor: Chromium's own page.pdf of the same two documents, no Paged.js.
// `--together` prints both at once in separate renderer processes, as the build typesets them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeBrowser, confinePage, launchBrowser, printPdf } from "../scripts/typeset/browser.ts";
import { bookDocuments, withoutPagedjs, type BookDocument } from "./book-documents.ts";

const [manuscriptDir, outDir, mode] = process.argv.slice(2) as [string, string, string | undefined];
const workDir = await mkdtemp(path.join(os.tmpdir(), "bench-floor-"));
const { documents, allowedPaths, tagged } = await bookDocuments(manuscriptDir);
const browser = await launchBrowser({ allowedPaths: [workDir, ...allowedPaths] });
const print = async (document: BookDocument) => {
  const htmlPath = path.join(workDir, `${document.layout}.html`);
  await writeFile(htmlPath, withoutPagedjs(document));
  const context = await browser.chromium.createIncognitoBrowserContext();
  const page = await context.newPage();
  await confinePage(page, browser.allowedPaths);
  await page.goto(pathToFileURL(htmlPath).href);
  await page.evaluate("document.fonts.ready.then(() => undefined)");
  const pdf = await printPdf(page, tagged);
  await writeFile(path.join(outDir, `${document.layout}.pdf`), pdf);
  await context.close();
};
try {
  if (mode === "--together") await Promise.all(documents.map(print));
  else for (const document of documents) await print(document);
} finally {
  await closeBrowser(browser);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(0);
