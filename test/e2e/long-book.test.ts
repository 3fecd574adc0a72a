import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { readPdfWords, type PdfPage } from "../../scripts/verify/pdf-text.ts";
import { wordsInReadingOrder } from "../../scripts/verify/reading-order.ts";
import { isInTextArea } from "../../scripts/verify/text-completeness.ts";
import { generateBook, type GeneratedBook } from "../generate-book.ts";
import { runCli, tempDir } from "../helpers.ts";
import { han } from "../pdf-helpers.ts";

const mmToPt = 72 / 25.4;
const geometry = pageGeometry({ widthMm: 148, heightMm: 210 });
const area = { top: geometry.top * mmToPt, bottom: geometry.bottom * mmToPt, side: Math.min(geometry.inner, geometry.outer) * mmToPt };
let book: GeneratedBook;
let out: string;
const pagesOf: Partial<Record<"horizontal" | "vertical", PdfPage[]>> = {};

before(async () => {
  book = await generateBook(await tempDir(), { chapters: 18, paragraphsPerChapter: 20 });
  out = await tempDir();
  const run = await runCli(["--manuscript", book.dir, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  for (const layout of ["horizontal", "vertical"] as const) pagesOf[layout] = await readPdfWords(path.join(out, `book-${layout}-screen.pdf`));
});

/** Han text in the text area of each page, in reading order. */
const bodies = (layout: "horizontal" | "vertical") =>
  pagesOf[layout]!.map((page) => han(wordsInReadingOrder(page, layout).filter((word) => isInTextArea(word, page, area)).map((word) => word.text).join("")));

test("the vertical book has at least 300 pages and the build found nothing missing", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  for (const entry of report.outputs) assert.equal(entry.text.missing, 0, `${entry.format} ${entry.layout}`);
  for (const entry of report.outputs.filter((output: { format: string }) => output.format === "pdf")) assert.equal(entry.outsideTextArea, 0, entry.layout);
  assert.ok(pagesOf.vertical!.length >= 300, `${pagesOf.vertical!.length} pages`);
});

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: every paragraph is whole and in order, and paragraphs broken across pages continue on the next`, () => {
    const pages = bodies(layout);
    const text = pages.join("");
    const pageStarts = pages.map((_, index) => pages.slice(0, index).join("").length);
    let from = 0;
    let brokenAcrossPages = 0;
    for (const paragraph of book.paragraphs) {
      const expected = han(paragraph);
      const at = text.indexOf(expected, from);
      assert.ok(at >= 0, `paragraph lost or out of order: ${expected.slice(0, 20)}…`);
      if (pageStarts.some((start) => start > at && start < at + expected.length)) brokenAcrossPages++;
      from = at + expected.length;
    }
    assert.ok(brokenAcrossPages >= 100, `only ${brokenAcrossPages} paragraphs broken across pages`);
  });
}

test("horizontal: right-hand pages inside a chapter carry the chapter title as running head", () => {
  const pages = pagesOf.horizontal!;
  const titles = book.chapterTitles.map((title) => han(title));
  let seen = 0;
  pages.forEach((page, index) => {
    if ((index + 1) % 2 === 0) return;
    const head = han(page.words.filter((word) => word.yMax < area.top).map((word) => word.text).join(""));
    if (!head) return;
    assert.ok(titles.includes(head), `page ${index + 1}: running head ${head}`);
    seen++;
  });
  assert.ok(seen >= 100, `${seen} chapter running heads`);
});

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: blank pages before a chapter opening carry neither running head nor folio`, () => {
    const pages = pagesOf[layout]!;
    const blanks = pages.filter((_, index) => index > 2 && index < pages.length - 1 && bodies(layout)[index] === "");
    assert.ok(blanks.length >= 3, `${blanks.length} blank pages`);
    for (const page of blanks) assert.deepEqual(page.words.map((word) => word.text), []);
  });
}
