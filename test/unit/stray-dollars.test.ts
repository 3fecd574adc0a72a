import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// A GitBook book's shell variables (astaxie/build-web-application-with-golang, zh-tw/01.2.md, 01.4.md, 11.2.md).
const chapter = (value: string) => dialectChapter(value);
const html = (value: string) => toHtml(chapter(value).tree).trim();

test("shell variables are text, not a formula that fails the build: `$GOPATH/pkg/$GOOS_$GOARCH`", () => {
  const written = chapter("# 题\n\n只會搜尋 **$GOPATH/pkg/$GOOS_$GOARCH** 和 **$GOROOT/pkg/$GOOS_$GOARCH** 目錄，函式$len()和$cap()。\n");
  assert.deepEqual(written.file.messages.map(String), []);
  assert.equal(toHtml(written.tree).trim(), "<p>只會搜尋 <strong>$GOPATH/pkg/$GOOS_$GOARCH</strong> 和 <strong>$GOROOT/pkg/$GOOS_$GOARCH</strong> 目錄，函式$len()和$cap()。</p>");
});

test("a dollar before a code span does not take the span's backtick into a formula", () => {
  assert.equal(html("# 题\n\n加入到 $PATH 變數中，那麼使用`${GOPATH//://bin:}/bin`新增，在$GOPATH/bin/下，把`$GOPATH/bin`加到 PATH。\n"), "<p>加入到 $PATH 變數中，那麼使用<code>${GOPATH//://bin:}/bin</code>新增，在$GOPATH/bin/下，把<code>$GOPATH/bin</code>加到 PATH。</p>");
});

test("after money or a variable, the next pair of dollars is still a formula; $$ and formulas stay", () => {
  assert.equal(
    html("# 题\n\n售价 $5 与 $x^2$，设 $a$ 与 $b$。\n\n$$\ny\n$$\n"),
    '<p>售价 $<span class="tcy">5</span> 与 <span class="math math-inline" data-tex="x^2"></span>，设 <span class="math math-inline" data-tex="a"></span> 与 <span class="math math-inline" data-tex="b"></span>。</p>\n<div class="math math-display" data-tex="y"></div>',
  );
});

test("a minus written as a formula before a digit, as sites with math show it, stays a formula: `$-$1`", () => {
  assert.equal(html("# 题\n\n奖励为 $-$1。\n"), '<p>奖励为 <span class="math math-inline" data-tex="-"></span><span class="tcy">1</span>。</p>');
});

test("a message after escaped dollars still points at the chapter's own line and column", () => {
  const written = chapter("# 题\n\n$A_$B 与 $\\frac{1}$\n");
  assert.deepEqual(written.file.messages.map((message) => [message.line, message.column, message.ruleId]), [[3, 9, "math"]]);
});
