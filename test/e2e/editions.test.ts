import assert from "node:assert/strict";
import { appendFile, cp, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { pageTexts } from "../pdf-helpers.ts";

/** Characters that exist only in Simplified Chinese, each with its Traditional form. */
const simplifiedOnly = "学习创发经验争当沪范区桥们说对国进这为会时过还单";

let out = "";
let simplifiedText = "";
before(async () => {
  const manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  // An ISBN, price and paper for the covers, which print the price.
  await appendFile(path.join(manuscript, "book.yaml"), "\neditions: [zh-TW]\nisbn: 978-7-213-08888-9\nprice: 58.00\npaper: { thickness: 0.1 }\n");
  out = await tempDir();
  const built = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(built.code, 0, built.stderr);
  simplifiedText = (await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).join("");
});

const epubText = async (file: string) => {
  const zip = await JSZip.loadAsync(await readFile(path.join(out, file)));
  return (await Promise.all(Object.values(zip.files).filter((entry) => entry.name.endsWith(".xhtml")).map((entry) => entry.async("string")))).join("");
};

test("editions: [zh-TW] gives a full zh-TW set of outputs beside the manuscript's, listed with their language", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; language: string; epubcheck?: { errors: number; warnings: number; fatals: number }; text: { missing: number } }> };
  const edition = report.outputs.filter((output) => output.language === "zh-TW").map((output) => output.path).sort();
  assert.deepEqual(edition, ["book-zh-TW-horizontal-cover.pdf", "book-zh-TW-horizontal-print.pdf", "book-zh-TW-horizontal-screen.pdf", "book-zh-TW-horizontal.epub", "book-zh-TW-vertical-cover.pdf", "book-zh-TW-vertical-print.pdf", "book-zh-TW-vertical-screen.pdf", "book-zh-TW-vertical.epub"]);
  assert.ok(report.outputs.filter((output) => output.language === "zh-CN").length >= 8, "the manuscript's own outputs stay");
  for (const output of report.outputs) assert.equal(output.text.missing, 0, `${output.path}: every character of its text`);
  for (const epub of report.outputs.filter((output) => output.epubcheck)) assert.deepEqual([epub.epubcheck!.fatals, epub.epubcheck!.errors, epub.epubcheck!.warnings], [0, 0, 0], epub.path);
});

for (const file of ["book-zh-TW-horizontal-screen.pdf", "book-zh-TW-vertical-print.pdf", "book-zh-TW-horizontal.epub"]) {
  test(`${file}: the title in Taiwan's form with 「」, and no Simplified-only character`, async () => {
    const text = file.endsWith(".epub") ? await epubText(file) : (await pageTexts(path.join(out, file))).join("");
    // pdftotext reads a vertical page across its columns, so the title is read from the others.
    if (!file.includes("vertical")) assert.match(text.replace(/\s+/g, ""), /學習創新發展經驗爭當「融杭接滬示範區」/);
    const present = [...simplifiedOnly].filter((character) => simplifiedText.includes(character));
    assert.ok(present.length >= 15, `the sample has these characters to convert: ${present.join("")}`);
    assert.deepEqual([...simplifiedOnly].filter((character) => text.includes(character)), [], "Simplified-only characters left");
    assert.doesNotMatch(text, /[“”]/, "quotes are 「」 and 『』");
  });
}

test("the pipeline's own words are the edition's: 定價 on its covers, 目錄 and 導覽 in its EPUBs' navigation", async () => {
  for (const layout of ["horizontal", "vertical"]) {
    const cover = (await pageTexts(path.join(out, `book-zh-TW-${layout}-cover.pdf`))).join("").replace(/\s+/g, "");
    assert.match(cover, /定價：58\.00元/, `${layout} cover`);
    assert.doesNotMatch(cover, /定价/, `${layout} cover`);
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-zh-TW-${layout}.epub`)));
    const nav = await zip.file(/toc\.xhtml$/)[0]!.async("string");
    assert.match(nav, /<h2 id="toc-title">目錄<\/h2>/, `${layout} EPUB`);
    assert.match(nav, /<h2>導覽<\/h2>/, `${layout} EPUB`);
    assert.doesNotMatch(nav, /目录|导览/, `${layout} EPUB`);
  }
  const simplifiedCover = (await pageTexts(path.join(out, "book-horizontal-cover.pdf"))).join("").replace(/\s+/g, "");
  assert.match(simplifiedCover, /定价：58\.00元/, "the manuscript's own cover keeps its Simplified words");
});
