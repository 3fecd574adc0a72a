import { writeFile } from "node:fs/promises";
import path from "node:path";
import { whileBrowserWorks, type PagedPrinter } from "./browser.ts";

/**
 * Lays the HTML out with Paged.js in the shared browser and prints it. The HTML is written to the
 * build's private folder first so that relative URLs and the file-access rules apply to it.
 */
export async function typesetPdf(printer: PagedPrinter, html: string, workDir: string, name: string): Promise<Uint8Array> {
  const htmlPath = path.join(workDir, `${name}.html`);
  await writeFile(htmlPath, html);
  // pagedjs-cli keeps the page boxes of every render on the printer; each PDF needs only its own.
  printer.pages = [];
  return whileBrowserWorks(printer, printer.pdf(htmlPath, { outlineTags: ["h1"] }), `laying out the ${name} book`);
}
