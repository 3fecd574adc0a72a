import assert from "node:assert/strict";
import { appendFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { Frame, Page as BrowserTab } from "puppeteer-core";
import { startPreview } from "../../scripts/preview/server.ts";
import { closeBrowser, launchBrowser } from "../../scripts/typeset/browser.ts";
import { generateBook } from "../generate-book.ts";
import { runCli, tempDir } from "../helpers.ts";
import { a5Margins, readPages, textAreaOf, within, type Page } from "../pdf-reader.ts";

/** Letters and digits only: what both readers must agree on, whatever spaces or marks they put between. */
const letters = (text: string) => [...text.matchAll(/[\p{L}\p{N}]/gu)].join("");

/** Each PDF page's body text (inside the A5 text area) and the words outside it (running head, folio). */
function pdfPages(pages: readonly Page[]) {
  return pages.map((page) => {
    const area = textAreaOf(page, a5Margins);
    const words = page.lines.flat();
    return { body: letters(words.filter((word) => within(word, area)).map((word) => word.text).join("")), outside: words.filter((word) => !within(word, area)).map((word) => word.text) };
  });
}

/**
 * Each preview page's body text, blank pages included, in the order the reader scrolls through
 * them, without what is hidden (a part's running head's source); a page reference's number (the contents', 第N页), which its `::after` shows from the
 * `page-ref` counter, written out (not the colophon's figures, whose text is their value).
 */
const previewPages = (frame: Frame) =>
  frame.$$eval(".preview-part:not(.preview-laying-out) .pagedjs_page", (pages) =>
    pages.map((page) => {
      const area = page.querySelector(".pagedjs_area")?.cloneNode(true) as HTMLElement | undefined;
      for (const hidden of area?.querySelectorAll("[hidden]") ?? []) hidden.remove();
      for (const reference of area?.querySelectorAll<HTMLElement>("[data-page-ref]:not(.print-figure)") ?? []) reference.append(/page-ref (\d+)/.exec(reference.style.counterReset)?.[1] ?? "");
      // A part's first page carries the number its folios count from (pagedjs-patches numberPagesFrom).
      const numberedFrom = (page as HTMLElement).style.getPropertyValue("--pagedjs-page-counter-increment");
      return { text: area?.textContent ?? "", numberedFrom: numberedFrom ? Number(numberedFrom) : undefined };
    }),
  );

async function frontFrame(tab: BrowserTab): Promise<Frame> {
  return (await (await tab.$("iframe.pages.front"))!.contentFrame())!;
}

async function buildScreenPdf(manuscript: string, out: string) {
  const built = await runCli(["--manuscript", manuscript, "--out", out, "--quiet"]);
  assert.equal(built.code, 0, built.stderr);
  return pdfPages(await readPages(path.join(out, "book-horizontal-screen.pdf"), "horizontal"));
}

const screenPdfPages = async (out: string, layout: "horizontal" | "vertical") => pdfPages(await readPages(path.join(out, `book-${layout}-screen.pdf`), layout));

/** The settled preview and the screen PDF: the same pages, each with the same text, the PDF's folio the page's number. */
function assertSamePages(preview: Awaited<ReturnType<typeof previewPages>>, pdf: ReturnType<typeof pdfPages>, when: string) {
  // Page by page first: the first page that differs says more than the counts.
  for (const [index, { text, numberedFrom }] of preview.slice(0, pdf.length).entries()) {
    assert.equal(letters(text), pdf[index]!.body, `${when}: page ${index + 1}'s text`);
    if (numberedFrom !== undefined) assert.equal(numberedFrom, index + 1, `${when}: the preview's folios from page ${index + 1}`);
    // A page with a folio (not the title page, not a blank) shows its own number.
    if (pdf[index]!.outside.length > 0 && pdf[index]!.body.length > 0 && index > 0) assert.ok(pdf[index]!.outside.includes(String(index + 1)), `${when}: page ${index + 1}'s folio among ${pdf[index]!.outside.join(" ")}`);
  }
  assert.equal(preview.length, pdf.length, `${when}: pages in the preview and in the screen PDF`);
}

test("a 300-page book's settled preview shows the screen PDF's pages, and an edit in its middle chapter is laid out alone while the other chapters' pages are kept; the vertical book's too", async () => {
  const dir = await tempDir();
  const manuscript = path.join(dir, "manuscript");
  const book = await generateBook(manuscript, { chapters: 20, paragraphsPerChapter: 20, rich: true });
  const before = await buildScreenPdf(manuscript, path.join(dir, "out"));
  assert.ok(before.length >= 300, `a long book: ${before.length} pages`);

  const logs: string[] = [];
  const preview = await startPreview({ manuscriptDir: manuscript, host: "127.0.0.1", port: 0, layout: "horizontal", log: (line) => logs.push(line), outDir: path.join(dir, "out") });
  const browser = await launchBrowser({ allowedPaths: [] });
  try {
    const tab = (await browser.chromium.newPage()) as unknown as BrowserTab;
    await tab.goto(preview.url);
    await tab.waitForFunction("document.body.dataset.settled === 'true'", { timeout: 180_000 });
    assertSamePages(await previewPages(await frontFrame(tab)), before, "opened");

    // Each chapter's part, marked: an element still marked after the edit was kept, not laid out again.
    const middle = Math.ceil(book.chapterTitles.length / 2);
    const chapterParts = async () => (await frontFrame(tab)).$$eval(".preview-part", (parts) => parts.map((part) => ({ chapter: part.querySelector("section.chapter[id]")?.id, kept: (part as HTMLElement).dataset.testMark === "before" })));
    await (await frontFrame(tab)).$$eval(".preview-part", (parts) => parts.forEach((part) => ((part as HTMLElement).dataset.testMark = "before")));
    const sentence = "长篇预览补记：这一句是刚刚加在中间一章的。";
    await appendFile(path.join(manuscript, "chapters", `${String(middle).padStart(3, "0")}.md`), `\n${sentence}\n`);
    const version = await tab.evaluate(() => Number(document.body.dataset.version));
    await tab.waitForFunction(`Number(document.body.dataset.version) > ${version} && document.body.dataset.settled === 'true'`, { timeout: 180_000 });
    const frame = await frontFrame(tab);
    assert.ok((await previewPages(frame)).some((page) => page.text.includes(sentence)), "the added sentence is on a page");
    const parts = await chapterParts();
    const edited = `chapter-${middle}`;
    assert.equal(parts.find((part) => part.chapter === edited)?.kept, false, "the edited chapter is laid out again");
    const others = parts.filter((part) => part.chapter && part.chapter !== edited);
    assert.equal(others.length, book.chapterTitles.length - 1, "every other chapter has a part of its own");
    assert.deepEqual(others.filter((part) => !part.kept).map((part) => part.chapter), [], "the other chapters' pages are kept");

    const after = await buildScreenPdf(manuscript, path.join(dir, "out"));
    assertSamePages(await previewPages(frame), after, "after the edit");

    // The vertical book: its pages after the first part are laid out in the layout frame too.
    await tab.click("[data-layout=vertical]");
    await tab.waitForFunction(`document.querySelector("iframe.pages.front").src.includes("/book/vertical.html") && document.body.dataset.settled === "true"`, { timeout: 180_000 });
    assertSamePages(await previewPages(await frontFrame(tab)), await screenPdfPages(path.join(dir, "out"), "vertical"), "vertical");
  } finally {
    await closeBrowser(browser);
    await preview.close();
  }
});
