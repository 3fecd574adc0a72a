// (b) of the benchmark: the build's two PDFs alone, typeset as the build does (both layouts at
// once, chapter by chapter, with the fonts cut down to the book), without the EPUBs, the print
// editions and the checks.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeBrowser, launchBrowser } from "../scripts/typeset/browser.ts";
import { subsetFontsForPrint } from "../scripts/fonts/print-subset.ts";
import { typesetPdf } from "../scripts/typeset/typeset.ts";
import { bookDocuments } from "./book-documents.ts";

const [manuscriptDir, outDir] = process.argv.slice(2) as [string, string];
const workDir = await mkdtemp(path.join(os.tmpdir(), "bench-typeset-"));
const { documents, allowedPaths, tagged } = await bookDocuments(manuscriptDir);
const browser = await launchBrowser({ allowedPaths: [workDir, ...allowedPaths] });
const fonts = await subsetFontsForPrint(documents.flatMap((document) => document.parts.map((part) => part.html)));
try {
  await Promise.all(
    documents.map(async (document) => {
      const pdf = await typesetPdf(browser, document.parts, { workDir, name: document.layout, tagged, fonts });
      await writeFile(path.join(outDir, `${document.layout}.pdf`), await pdf.document.save());
    }),
  );
} finally {
  await closeBrowser(browser);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(0);
