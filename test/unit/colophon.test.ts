import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { readFile, writeFile } from "node:fs/promises";
import { loadBook } from "../../scripts/book/load.ts";
import { bookSchema } from "../../scripts/book/schema.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { composeStyles } from "../../scripts/render/book-html.ts";
import { cipHeading, cipParagraphs, colophonPage, colophonTexts, pageCountFigure, pagesPerSheet, printFormulas, publicationRecord, typeArea } from "../../scripts/render/colophon.ts";
import { bodyLineHeight, pageCss } from "../../scripts/render/page-css.ts";
import { printedFigure } from "../../scripts/verify/colophon-figures.ts";
import { copyOfFixture } from "../helpers.ts";

const base = { title: "测试之书", authors: ["张三", "李四"], publisher: "测试出版社", chapters: ["one.md"] };
const full = bookSchema.parse({
  ...base,
  isbn: "978-7-213-08888-9",
  price: 58,
  printer: "某某印刷有限公司",
  distributor: "新华书店",
  date: "2024-03",
  edition: { number: 1, printing: 2, date: "2024-05" },
  copies: 3000,
  page: "正32开",
  cip: ["图书在版编目（CIP）数据", "测试之书/张三，李四著.", "—北京：测试出版社，2024.3", "Ⅰ.①测… Ⅱ.①张…②李… Ⅲ.①… Ⅳ.①I247", "中国国家版本馆CIP数据核字（2024）第012345号"],
  colophon: { 责任编辑: "王五", 主办单位: ["甲单位", "乙单位"] },
});
/** The elements of `tree` with a class, in document order. */
function byClass(tree: Element, className: string): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (element: Element) => void (([] as unknown[]).concat(element.properties.className ?? []).includes(className) && found.push(element)));
  return found;
}
const size = (widthMm: number, heightMm: number) => ({ widthMm, heightMm });

test("开数 is the power of two nearest to sheet area ÷ trim area", () => {
  assert.equal(pagesPerSheet(size(880, 1230), size(148, 210)), 32, "A5 from 880×1230");
  assert.equal(pagesPerSheet(size(787, 1092), size(130, 184)), 32, "正32开");
  assert.equal(pagesPerSheet(size(787, 1092), size(185, 260)), 16, "正16开");
  assert.equal(pagesPerSheet(size(850, 1168), size(210, 285)), 16, "大16开");
  assert.equal(pagesPerSheet(size(880, 1230), size(210, 297)), 16, "A4");
});

test("印张 is print pages ÷ 开数 rounded up to the next half; print pages are padded to pageMultiple", () => {
  const sheets = { pageMultiple: 2, times: 1, per: 32, steps: 2 };
  assert.equal(pageCountFigure(256, sheets), 8);
  assert.equal(pageCountFigure(262, sheets), 8.5, "262 pages: 8.1875 sheets → 8.5");
  assert.equal(pageCountFigure(272, sheets), 8.5);
  assert.equal(pageCountFigure(273, sheets), 9, "274 print pages: 8.5625 → 9");
  assert.equal(pageCountFigure(9, { ...sheets, pageMultiple: 4 }), 0.5, "9 laid-out pages print as 12");
  assert.equal(pageCountFigure(250, { ...sheets, pageMultiple: 16 }), 8, "250 pages print as 256");
});

test("字数 is characters per line × lines per page × print pages, in thousands rounded up", () => {
  const characters = { pageMultiple: 4, times: 30 * 26, per: 1000, steps: 1 };
  assert.equal(pageCountFigure(12, characters), 10, "12 × 780 = 9,360");
  assert.equal(pageCountFigure(172, characters), 135, "172 × 780 = 134,160");
  assert.equal(pageCountFigure(100, { ...characters, times: 1000 }), 100, "exactly 100,000 stays 100");
});

test("characters per line and lines per page come from the text area, the body size and the line height", () => {
  // A5: text area 114 × 171.9 mm, body 10.5 pt = 3.704 mm, line pitch 1.75 × 3.704 = 6.482 mm.
  assert.equal(bodyLineHeight, 1.75);
  assert.deepEqual(typeArea(size(148, 210), "horizontal"), { charactersPerLine: 30, linesPerPage: 26 });
  // Vertical: a line is a column as long as the text area is high; columns stand one pitch apart across it.
  assert.deepEqual(typeArea(size(148, 210), "vertical"), { charactersPerLine: 46, linesPerPage: 17 });
  assert.deepEqual(printFormulas(bookSchema.parse(base), "vertical").thousandsOfCharacters, { pageMultiple: 4, times: 46 * 17, per: 1000, steps: 1 });
});

