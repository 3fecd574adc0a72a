import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { assertPdfTextsExact, fixture, runCli, tempDir } from "../helpers.ts";

// A page break before a whole text, after inline code or a formula that ends the page's last line:
// Paged.js looked for that text's source as the paragraph's first text including it, so where the
// same short text stands after several inline elements (`x` 和 `y` 和 …, $Y$ 的均值和标准差，…) the
// next page resumed after an earlier one and printed the passage between twice (Rust 程序设计语言
// ch03-03, vertical pp. 106–107; R 语言数据分析实战 intro.qmd:42, horizontal pp. 15–16).
const execute = promisify(execFile);
const manuscript = fixture("repeated-text-break");
let out: string;
let run: Awaited<ReturnType<typeof runCli>>;

before(async () => {
  out = await tempDir();
  run = await runCli(["--manuscript", manuscript, "--out", out]);
});

/** Copies of a character in a text. */
const copies = (text: string, character: string) => [...text].filter((each) => each === character).length;

test("both layouts pass the build's exact text check: nothing lost or added at any page break", async () => {
  assert.equal(run.code, 0, run.stderr);
  await assertPdfTextsExact(out, 20_000);
});

// 差, 上 and 和 stand only in the repeated texts (的均值和标准差，, `x` 上。, `x` 和 ), nowhere else in the book.
test("every repeated text of the manuscript is printed once in both layouts", async () => {
  const chapters = path.join(manuscript, "chapters");
  let source = "";
  for (const name of await readdir(chapters)) source += await readFile(path.join(chapters, name), "utf8");
  const expected = Object.fromEntries(["差", "上", "和"].map((character) => [character, copies(source, character)]));
  assert.deepEqual(expected, { 差: 1797, 上: 631, 和: 3086 });
  for (const layout of ["horizontal", "vertical"]) {
    const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, `book-${layout}-screen.pdf`), "-"]);
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((character) => [character, copies(stdout, character)])), expected, layout);
  }
});
