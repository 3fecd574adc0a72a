import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { declaredPostscriptNames } from "../../scripts/fonts/coverage.ts";
import { folderWith, runCli, tempDir } from "../helpers.ts";
import { faceOf, readFonts } from "../pdf-reader.ts";

// Rust 程式設計語言 ch08-02 lists a Hindi word's scalar values as `['न', 'म', 'स', '्', 'त', 'े']`:
// each isolated mark follows an ASCII quote, in one cluster that no face of the code stack sets
// whole, and Chromium took it from the system's Noto Sans Devanagari, which the book does not
// declare (the font check failed the build). It now sees only the declared files.
test("an isolated combining mark after an ASCII quote, in code and in text, is set in declared faces only", async () => {
  const chapter = "# 字串\n\n天城體的「नमस्ते」，六個 char 數值：\n\n```text\n['न', 'म', 'स', '्', 'त', 'े']\n```\n\n正文裡也有 '्' 和 \"े\"。\n";
  const manuscript = await folderWith({ "book.yaml": "title: 字串\nlanguage: zh-TW\nauthors: [某人]\npublisher: 某出版社\nchapters:\n  - ch1.md\n", "ch1.md": chapter });
  const out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  const declared = new Set(declaredPostscriptNames());
  for (const pdf of ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"]) {
    const faces = (await readFonts(path.join(out, pdf))).map(faceOf);
    assert.deepEqual(faces.filter((face) => !declared.has(face)), [], pdf);
    assert.ok(faces.includes("NotoSerifDevanagari-Regular"), `${pdf}: ${faces.join(", ")}`);
  }
});