test("the page CSS and the stylesheets take the body line height from the one constant", async () => {
  const styles = composeStyles(await loadRenderAssets(), ["base.css"], bookSchema.parse(base));
  assert.match(styles, new RegExp(`html \\{[^}]*line-height: ${bodyLineHeight};`));
  assert.ok(!styles.includes("{{line-height}}"));
  assert.match(pageCss(size(148, 210), "ltr"), /--text-width: 114mm; --text-height: 171.9mm;/);
});

test("without a known full sheet (B5, a custom trim) there is no 开本 and no 印张; 字数 remains", () => {
  for (const page of ["B5", "150 220"]) {
    const config = bookSchema.parse({ ...base, page });
    const labels = publicationRecord(config, "horizontal").map((entry) => entry.label);
    assert.ok(!labels.includes("开本") && !labels.includes("印张") && labels.includes("字数"), `${page}: ${labels.join()}`);
    assert.equal(printFormulas(config, "horizontal").sheets, undefined);
  }
  const given = bookSchema.parse({ ...base, page: "150 220", sheet: "787×1092" });
  assert.deepEqual(publicationRecord(given, "horizontal").find((entry) => entry.label === "开本")?.values, ["787mm×1092mm 1/32"]);
});

test("the record lists its fields in order, each from book.yaml or the layout", () => {
  const record = publicationRecord(full, "horizontal");
  assert.deepEqual(record.map((entry) => entry.label), ["书名", "著者", "出版", "发行", "印刷", "开本", "印张", "字数", "版次", "印次", "印数", "书号", "定价"]);
  const value = (label: string) => record.find((entry) => entry.label === label)?.values.join();
  assert.equal(value("开本"), "787mm×1092mm 1/32");
  assert.equal(value("版次"), "2024年3月第1版");
  assert.equal(value("印次"), "2024年5月第2次印刷");
  assert.equal(value("印数"), "3000册");
  assert.equal(value("书号"), "ISBN 978-7-213-08888-9");
  assert.equal(value("定价"), "58.00元");
  assert.deepEqual(record.find((entry) => entry.label === "印张")?.figure?.formula, { pageMultiple: 4, times: 1, per: 32, steps: 2 });
  assert.equal(record.find((entry) => entry.label === "字数")?.figure?.unit, "千字");
});

test("fields whose data is missing are left out; one publisher is 出版发行; an EPUB's record has no 印张 or 字数", () => {
  const config = bookSchema.parse(base);
  assert.deepEqual(publicationRecord(config, "vertical").map((entry) => entry.label), ["书名", "著者", "出版发行", "开本", "印张", "字数"]);
  assert.deepEqual(publicationRecord(config).map((entry) => entry.label), ["书名", "著者", "出版发行", "开本"]);
  assert.deepEqual(publicationRecord(bookSchema.parse({ ...base, distributor: "测试出版社" })).map((entry) => entry.label).slice(2, 3), ["出版发行"]);
  const dated = publicationRecord(bookSchema.parse({ ...base, date: "2024-03-15" }));
  assert.deepEqual(dated.filter((entry) => entry.label.startsWith("版") || entry.label.startsWith("印")).map((entry) => entry.values.join()), ["2024年3月第1版", "2024年3月第1次印刷"]);
});

test("the CIP description runs the ISBN in; the classification and 核字号 lines follow as they are", () => {
  assert.deepEqual(cipParagraphs(full.cip!, full.isbn), [
    "测试之书/张三，李四著.—北京：测试出版社，2024.3.—ISBN 978-7-213-08888-9",
    "Ⅰ.①测… Ⅱ.①张…②李… Ⅲ.①… Ⅳ.①I247",
    "中国国家版本馆CIP数据核字（2024）第012345号",
  ]);
  // An older record's ISBN line is run in; a description that has it is left alone.
  assert.deepEqual(cipParagraphs(["书/甲著.—北京：乙社，2005", "ISBN 7-02-003459-2", "Ⅰ.书… Ⅳ.I247"]), ["书/甲著.—北京：乙社，2005.—ISBN 7-02-003459-2", "Ⅰ.书… Ⅳ.I247"]);
  assert.deepEqual(cipParagraphs(["书/甲著.—北京：乙社，2021.6.—ISBN 978-7-5669-1927-4"], full.isbn), ["书/甲著.—北京：乙社，2021.6.—ISBN 978-7-5669-1927-4"]);
  assert.deepEqual(cipParagraphs(["书/甲著.—北京：乙社，2021.6"]), ["书/甲著.—北京：乙社，2021.6"], "no ISBN to run in");
});

