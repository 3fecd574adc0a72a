// Takes the README's picture of `npm run preview` with headless Chromium:
//   npx tsx scripts/preview/screenshot.ts [OUT.png] [horizontal|vertical] [MANUSCRIPT] [OUTPUT-FOLDER]
// With the last build's findings in OUTPUT-FOLDER (default dist/), the picture shows the first
// page they name, as an editor sees it after choosing it in the list of findings.
import path from "node:path";
import type { Layout } from "../outputs.ts";
import { projectRoot } from "../book/paths.ts";
import { closeBrowser, launchBrowser } from "../typeset/browser.ts";
import { startPreview } from "./server.ts";

const [out = path.join(projectRoot, "styles", "specimens", "preview.png"), layout = "horizontal", manuscript = path.join(projectRoot, "manuscript"), outDir = path.join(projectRoot, "dist")] = process.argv.slice(2);
const preview = await startPreview({ manuscriptDir: path.resolve(manuscript), outDir: path.resolve(outDir), host: "127.0.0.1", port: 0, layout: layout as Layout, log: () => undefined });
const browser = await launchBrowser({ allowedPaths: [] });
try {
  // The build types only the puppeteer calls it makes; this drives the page as a reader does.
  const driven = (await browser.chromium.newPage()) as unknown as import("puppeteer-core").Page;
  await driven.setViewport({ width: 1280, height: 800 });
  await driven.goto(preview.url);
  await driven.waitForFunction("document.body.dataset.version", { timeout: 60_000 });
  // A finding's page, or else the first chapter's opening page, as an editor sees it after choosing it.
  const finding = await driven.$("#findings:not([hidden]) li a[data-page]");
  await (finding ? finding.click() : driven.click("#contents li:first-child a"));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await driven.screenshot({ path: out });
  process.stdout.write(`${out}\n`);
} finally {
  await closeBrowser(browser);
  await preview.close();
}
