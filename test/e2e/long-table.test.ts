import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { inA5TextArea, readPages, squeezed, textOf, wordsOf, type Layout, type Page } from "../pdf-reader.ts";

// 续表 (issue 28): a 300-row Markdown table runs over many pages; each page it continues on repeats
// its head row (序号 说明 数值) under the word 续表, which its first page does not have. An 80-row
// HTML table without <thead> follows, then a Markdown table whose head cells are empty: they repeat
// nothing and get no word. Paged.js 0.4.3 repeats
// no head by itself (its issue #36); scripts/typeset/table-continuations.browser.js does. The build's
// own text check must take the repeated heads and words for what they are (it exits 0), and the
// rows must stay in the text area (the head and the word are measured with the page).
const manuscript = fixture("long-table");
let out: string;
let report: { outputs: Array<{ format: string; path: string; text?: { expected: number; missing: number; added?: number } }> };

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
});

const rowOf = /第(\d+)行/g;
const headlessRow = /无头表第(\d+)格/g;
const emptyHeadRow = /空头表第(\d+)格/g;

/** The page's text area, squeezed, with the numbers of the long table's rows and the header-less table's on it. */
function pageText(page: Page) {
  const text = squeezed(textOf(page, inA5TextArea));
  return { text, rows: [...text.matchAll(rowOf)], headless: [...text.matchAll(headlessRow)], emptyHead: [...text.matchAll(emptyHeadRow)] };
}

for (const layout of ["horizontal", "vertical"] as Layout[]) {
  test(`${layout}: every page of the long table shows its head, continued pages under 续表; the header-less table repeats nothing`, async () => {
    const pages = (await readPages(path.join(out, `book-${layout}-screen.pdf`), layout)).map((page) => ({ page, ...pageText(page) }));
    const tablePages = pages.filter(({ rows }) => rows.length > 0);
    assert.ok(tablePages.length >= 5, `the long table runs over ${tablePages.length} page(s), expected at least 5`);
    // Every row once, in order.
    assert.deepEqual(tablePages.flatMap(({ rows }) => rows.map((row) => Number(row[1]))), Array.from({ length: 300 }, (_, index) => index + 1));
    for (const [index, { page, text, rows }] of tablePages.entries()) {
      const beforeRows = text.slice(0, rows[0]!.index);
      for (const word of ["序号", "说明", "数值"]) assert.ok(beforeRows.includes(word), `p. ${page.number}: no ${word} of the head before row ${rows[0]![1]}: ${beforeRows.slice(-40)}`);
      const labels = text.split("续表").length - 1;
      if (index === 0) assert.equal(labels, 0, `p. ${page.number}, the table's first: 续表 printed`);
      else {
        assert.equal(labels, 1, `p. ${page.number}: 续表 printed ${labels} time(s), expected once`);
        assert.ok(text.indexOf("续表") < text.indexOf("序号"), `p. ${page.number}: 续表 not before the head`);
      }
      // Nothing of the table outside the text area: the head and the word were measured with the page.
      const outside = wordsOf(page, (word, onPage) => !inA5TextArea(word, onPage)).filter((word) => /续表|序号|数值|说明文字|\d+\.5/.test(word.text));
      assert.deepEqual(outside.map((word) => word.text), [], `p. ${page.number}: table text outside the text area`);
    }
    const headlessPages = pages.filter(({ headless }) => headless.length > 0);
    assert.ok(headlessPages.length >= 2, `the header-less table runs over ${headlessPages.length} page(s), expected at least 2`);
    assert.deepEqual(headlessPages.flatMap(({ headless }) => headless.map((row) => Number(row[1]))), Array.from({ length: 80 }, (_, index) => index + 1));
    for (const { page, text, rows } of headlessPages) {
      // What follows the long table's last row on the page (where the two share it), or the page.
      const own = rows.length ? text.slice(rows.at(-1)!.index) : text;
      for (const word of ["续表", "序号", "数值"]) assert.ok(!own.includes(word), `p. ${page.number}: ${word} printed with the header-less table`);
    }
    // A Markdown table whose head cells are all empty (knitr's without column names) has no head to repeat.
    const emptyHeadPages = pages.filter(({ emptyHead }) => emptyHead.length > 0);
    assert.ok(emptyHeadPages.length >= 2, `the empty-headed table runs over ${emptyHeadPages.length} page(s), expected at least 2`);
    assert.deepEqual(emptyHeadPages.flatMap(({ emptyHead }) => emptyHead.map((row) => Number(row[1]))), Array.from({ length: 80 }, (_, index) => index + 1));
    for (const { page, text } of emptyHeadPages) assert.ok(!text.slice(text.indexOf("空头表")).includes("续表"), `p. ${page.number}: 续表 printed with the empty-headed table`);
  });
}

test("the build's text check passes: the repeated heads and 续表 are not added text, nothing is lost", () => {
  const pdfs = report.outputs.filter((entry) => entry.format === "pdf");
  assert.equal(pdfs.length, 4);
  for (const output of pdfs) {
    assert.ok(output.text, `${output.path}: no text check`);
    assert.equal(output.text.missing, 0, output.path);
    assert.equal(output.text.added, 0, output.path);
    assert.ok(output.text.expected > 5000, `${output.path}: ${output.text.expected} letters and digits checked`);
  }
});
