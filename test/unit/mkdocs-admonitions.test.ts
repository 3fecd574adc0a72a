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