test("the page: copyright statement, CIP block with hanging paragraphs, then book.yaml's entries in order and the record", () => {
  const page = colophonPage(full, "horizontal");
  const html = toHtml(page);
  const order = ["版权所有　侵权必究", cipHeading, "测试之书/张三", "<dt>责任编辑</dt><dd>王五</dd>", "<dt>主办单位</dt><dd>甲单位</dd><dd>乙单位</dd>", "<dt>书名</dt>", "<dt>定价</dt>"].map((marker) => html.indexOf(marker));
  assert.ok(order.every((position, index) => position >= 0 && (index === 0 || position > order[index - 1]!)), String(order));
  const paragraphs = byClass(page, "cip")[0]!.children as Element[];
  assert.deepEqual(paragraphs.map((paragraph) => String(paragraph.properties.className)), ["cip-heading", "cip-paragraph", "cip-paragraph", "cip-paragraph"]);
  assert.equal(toText(byClass(byClass(page, "cip-paragraph")[0]!, "isbn")[0]!), "ISBN 978-7-213-08888-9", "the ISBN is kept on one line");
  const figures = byClass(page, "print-figure");
  assert.deepEqual(figures.map((figure) => [figure.properties.dataPageRef, figure.properties.dataPer]), [["colophon", 32], ["colophon", 1000]]);
  assert.equal(byClass(colophonPage(full), "print-figure").length, 0, "the EPUBs' page has no layout figures");
});

test("the hanging CIP layout and the colophon's own size are in the stylesheet", async () => {
  const css = (await loadRenderAssets()).styles["base.css"]!;
  assert.match(css, /\.cip-paragraph \{[^}]*padding-inline-start: 2em; text-indent: -2em;/);
});

test("a copyright statement is book.yaml's, the usual one for a book with an ISBN, or none", () => {
  assert.equal(toText(colophonPage(bookSchema.parse(base))).includes("版权所有"), false);
  assert.match(toText(colophonPage(bookSchema.parse({ ...base, copyright: "本书版权归作者所有" }))), /^本书版权归作者所有/);
});

test("the colophon's texts from book.yaml, in page order, for the completeness check", () => {
  const texts = colophonTexts(full);
  assert.deepEqual(texts.slice(0, 2), ["版权所有　侵权必究", "测试之书/张三，李四著.—北京：测试出版社，2024.3.—ISBN 978-7-213-08888-9"]);
  assert.ok(texts.indexOf("王五") < texts.indexOf("乙单位") && texts.indexOf("乙单位") < texts.indexOf("某某印刷有限公司"));
  assert.ok(!texts.some((text) => text.includes("千字")), "the layout's figures are not the book's text");
});

test("the build's check reads a figure after its label, in either layout's reading order", () => {
  assert.equal(printedFigure("开本：787mm×1092mm 1/32印张：8.5字数：134千字", "印张"), 8.5);
  assert.equal(printedFigure("印张：8字数：134千字", "字数"), 134);
  assert.equal(printedFigure("字数：千字", "字数"), undefined);
});

test("an ISBN without a price is warned about at the isbn key", async () => {
  const dir = await copyOfFixture("minimal");
  const yaml = await readFile(`${dir}/book.yaml`, "utf8");
  await writeFile(`${dir}/book.yaml`, `${yaml}isbn: 978-7-213-08888-9\n`);
  const book = await loadBook({ manuscriptDir: dir });
  const warning = book.source.messages.find((message) => message.ruleId === "isbn-without-price");
  assert.ok(warning && !warning.fatal, "a warning");
  assert.equal(warning.line, yaml.split("\n").length, "on the isbn line");
  await writeFile(`${dir}/book.yaml`, `${yaml}isbn: 978-7-213-08888-9\nprice: 58.00\n`);
  assert.equal((await loadBook({ manuscriptDir: dir })).source.messages.length, 0);
});
