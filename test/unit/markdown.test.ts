import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { normalizeCjkPunctuation } from "../../scripts/markdown/rehype-cjk-punctuation.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";

const manuscriptDir = "/books/sample";
const chapter = (value: string, name = "chapters/one.md") => parseChapters([new VFile({ path: `${manuscriptDir}/${name}`, value })], manuscriptDir)[0]!;

test("front matter and the first level-1 heading become the chapter's data", () => {
  const parsed = chapter("---\nauthor: 沈关祥\naffiliation: 柯桥区科技局\n---\n\n# 学习深圳\n\n正文。\n");
  assert.equal(parsed.title, "学习深圳");
  assert.deepEqual(parsed.frontMatter, { author: "沈关祥", affiliation: "柯桥区科技局" });
  assert.equal(toHtml(parsed.tree).trim(), "<p>正文。</p>");
});

test("a chapter without a level-1 heading is titled by its file name, with a warning at its position", () => {
  const parsed = chapter("正文没有标题。\n");
  assert.equal(parsed.title, "one");
  assert.match(String(parsed.file.messages[0]), /one\.md:1:1.*Unexpected chapter without a title/);
  assert.equal(parsed.file.messages[0]!.fatal, false);
});

test("an unknown front matter key warns with the nearest key", () => {
  const parsed = chapter("---\nauthr: 甲\n---\n# 题\n");
  assert.match(String(parsed.file.messages[0]), /`authr`.*did you mean `author`/);
});

test("raw HTML is sanitized: no scripts, no event handlers, text kept", () => {
  const html = toHtml(chapter('# 题\n\n<script>alert("x")</script><span onclick="alert(1)">点击</span>\n\n<a href="javascript:alert(1)">链接</a>\n').tree);
  assert.doesNotMatch(html, /script|onclick|javascript:/);
  assert.match(html, /点击/);
  assert.match(html, /链接/);
});

test("a missing image path is kept for the disk check; one leaving the folder is an error with file:line", () => {
  const inside = chapter("# 题\n\n![图](images/a.png)\n");
  assert.equal(inside.images[0]?.absolutePath, `${manuscriptDir}/chapters/images/a.png`);
  const outside = chapter("# 题\n\n正文。\n\n![图](../../../etc/passwd)\n");
  assert.match(String(outside.file.messages[0]), /one\.md:5:1.*outside the manuscript folder/);
});

test("a remote image is not fetched: a warning, and its description stays", () => {
  const parsed = chapter("# 题\n\n![远程图](https://example.com/a.png)\n");
  assert.equal(parsed.file.messages[0]?.fatal, false);
  assert.doesNotMatch(toHtml(parsed.tree), /example\.com/);
  assert.match(toHtml(parsed.tree), /远程图/);
});

test("GFM footnotes and tables come through", () => {
  const html = toHtml(chapter("# 题\n\n正文[^1]。\n\n[^1]: 注文。\n\n| 甲 | 乙 |\n| :- | -: |\n| 1 | 2 |\n").tree);
  assert.match(html, /注释/);
  assert.match(html, /<table>/);
});

test("`align` (obsolete, refused by EPUB 3) becomes text-align where it aligns text, as docsify's `<div align=center>` figures", () => {
  const html = toHtml(chapter('# 题\n\n<div align=center>\n<img width="550" src="../img/1.1.png"/>\n</div>\n<div ALIGN="Middle">图 1.1 强化学习示意</div>\n\n<p align="right">署名</p>\n\n<div align="bogus">甲</div>\n\n| 甲 |\n| -: |\n| 1 |\n\n<img align="left" src="a.png">\n').tree);
  assert.match(html, /<div style="text-align: center">\s*<img width="550"/);
  assert.match(html, /<div style="text-align: center">图 1\.1 强化学习示意<\/div>/);
  assert.match(html, /<p style="text-align: right">署名<\/p>/);
  assert.match(html, /<div>甲<\/div>/);
  assert.match(html, /<th style="text-align: right">甲<\/th>/);
  // On an image `align` floats it: not text alignment, so not ours to convert.
  assert.match(html, /<img align="left"/);
  assert.doesNotMatch(html.replace(/<img align="left"/, ""), /align=/);
});

