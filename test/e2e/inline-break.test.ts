import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { assertPdfTextsExact, fixture, runCli, tempDir } from "../helpers.ts";

// Lines broken with `<br>`, indented with ideographic spaces and often opening with inline code or
// bold, as in the GitBook 红楼梦脂评本 (ch/001.md lost a line of 25 letters at a page break). Paged.js
// left a line of nothing but ideographic spaces (which `trim()` takes for empty) past the page end,
// Chromium moved the line before it there too (`widows: 2`), and neither was printed; and its
// "Layout repeated" guard took a page beginning at a paragraph's 21st child for one beginning at
// the paragraph, the 21st of its section, and dropped the rest of the vertical book.
const execute = promisify(execFile);
const manuscript = fixture("inline-break");
let out: string;
let run: Awaited<ReturnType<typeof runCli>>;

before(async () => {
  out = await tempDir();
  run = await runCli(["--manuscript", manuscript, "--out", out]);
});

/** Copies of 批 in a text: every commentary span has one, and no other text of the book does. */
const commentaries = (text: string) => [...text].filter((character) => character === "批").length;

test("both layouts pass the build's exact text check: nothing lost or added at any page break", async () => {
  assert.equal(run.code, 0, run.stderr);
  await assertPdfTextsExact(out, 30_000);
});

test("every commentary span of the manuscript is printed once in both layouts", async () => {
  const chapters = path.join(manuscript, "chapters");
  let expected = 0;
  for (const name of await readdir(chapters)) expected += commentaries(await readFile(path.join(chapters, name), "utf8"));
  assert.equal(expected, 283);
  for (const layout of ["horizontal", "vertical"]) {
    const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, `book-${layout}-screen.pdf`), "-"]);
    assert.equal(commentaries(stdout), expected, layout);
  }
});
