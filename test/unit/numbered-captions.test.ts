import assert from "node:assert/strict";
import test from "node:test";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { numberedItems } from "../../scripts/markdown/numbered-captions.ts";
import { itemLists } from "../../scripts/render/book-sections.ts";
import { bookWording } from "../../scripts/render/wording.ts";

const manuscriptDir = "/book";
const parse = (chapters: string[], options: { numbering?: "chapter" | "book"; numberAll?: boolean; language?: string } = {}) => {
  const files = chapters.map((value, index) => new VFile({ path: `${manuscriptDir}/c${index + 1}.md`, value }));
  const parsed = parseChapters(files, manuscriptDir, manuscriptDir, bookWording(options.language ?? "zh-CN"), { captions: { numbering: options.numbering ?? "chapter", numberAll: options.numberAll ?? true } });
  return { parsed, html: parsed.map((chapter) => toHtml(chapter.tree)), messages: files.flatMap((file) => file.messages.map(String)) };
};

const one = "# 一\n\n![架构](a.png){#fig-arch}\n\n| 甲 | 乙 |\n| - | - |\n| 1 | 2 |\n\n: 销量 {#tbl-sales}\n\n![无号的图](b.png)\n";
const two = "# 二\n\n: 前置的表题 {#tbl-before}\n\n| 丙 |\n| - |\n| 3 |\n\n见@fig-arch、@tbl-sales，[图{number}](#fig-arch)在第[{page}](#fig-arch)页，表[{number}](#tbl-before)。\n";

test("figures and tables are numbered by chapter, a caption after or before its table, ids kept for references", () => {
  const { html, messages } = parse([one, two]);
  assert.deepEqual(messages, []);
  assert.match(html[0]!, /<figure class="image-figure" id="c1-fig-arch" data-number="1-1"><img [^>]*><figcaption><span class="caption-label">图 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　架构<\/figcaption><\/figure>/);
  assert.match(html[0]!, /<figure class="table-figure" data-number="1-1"><figcaption id="c1-tbl-sales" data-number="1-1"><span class="caption-label">表 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　销量<\/figcaption><div class="table-scroll"><table>/);
  assert.match(html[0]!, /id="c1-numbered-figure-2" data-number="1-2">.*图 <span class="tcy">1<\/span>-<span class="tcy">2<\/span><\/span>　无号的图/);
  assert.match(html[1]!, /<figcaption id="c2-tbl-before" data-number="2-1"><span class="caption-label">表 <span class="tcy">2<\/span>-<span class="tcy">1<\/span><\/span>　前置的表题/);
  assert.doesNotMatch(html[1]!, /<p>: 前置/);
  assert.match(html[1]!, /见<a href="#c1-fig-arch">图<span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/a>、<a href="#c1-tbl-sales">表<span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/a>，<a href="#c1-fig-arch">图<span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/a>在第<a href="#c1-fig-arch"><span class="page-ref" data-page-ref="c1-fig-arch"><\/span><\/a>页，表<a href="#c2-tbl-before"><span class="tcy">2<\/span>-<span class="tcy">1<\/span><\/a>。/);
});

test("numbering: book counts through the book; numberAll: false numbers only figures and tables with an id; a caption numbered by hand is left alone", () => {
  assert.match(parse([one, two], { numbering: "book" }).html[1]!, /表 <span class="tcy">2<\/span><\/span>　前置的表题/);
  const onlyIds = parse([one], { numberAll: false }).html[0]!;
  assert.match(onlyIds, /图 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　架构/);
  assert.match(onlyIds, /<figcaption>无号的图<\/figcaption>/);
  assert.match(parse(["# 一\n\n![图 3-2 旧编号](a.png)\n"]).html[0]!, /<figure class="image-figure"><img [^>]*><figcaption>图 <span class="tcy">3<\/span>-<span class="tcy">2<\/span> 旧编号<\/figcaption>/);
});

test("a Traditional book numbers 圖 and 表; an HTML figure keeps its own caption, unnumbered", () => {
  const { html } = parse(["# 一\n\n![架構](a.png){#fig-a}\n\n見@fig-a。\n\n<figure><img src=\"b.png\" alt=\"x\"><figcaption>示例 1-1</figcaption></figure>\n"], { language: "zh-TW" });
  assert.match(html[0]!, /圖 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　架構/);
  assert.match(html[0]!, /見<a href="#c1-fig-a">圖<span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/a>/);
  assert.match(html[0]!, /<figure><img src="file:\/\/\/book\/b.png" alt="x"><figcaption>示例 <span class="tcy">1<\/span>/);
});

test("a reference to a missing figure, {number} for a heading and a second figure with one id are errors at their place", () => {
  const { messages } = parse(["# 一\n\n![甲](a.png){#fig-a}\n\n见@fig-nope 与[{number}](#sec)。\n\n## 节 {#sec}\n", "# 二\n\n![乙](b.png){#fig-a}\n"]);
  assert.ok(messages.some((message) => /^\/book\/c1\.md:5:2-5:11: Unexpected link `#fig-nope`.*expected the id of one figure or table/.test(message)), messages.join("\n"));
  assert.ok(messages.some((message) => /^\/book\/c1\.md:5:13-5:29: Unexpected `\{number\}` in a link to `#sec`/.test(message)), messages.join("\n"));
  assert.ok(messages.some((message) => /^\/book\/c2\.md:3:1.*Unexpected second figure with the id `#fig-a` \(the first is in `c1\.md` at line 3\)/.test(message)), messages.join("\n"));
});

test("the lists give each numbered figure and table its caption and a page reference, in the EPUB without pages", () => {
  const { parsed } = parse([one, two]);
  assert.deepEqual(numberedItems(parsed.map((chapter) => chapter.tree), "table").map(({ number, caption }) => `${number} ${caption}`), ["1-1 销量", "2-1 前置的表题"]);
  const [figures, tables] = itemLists({ lists: ["figures", "tables"] }, parsed, bookWording("zh-CN"));
  assert.match(toHtml(figures!), /^<nav class="toc item-list" id="list-of-figures".*<h2 id="list-of-figures-title">插图目录<\/h2>.*<a href="#c1-fig-arch"><span class="toc-title"><span class="caption-label">图 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　架构<\/span><span class="toc-fill"><\/span><span class="page-ref" data-page-ref="c1-fig-arch"><\/span><\/a>/);
  assert.match(toHtml(tables!), /表格目录.*表 <span class="tcy">2<\/span>-<span class="tcy">1<\/span><\/span>　前置的表题/);
  assert.doesNotMatch(toHtml(itemLists({ lists: ["figures"] }, parsed, bookWording("zh-CN"), { pages: false })[0]!), /page-ref/);
  assert.deepEqual(itemLists({ lists: ["tables"] }, parse(["# 一\n\n正文。\n"]).parsed, bookWording("zh-CN")), []);
});
