import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { lintText } from "../../scripts/lint/lint.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";

const html = (paragraph: string) => {
  const [chapter] = parseChapters([new VFile({ path: "/books/a/one.md", value: `# 题\n\n${paragraph}\n` })], "/books/a");
  return toHtml(chapter!.tree).trim();
};
const link = (url: string, text = url) => `<a href="${url}">${text}</a>`;

test("a bare address in emphasis ends before the `*` or `_` closing it, and the emphasis closes", () => {
  // An address in emphasis is Western text, set in italic (rehype-western-italic.ts).
  const italic = (text: string) => `<span class="western">${text}</span>`;
  assert.equal(html("请访问：*http://www.example.com*。"), `<p>请访问：<em>${link("http://www.example.com", italic("http://www.example.com"))}</em>。</p>`);
  assert.equal(html("请访问：_www.example.com_。"), `<p>请访问：<em>${link("http://www.example.com", italic("www.example.com"))}</em>。</p>`);
  assert.equal(html("见**https://example.com/a_b**，"), `<p>见<strong>${link("https://example.com/a_b")}</strong>，</p>`);
});

test("a bare address ends before full-width punctuation and CJK characters", () => {
  for (const after of ["。", "，", "）", "」", "』", "》", "、", "；", "：", "？", "！", "”", "’", "……", "然后"]) {
    assert.equal(html(`（见 http://example.com/a${after}`), `<p>（见 ${link("http://example.com/a")}${after}</p>`, after);
  }
  assert.equal(html("路径 http://example.com/路径"), `<p>路径 ${link("http://example.com/")}路径</p>`);
  assert.equal(html("字 http://example.com/𠀀"), `<p>字 ${link("http://example.com/")}𠀀</p>`);
});

test("an e-mail address followed by Chinese ends at the Chinese", () => {
  assert.equal(html("来信请寄a@example.com后接中文"), `<p>来信请寄${link("mailto:a@example.com", "a@example.com")}后接中文</p>`);
});

test("a `www.` address ends at Chinese, and may start right after it", () => {
  assert.equal(html("官网www.example.com，欢迎"), `<p>官网${link("http://www.example.com", "www.example.com")}，欢迎</p>`);
  assert.equal(html("官网：www.example.com。"), `<p>官网：${link("http://www.example.com", "www.example.com")}。</p>`);
});

test("addresses GFM links only after parsing (after ASCII punctuation) end there too, trailing punctuation left out", () => {
  // The colon becomes full-width (rehype-cjk-punctuation) after the link was made.
  assert.equal(html("网址:www.example.com。"), `<p>网址：${link("http://www.example.com", "www.example.com")}。</p>`);
  assert.equal(html('说"www.a.com.”和"www.b.com"。'), `<p>说"${link("http://www.a.com", "www.a.com")}.”和"${link("http://www.b.com", "www.b.com")}"。</p>`);
});

test("an address in angle brackets or in `[text](url)` is taken as written, Chinese and all", () => {
  const encoded = "http://example.com/%E4%B8%AD%E6%96%87";
  assert.equal(html("见<http://example.com/中文>。"), `<p>见${link(encoded, "http://example.com/中文")}。</p>`);
  assert.equal(html("见[中文页](http://example.com/中文)。"), `<p>见${link(encoded, "中文页")}。</p>`);
  assert.equal(html("见<https://zh.wikipedia.org/wiki/北京>"), `<p>见${link("https://zh.wikipedia.org/wiki/%E5%8C%97%E4%BA%AC", "https://zh.wikipedia.org/wiki/北京")}</p>`);
});

test("ASCII text around addresses is GFM's as before", () => {
  assert.equal(html("a http://example.com/a_b_c b"), `<p>a ${link("http://example.com/a_b_c")} b</p>`);
  assert.equal(html("see www.example.com."), `<p>see ${link("http://www.example.com", "www.example.com")}.</p>`);
});

test("the proofreading's bare addresses end where the parser's do: punctuation after one is prose", () => {
  // `Ａhttp…` is glued to a letter, so no link: the lint's own placeholder covers it, up to the `”`.
  const findings = lintText("他说“Ａhttp://example.com”,然后", "zh-CN");
  assert.ok(findings.some((found) => found.ruleId === "halfwidth-punctuation" && found.start === 23), JSON.stringify(findings));
});
