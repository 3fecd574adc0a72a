import assert from "node:assert/strict";
import { test } from "node:test";
import { VFile } from "vfile";
import type { TextSegment } from "../../scripts/render/expected-text.ts";
import type { PdfPage } from "../../scripts/verify/pdf-text.ts";
import { checkPrintedText, pdfBodyText } from "../../scripts/verify/text-completeness.ts";

// The exact check of a PDF's text against the book's, on pages of words built here: one line of
// words per entry, top to bottom, inside a text area 50 pt from the top and bottom and 40 pt from
// the sides (a running head at y = 20 and a folio at y = 570 lie outside it).
const area = { top: 50, bottom: 50, side: 40 };
const chapter = new VFile({ path: "chapters/one.md" });
const bookFile = new VFile({ path: "book.yaml" });

function page(...lines: string[]): PdfPage {
  return { width: 400, height: 600, words: lines.map((text, line) => ({ page: 1, text, xMin: 60, xMax: 300, yMin: 60 + line * 14, yMax: 72 + line * 14 })) };
}

function withMargins(pageNumber: number, ...lines: string[]): PdfPage {
  const body = page(...lines);
  const margin = (text: string, y: number) => ({ page: pageNumber, text, xMin: 60, xMax: 200, yMin: y, yMax: y + 10 });
  return { ...body, words: [margin("书名在书眉", 20), ...body.words, margin(String(pageNumber), 570)] };
}

const segment = (text: string, line: number, extra: Partial<TextSegment> = {}): TextSegment => ({ file: chapter, text, place: { line, column: 1 }, ...extra });

/** The book: a title page from book.yaml, then a chapter of three source lines and a page note. */
const book: TextSegment[] = [
  { file: bookFile, text: "测试之书\n张三" },
  segment("第一章", 1),
  segment("深圳在2019年发布了 Open Data 规则与 Information 目录。\nதமிழ் العربية 两种文字也要印出。", 3),
  segment("注文：见 GB/T 12451 第3条。", 7, { notes: true }),
  segment("以创新驱动实质上是人才驱动。", 5),
];

/** The pages as the layout prints them: the note's call and marker are circled numbers, punctuation full width, a word hyphenated at the line end. */
const printedPages = () => [
  withMargins(1, "测试之书", "张三"),
  withMargins(2, "第一章", "深圳在2019年发布了", "Open Data规则与Infor-", "mation目录。①", "தமிழ் العربية", "两种文字也要印出。", "①注文：见GB/T 12451第3条。"),
  withMargins(3, "以创新驱动●实质上是人才驱动。"),
];

function check(pages: PdfPage[], segments = book) {
  const output = new VFile({ path: "out/book-horizontal-screen.pdf" });
  const result = checkPrintedText(segments, pdfBodyText(pages, "horizontal", area), output);
  const messages = [chapter, bookFile, output].flatMap((file) => file.messages.splice(0).map((message) => `${file.basename}:${message.line ?? ""} ${message.reason}`));
  return { result, messages };
}

test("the text as printed passes: circled note numbers, the note at the page's foot, hyphens, emphasis dots, punctuation and margins aside", () => {
  const { result, messages } = check(printedPages());
  assert.deepEqual(messages, []);
  assert.deepEqual(result, { expected: 89, missing: 0, added: 0 });
});

function withLine(pages: PdfPage[], pageIndex: number, lineIndex: number, text: string): PdfPage[] {
  return pages.map((one, index) => (index === pageIndex ? { ...one, words: one.words.map((word, at) => (at === lineIndex + 1 ? { ...word, text } : word)) } : one));
}

test("a lost Latin word is an error at its source line naming the PDF's page", () => {
  const { result, messages } = check(withLine(printedPages(), 1, 2, "Open 规则与Infor-"));
  assert.equal(result.missing, 4);
  assert.deepEqual(messages, ["one.md:3 Unexpected loss of 4 letter(s) or digit(s) “Data” after “年发布了Open” in book-horizontal-screen.pdf p. 2, expected every letter and digit of the manuscript in the PDF, in order"]);
});

test("a lost digit is an error", () => {
  const { result, messages } = check(withLine(printedPages(), 1, 1, "深圳在209年发布了"));
  assert.equal(result.missing, 1);
  assert.match(messages[0]!, /^one\.md:3 Unexpected loss of 1 letter\(s\) or digit\(s\) “1” after “第一章深圳在20” in book-horizontal-screen\.pdf p\. 2/);
});

