import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { markShortNumbers } from "../../scripts/markdown/rehype-tate-chu-yoko.ts";
import { pageCss } from "../../scripts/render/page-css.ts";
import type { PdfPage } from "../../scripts/verify/pdf-text.ts";
import { wordsInReadingOrder } from "../../scripts/verify/reading-order.ts";

const html = (text: string) => toHtml({ type: "root", children: markShortNumbers(text) });

test("1–2 digit numbers are marked for tate-chu-yoko", () => {
  assert.equal(html("8月20日至23日"), '<span class="tcy">8</span>月<span class="tcy">20</span>日至<span class="tcy">23</span>日');
});

test("longer numbers, decimals, percentages and Latin-digit words are left to lie sideways", () => {
  for (const text of ["1000多项", "逾16.5万名", "3.65万人", "40%以上", "M0政策", "2019年"]) assert.equal(html(text), text);
});

test("pages bind on the left in a left-to-right book and on the right in a 右翻 book", () => {
  const a5 = { widthMm: 148, heightMm: 210 };
  assert.match(pageCss(a5, "ltr"), /@page :right \{ margin-left: 19\.2mm; margin-right: 14\.8mm; \}/);
  assert.match(pageCss(a5, "rtl"), /@page :right \{ margin-right: 19\.2mm; margin-left: 14\.8mm; \}/);
  assert.match(pageCss(a5, "rtl"), /@page :left \{ margin-left: 19\.2mm; margin-right: 14\.8mm; \}/);
});

test("pages read column by column, right to left, each top to bottom (vertical), or line by line, left to right, whatever the painting order (horizontal)", () => {
  const glyph = (text: string, x: number, y: number) => ({ page: 1, text, xMin: x, xMax: x + 10, yMin: y, yMax: y + 10 });
  // pdftotext's order: rows across columns
  const page: PdfPage = { width: 400, height: 600, words: [glyph("三", 100, 100), glyph("一", 300, 100), glyph("四", 100, 112), glyph("二", 301, 112), glyph("12", 299.5, 124)] };
  assert.deepEqual(wordsInReadingOrder(page, "vertical").map((word) => word.text).join(""), "一二12三四");
  assert.deepEqual(wordsInReadingOrder(page, "horizontal").map((word) => word.text).join(""), "三一四二12");
  // A block painted last (a positioned code block) still reads in its place; a raised note call stays on its line.
  const painted: PdfPage = { width: 400, height: 600, words: [glyph("甲", 50, 100), glyph("丙", 50, 140), glyph("乙", 50, 120), glyph("①", 62, 97)] };
  assert.equal(wordsInReadingOrder(painted, "horizontal").map((word) => word.text).join(""), "甲①乙丙");
});
