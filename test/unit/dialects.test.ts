import assert from "node:assert/strict";
import { bookWording } from "../../scripts/render/wording.ts";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { proseRanges, proseRuns } from "../../scripts/markdown/prose.ts";
import { dialectChapter, fixture } from "../helpers.ts";

// The generators' Markdown dialects (issue 31), parsed as the build parses them, against the
// dialects fixture's listings.
const manuscriptDir = fixture("dialects");
const chapter = (value: string, language = "zh-CN") => dialectChapter(value, bookWording(language));
const html = (value: string, language?: string) => toHtml(chapter(value, language).tree).trim();
const codeText = (value: string) => html(value).replace(/<[^>]+>/g, "");
const messages = (value: string) => chapter(value).file.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? "error" : "warning"} ${message.ruleId}: ${message.reason}`);

test("mdBook includes: an anchor without its marker lines, line ranges, and a hidden Rust line left out", () => {
  assert.equal(codeText("```rust\n{{#include ../listings/hello.rs:greet}}\n```\n"), '    println!("Hello, reader");\n');
  assert.equal(codeText("```text\n{{#include ../listings/steps.txt:2:3}}\n```\n"), "line two beta\nline three gamma\n");
  assert.equal(codeText("```text\n{{#include ../listings/steps.txt:3:}}\n```\n"), "line three gamma\nline four delta\n");
  assert.equal(codeText("```text\n{{#include ../listings/steps.txt::2}}\n```\n"), "line one alpha\nline two beta\n");
  assert.equal(codeText("```text\n{{#include ../listings/steps.txt:4}}\n```\n"), "line four delta\n");
  const program = codeText("```rust\n{{#rustdoc_include ../listings/hello.rs}}\n```\n");
  assert.match(program, /let answer = 42;/);
  assert.doesNotMatch(program, /hidden_setup|allow\(unused\)|ANCHOR/);
  assert.doesNotMatch(program, /^\s*#\s*$/m);
});

test("{{#playground}} is a Rust code block; an included Markdown file is Markdown; a backslash keeps the include as written", () => {
  assert.match(html("{{#playground ../listings/hello.rs}}\n"), /^<pre><code class="language-rust">[\s\S]*println![\s\S]*<\/code><\/pre>$/);
  assert.equal(html("{{#include ../listings/aside.md}}\n"), "<p>被包含的段落写着 <strong>Markdown</strong>，来自 aside 文件。</p>");
  assert.equal(codeText("```\n\\{{#include x.rs}}\n```\n"), "{{#include x.rs}}\n");
});

test("a missing file, anchor or line, or a path out of the manuscript is an error at the {{#…}}, and later lines keep their places", () => {
  const found = messages("# 题\n\n```rust\n  {{#include ../listings/nothing.rs}}\n{{#include ../listings/hello.rs:nowhere}}\n{{#include ../listings/steps.txt:9}}\n{{#include ../../minimal/book.yaml}}\n```\n\n这是 `x`：{{< youtube x >}}\n");
  assert.match(found[0]!, /^4:3 error include: Unexpected missing file `\.\.\/listings\/nothing\.rs`/);
  assert.match(found[1]!, /^5:1 error include: Unexpected anchor `nowhere`.*expected a line with `ANCHOR: nowhere`/);
  assert.match(found[2]!, /^6:1 error include: Unexpected lines 9 of .*within its 4/);
  assert.match(found[3]!, /^7:1 error include: Unexpected file .* outside the manuscript folder/);
  assert.match(found[4]!, /^10:8 warning shortcode: Unexpected shortcode `\{\{< youtube x >\}\}`/);
});

test("GitHub alerts and Obsidian callouts are boxes labelled in the book's language, or titled as written", () => {
  assert.equal(html("> [!NOTE]\n> 正文。\n"), '<div class="note-box note-box-note">\n<p class="note-box-title">注意</p>\n<p>正文。</p>\n</div>');
  assert.match(html("> [!TIP] 读书的*窍门*\n> 正文。\n"), /<p class="note-box-title">读书的<em>窍门<\/em><\/p>\n<p>正文。<\/p>/);
  assert.match(html("> [!caution]-\n> 正文。\n"), /note-box-caution[\s\S]*>小心</);
  assert.match(html("> [!IMPORTANT]\n> 正文。\n"), />重要</);
  assert.match(html("> [!bug]\n> 正文。\n"), /note-box-warning[\s\S]*>警告</);
  assert.match(html("> [!WARNING]\n> 正文。\n", "zh-TW"), />警告</);
  assert.equal(html("> 平常的引文 [!NOTE]\n"), "<blockquote>\n<p>平常的引文 [!NOTE]</p>\n</blockquote>");
});

test("::: containers of VitePress and Docusaurus are boxes; details is <details> with its summary; colons in prose stay", () => {
  assert.equal(html("::: tip\n时间是 10:30，比例 a:b。\n:::\n"), '<div class="note-box note-box-tip"><p class="note-box-title">提示</p><p>时间是 <span class="tcy">10</span>:<span class="tcy">30</span>，比例 a:b。</p></div>');
  assert.match(html("::: danger 千万小心\n- 一\n- 二\n:::\n"), /^<div class="note-box note-box-caution"><p class="note-box-title">千万小心<\/p><ul>[\s\S]*<\/ul><\/div>$/);
  assert.match(html(":::note[Docusaurus 的标题]\n内容。\n:::\n"), /<p class="note-box-title">Docusaurus 的标题<\/p><p>内容。<\/p>/);
  assert.equal(html("::: details 点开看\n答案。\n:::\n"), "<details><summary>点开看</summary><p>答案。</p></details>");
  assert.match(html("::: warning\n内容。\n:::\n", "zh-TW"), /<p class="note-box-title">警告<\/p>/);
  assert.equal(html("::: details\n答案。\n:::\n", "zh-TW"), "<details><summary>詳情</summary><p>答案。</p></details>");
  assert.equal(html("见 :abbr[HTML] 与 ::leaf 行。\n\n::leaf{x=1}\n"), '<p>见 :abbr[HTML] 与 ::leaf 行。</p>\n<p>::leaf{x=1}</p>');
  assert.equal(html("```md\n::: tip 标题\n:::\n```\n").replace(/<[^>]+>/g, ""), "::: tip 标题\n:::\n");
  assert.match(messages("# 题\n\n::: foo\n内容。\n:::\n")[0]!, /^3:1 warning container: Unexpected container `:::foo`/);
});

test("Hugo's figure, hint, details and ref; GitBook's hint; an unknown shortcode prints nothing", () => {
  assert.equal(html('{{< figure src="../images/figure.png" caption="示意图" alt="示意" >}}\n'), `<figure class="image-figure" id="c1-numbered-figure-1" data-number="1-1"><img src="file://${manuscriptDir}/images/figure.png" alt="示意图"><figcaption><span class="caption-label">图 <span class="tcy">1</span>-<span class="tcy">1</span></span>　示意图</figcaption></figure>`);
  assert.equal(chapter('{{< figure src="../images/figure.png" >}}\n').images.length, 1);
  assert.equal(html("{{< hint warning >}}\n**小心**地走。\n{{< /hint >}}\n"), '<div class="note-box note-box-warning"><p class="note-box-title">警告</p><p><strong>小心</strong>地走。</p></div>');
  assert.equal(
    html('{{< details "外层" >}}\n{{% hint info %}}\n内层。\n{{% /hint %}}\n{{< /details >}}\n'),
    '<details><summary>外层</summary><div class="note-box note-box-note"><p class="note-box-title">注意</p><p>内层。</p></div></details>',
  );
  assert.equal(html("{% hint style='danger' %}\n不要。\n{% endhint %}\n"), '<div class="note-box note-box-caution"><p class="note-box-title">小心</p><p>不要。</p></div>');
  assert.equal(html('见[前文]({{< relref "intro.md#sec" >}})。\n'), '<p>见前文。</p>'); // no chapter intro.md in this book: the link becomes text
  assert.equal(html("前{{< youtube abc >}}后{{< /youtube >}}。\n"), "<p>前后。</p>");
  assert.equal(html("写作 {{</* figure */>}}。\n"), "<p>写作 {{&#x3C; figure >}}。</p>");
});

test("<details> without a summary gets one; <img width> is its width within the text area", () => {
  assert.equal(html("<details>\n\n正文。\n\n</details>\n"), "<details><summary>详情</summary>\n<p>正文。</p>\n</details>");
  assert.match(html('<img src="../images/figure.png" width="120" alt="小图">\n'), /style="width: min\(120px, 100%\)"/);
  assert.match(html('<img src="../images/figure.png" width="50%" alt="小图">\n'), /style="width: min\(50%, 100%\)"/);
});

test("the lint and the Traditional conversion read a title where it is written, and never a path or the shortcode's quotes", () => {
  const source = '{{< details "发展细节" >}}\n{{< figure src="图/里面.png" caption="面条" >}}\n{{< /details >}}\n\n```rust\n{{#include 代码/里面.rs}}\n```\n';
  const words = proseRanges(source).map(({ start, end }) => source.slice(start, end));
  assert.deepEqual(words, ["发展细节", "面条"]);
  // A figure's caption is its image's alt text, which the lint leaves alone as it does every alt text.
  assert.deepEqual(proseRuns(source).map((run) => run.text), ["发展细节"]);
  assert.deepEqual(proseRuns('{{< details "甲" >}}\n乙\n{{< /details >}}\n')[0]!.offsets, [13]);
});