test("a lost Tamil letter and a lost Arabic letter are errors on the line they are written on", () => {
  const { result, messages } = check(withLine(printedPages(), 1, 4, "தமி العربة"));
  assert.equal(result.missing, 2);
  assert.equal(messages.length, 2, messages.join("\n"));
  assert.match(messages[0]!, /^one\.md:4 Unexpected loss of 1 letter\(s\) or digit\(s\) “ழ” .* p\. 2/);
  assert.match(messages[1]!, /^one\.md:4 Unexpected loss of 1 letter\(s\) or digit\(s\) “ي” .* p\. 2/);
});

test("a sentence set twice is an error naming the page it is repeated on", () => {
  const pages = printedPages();
  const { result, messages } = check([...pages.slice(0, 2), withMargins(3, "以创新驱动实质上是人才驱动。", "以创新驱动实质上是人才驱动。")]);
  assert.equal(result.added, 13);
  assert.equal(result.missing, 0);
  assert.deepEqual(messages, ["one.md:5 Unexpected text “以创新驱动实质上是人才驱动” (13 letter(s) or digit(s)) after “实质上是人才驱动” in book-horizontal-screen.pdf p. 3, expected only the manuscript's text, each passage once"]);
});

test("a word added on a chapter page is an error", () => {
  const { result, messages } = check(withLine(printedPages(), 2, 0, "以创新驱动实质上是人才驱动。Extra"));
  assert.equal(result.added, 5);
  assert.match(messages[0]!, /^one\.md:5 Unexpected text “Extra” \(5 letter\(s\) or digit\(s\)\) .* p\. 3/);
});

test("a note that begins with the letters the text goes on with still matches at the page's foot", () => {
  const segments = [segment("深圳发展", 1), segment("深圳注文", 2, { notes: true }), segment("深圳发展", 3)];
  assert.deepEqual(check([withMargins(1, "深圳发展①", "①深圳注文"), withMargins(2, "深圳发展")], segments).messages, []);
});

test("a table's cells read across the row, and its head set again on the next page, are no difference", () => {
  const table = (text: string, header: boolean): TextSegment => segment(text, 9, { table: { index: 0, header } });
  const segments = [table("名称数值", true), table("第一行很长的名称12", false), table("第二行34", false)];
  const { messages, result } = check([withMargins(1, "名称 数值", "第一行很长 12", "的名称"), withMargins(2, "名称 数值", "第二行 34")], segments);
  assert.deepEqual(messages, []);
  assert.equal(result.added, 0);
});

test("a table's head is no licence for other text: a lost cell is still an error", () => {
  const table = (text: string, header: boolean): TextSegment => segment(text, 9, { table: { index: 0, header } });
  const segments = [table("名称数值", true), table("第一行12", false), table("第二行34", false)];
  const { result } = check([withMargins(1, "名称 数值", "第一行 12"), withMargins(2, "名称 数值", "第二行")], segments);
  assert.equal(result.missing, 2);
});

test("a long book with a few differences far apart and a page read out of order gets exactly those differences", () => {
  const pool = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈";
  // 400 pages of 30 lines of 25 pseudo-random characters: 300,000 letters, far beyond one diff window.
  let seed = 7;
  const nextCharacter = () => pool[Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * pool.length)]!;
  const pagesText = Array.from({ length: 400 }, () => Array.from({ length: 30 }, () => Array.from({ length: 25 }, nextCharacter).join("")));
  const segments = pagesText.map((lines, index) => segment(lines.join(""), index + 1));
  const printed = pagesText.map((lines) => [...lines]);
  printed[10]![5] = printed[10]![5]!.slice(0, 10) + printed[10]![5]!.slice(12); // two characters lost on page 11
  printed[250]![20] = `${printed[250]![20]!}天地玄黄`; // four added on page 251
  printed[100]!.reverse(); // a page read out of order, as a table's cells may be: no difference
  const { result, messages } = check(printed.map((lines) => page(...lines)), segments);
  assert.deepEqual(result, { expected: 300_000, missing: 2, added: 4 });
  assert.equal(messages.length, 2, messages.join("\n"));
  assert.match(messages[0]!, /one\.md:11 Unexpected loss of 2 letter\(s\).* p\. 11,/);
  assert.match(messages[1]!, /one\.md:251 Unexpected text “天地玄黄” \(4 letter\(s\) or digit\(s\)\).* p\. 251,/);
});
