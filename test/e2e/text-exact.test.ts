import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { fixture, runCli, tempDir } from "../helpers.ts";

// One paragraph of the same sentence 45 times and the sentence once more in another: Paged.js
// placed each page break after the first in the paragraph by searching the source for the rendered
// rest, found an earlier copy, and set about 62 copies horizontally and 126 vertically; the Han-only
// check passed them.
const execute = promisify(execFile);
const manuscript = fixture("repeated-paragraph");
const sentence = "深圳的发展活力得益于对人才的重视，以创新驱动实质上就是以人才驱动。";
let out: string;
let run: Awaited<ReturnType<typeof runCli>>;

before(async () => {
  out = await tempDir();
  run = await runCli(["--manuscript", manuscript, "--out", out]);
});

/** Copies of the sentence in a PDF, by its letters counted in pdftotext's plain text: reading order plays no part. */
async function copiesIn(pdf: string): Promise<number> {
  const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, pdf), "-"]);
  // 圳 occurs once in the sentence and nowhere else in the book.
  return [...stdout].filter((character) => character === "圳").length;
}

test("the manuscript has the sentence 46 times", async () => {
  const text = await readFile(path.join(manuscript, "chapters", "repeated.md"), "utf8");
  assert.equal(text.split(sentence).length - 1, 46);
});

test("both layouts print the sentence exactly 46 times, and the build's text check finds nothing added or lost", async () => {
  assert.equal(run.code, 0, run.stderr);
  for (const layout of ["horizontal", "vertical"]) assert.equal(await copiesIn(`book-${layout}-screen.pdf`), 46, layout);
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  for (const output of report.outputs.filter((entry: { format: string }) => entry.format === "pdf")) {
    assert.deepEqual({ missing: output.text.missing, added: output.text.added }, { missing: 0, added: 0 }, output.path);
    assert.ok(output.text.expected > 46 * 30, output.path);
  }
});
