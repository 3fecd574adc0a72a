import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { westernMarks } from "../../scripts/markdown/rehype-western-marks.ts";
import { projectRoot } from "../helpers.ts";

/** `text` with the marks westernMarks finds in Western text bracketed: `[“]`. */
const marked = (text: string) => {
  const found = westernMarks(text);
  return [...text].map((character, index) => (found.has(index) ? `[${character}]` : character)).join("");
};

test("a quotation in a Western sentence takes Western marks, on both sides", () => {
  assert.equal(marked("Abadi D J: “C-Store: A Column-oriented DBMS,” at VLDB"), "Abadi D J: [“]C-Store: A Column-oriented DBMS,[”] at VLDB");
  assert.equal(marked("“Hello,” he said."), "[“]Hello,[”] he said.");
  assert.equal(marked("‘Single’ quotes"), "[‘]Single[’] quotes");
});

test("a quotation in a Chinese sentence, or of Chinese words, keeps the Chinese marks", () => {
  assert.equal(marked("他说“Hello”。"), "他说“Hello”。");
  assert.equal(marked("在“Designing Data-Intensive Applications”一书中"), "在“Designing Data-Intensive Applications”一书中");
  assert.equal(marked("Kleppmann 说：“数据是核心”"), "Kleppmann 说：“数据是核心”");
  assert.equal(marked("“数据”和‘模型’"), "“数据”和‘模型’");
});

test("apostrophes, dashes and ellipses take the form of the text around them; a run of one mark takes one form", () => {
  assert.equal(marked("don’t stop — ever…"), "don[’]t stop [—] ever[…]");
  assert.equal(marked("ACM’s work 2019–2020"), "ACM[’]s work 2019[–]2020");
  assert.equal(marked("Python——一种语言"), "Python——一种语言");
  assert.equal(marked("见第 3 章……"), "见第 3 章……");
  assert.equal(marked("版本 2.0 ……"), "版本 2.0 ……");
  assert.equal(marked("the students’ work"), "the students[’] work");
  assert.equal(marked("（见 http://example.com/a”"), "（见 http://example.com/a”");
});

test("every rule that sets the heading face sets the Western marks in the sans face too (styles/base.css)", async () => {
  const styles = await Promise.all((await readdir(path.join(projectRoot, "styles"))).filter((name) => name.endsWith(".css")).map((name) => readFile(path.join(projectRoot, "styles", name), "utf8")));
  const base = await readFile(path.join(projectRoot, "styles", "base.css"), "utf8");
  const sansMarks = /([^{}]+)\{\s*font-family:\s*"Book Marks Sans"/.exec(base)?.[1]?.split(",").map((selector) => selector.trim());
  assert.ok(sansMarks, "base.css sets .western-marks in Book Marks Sans");
  const headingFaceSelectors = styles
    .flatMap((css) => [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{[^}]*font-family:\s*var\(--heading-font\)/g)])
    .flatMap(([, selectors]) => selectors!.split(",").map((selector) => selector.trim()))
    .filter((selector) => !selector.endsWith(".western-marks"));
  assert.ok(headingFaceSelectors.length >= 10);
  assert.deepEqual(headingFaceSelectors.filter((selector) => !sansMarks.includes(`${selector} .western-marks`)), []);
});