test("half-width punctuation between Chinese characters becomes full-width", () => {
  assert.equal(normalizeCjkPunctuation("8月20日至23日,柯桥区"), "8月20日至23日，柯桥区");
  assert.equal(normalizeCjkPunctuation("体会(二)"), "体会（二）");
  assert.equal(normalizeCjkPunctuation("(作者单位:柯桥区科技局)"), "（作者单位：柯桥区科技局）");
  assert.equal(normalizeCjkPunctuation('他说:"你好。"'), "他说：“你好。”");
  assert.equal(normalizeCjkPunctuation("信念;体现"), "信念；体现");
});

test("numbers, times and English keep their ASCII punctuation", () => {
  assert.equal(normalizeCjkPunctuation("逾16.5万名"), "逾16.5万名");
  assert.equal(normalizeCjkPunctuation("at 10:30, see (Paged.js) \"quoted\""), "at 10:30, see (Paged.js) \"quoted\"");
});

test("punctuation is normalised across inline markup", () => {
  const html = toHtml(chapter("# 题\n\n**强调**,然后\n").tree);
  assert.match(html, /<strong>强调<\/strong>，然后/);
  // Code beside a mark is read as the lint reads it, an atom: Chinese after it makes the mark Chinese.
  assert.match(toHtml(chapter("# 题\n\n运行`ls`,然后看。他说Hello, world!然后走了。\n").tree), /<code>ls<\/code>，然后看。他说Hello, world!然后走了。/);
});

test("Han text after a code fence is kept as the block's first line and reported at its line, not dropped as a language name", () => {
  const parsed = chapter("# 题\n\n正文。\n\n~~~~百年老店\n柯桥\n~~~~\n\n```js\nlet x;\n```\n");
  const blocks = toHtml(parsed.tree);
  assert.match(blocks, /<code><span class="line">百年老店\n<\/span><span class="line">柯桥\n<\/span><\/code>/);
  assert.match(blocks, /<code class="language-js"><span class="line"><span class="tok-keyword">let<\/span> x;\n<\/span><\/code>/, "a language name stays one");
  assert.equal(parsed.file.messages.length, 1);
  assert.match(String(parsed.file.messages[0]), /one\.md:5:1.*Unexpected text “百年老店” after a code fence, expected a language name/);
  assert.equal(parsed.file.messages[0]!.fatal, false);
});

test("a figure written in HTML keeps its figure and caption (the Rust book's listings)", () => {
  const html = toHtml(chapter('# 题\n\n<figure class="listing">\n\n```rust\nfn main() {}\n```\n\n<figcaption>示例 2-1：猜数字</figcaption>\n\n</figure>\n').tree);
  assert.match(html.replace(/<\/?span[^>]*>/g, ""), /<figure>\s*<pre>[\s\S]*fn main\(\) \{\}[\s\S]*<figcaption>示例 2-1：猜数字<\/figcaption>\s*<\/figure>/);
});

test("an image alone in its paragraph inside an HTML figure is not made a figure of its own", () => {
  const html = toHtml(chapter('# 题\n\n<figure>\n\n![说明](b.png)\n\n<figcaption>图二</figcaption>\n\n</figure>\n').tree);
  assert.equal(html.match(/<figure>/g)?.length, 1, html);
  assert.match(html, /<figcaption>图二<\/figcaption>/);
});

test("Western runs in emphasis are marked for italic, Chinese and digits alone are not, code is left alone", () => {
  const html = toHtml(chapter("# 题\n\n*Proceedings of the VLDB Endowment*，*重要的 Raft 算法*，*第 2 版*，*Евгений Онегин*，`*x*`。\n").tree);
  assert.match(html, /<em><span class="western">Proceedings of the VLDB Endowment<\/span><\/em>/);
  assert.match(html, /<em>重要的 <span class="western">Raft<\/span> 算法<\/em>/);
  assert.match(html, /<em>第 (?:<span class="tcy">)?2(?:<\/span>)? 版<\/em>/);
  assert.match(html, /<em><span class="western">Евгений Онегин<\/span><\/em>/);
  assert.match(html, /<code>\*x\*<\/code>/);
});
