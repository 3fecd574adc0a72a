// (b) of the benchmark: the build's two PDFs alone, typeset as the build does (Paged.js, both
// layouts at once, in parts), without the EPUBs, the print editions and the checks.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeBrowser, launchBrowser } from "../scripts/typeset/browser.ts";
import { typesetPdf } from "../scripts/typeset/paged.ts";
import { bookDocuments } from "./book-documents.ts";

const [manuscriptDir, outDir] = process.argv.slice(2) as [string, string];
const workDir = await mkdtemp(path.join(os.tmpdir(), "bench-typeset-"));
const { documents, allowedPaths, tagged } = await bookDocuments(manuscriptDir);
const browser = await launchBrowser({ allowedPaths: [workDir, ...allowedPaths] });
try {
  await Promise.all(
    documents.map(async (document) => {
      const pdf = await typesetPdf(browser, document.parts, { workDir, name: document.layout, tagged });
      await writeFile(path.join(outDir, `${document.layout}.pdf`), pdf.bytes);
    }),
  );
} finally {
  await closeBrowser(browser);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(0);
