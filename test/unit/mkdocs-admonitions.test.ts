import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// LearnOpenGL-CN (MkDocs, `markdown_extensions: [admonition]`): about 160 `!!! Important`, `!!! note "译注"`, indented by a tab.
const chapter = (value: string) => dialectChapter(value);
const html = (value: string) => toHtml(chapter(value).tree).trim();

test("MkDocs' `!!! kind \"title\"` with its indented lines is a note box, not a line of text and a code block", () => {
  assert.equal(
    html('# 题\n\n!!! Important\n\n\t不要忘记正z轴。\n\n\t第二段 **粗**。\n\n后文\n\n!!! note "译注"\n    译注内容\n'),
    '<div class="note-box note-box-important"><p class="note-box-title">重要</p><p>不要忘记正z轴。</p><p>第二段 <strong>粗</strong>。</p></div>\n<p>后文</p>\n<div class="note-box note-box-note"><p class="note-box-title">译注</p><p>译注内容</p></div>',
  );
  assert.equal(html("# 题\n\n!!! Attention\n    小心\n"), '<div class="note-box note-box-warning"><p class="note-box-title">警告</p><p>小心</p></div>');
});

test("pymdownx's collapsible `??? tip \"title\"` prints open, as <details> does; in code, `!!!` is left as written", () => {
  assert.equal(html('# 题\n\n??? tip "折叠"\n    内容\n'), "<details><summary>折叠</summary><p>内容</p></details>");
  assert.equal(html("# 题\n\n```\n!!! note\n    x\n```\n").replace(/<[^>]+>/g, ""), "!!! note\n    x\n");
});

test("a message inside an admonition points at the chapter's own line", () => {
  const written = chapter('# 题\n\n!!! note "注"\n    见 $\\frac{1}$\n');
  assert.deepEqual(written.file.messages.map((message) => [message.line, message.column, message.ruleId]), [[4, 7, "math"]]);
});

// Hello 算法 (MkDocs Material, `pymdownx.tabbed`): every listing is a set of content tabs,
// `=== "Python"`, `=== "C++"` …, each with its fenced code indented under it. The tab line printed as
// text and each listing as an indented code block showing its own ``` fences.
test("pymdownx's content tabs `=== \"Python\"` print each tab's contents under its label, the code as code", () => {
  const written = chapter('# 题\n\n=== "Python"\n\n    ```python title="array.py"\n    arr = [0] * 5\n    ```\n\n===+ "C++"\n\n    ```cpp\n    int arr[5];\n    ```\n\n    说明。\n\n后文\n');
  assert.equal(
    toHtml(written.tree).trim().replace(/<span[^>]*>|<\/span>/g, ""),
    '<p class="code-title">Python</p>\n<p class="code-title">array.py</p>\n<pre><code class="language-python">arr = [0] * 5\n</code></pre>\n<p class="code-title">C++</p>\n<pre><code class="language-cpp">int arr[5];\n</code></pre>\n<p>说明。</p>\n<p>后文</p>',
  );
  assert.deepEqual(written.file.messages.map(String), []);
});

test("`===` under a line of text still underlines a heading, and a tab line in code is left as written", () => {
  assert.equal(html("# 题\n\n小节\n===\n"), "<h1>小节</h1>");
  assert.equal(html('# 题\n\n```\n=== "Python"\n    x\n```\n').replace(/<[^>]+>/g, ""), '=== "Python"\n    x\n');
});
