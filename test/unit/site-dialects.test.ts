import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter, fixture } from "../helpers.ts";

// Real books' site dialects, parsed as the build parses them (bench/corpus: trpl-zh-cn, data-analysis-in-action).
const manuscriptDir = fixture("dialects");
const chapter = (value: string) => dialectChapter(value);
const html = (value: string) => toHtml(chapter(value).tree).trim();

test("a {#id} outside a heading is text as written, not an internal error (remark-custom-heading-id throws on it)", () => {
  assert.equal(html("# 题\n\n写法是 {#abc} 加在标题后。\n\n段末 {#x}\n"), "<p>写法是 {#abc} 加在标题后。</p>\n<p>段末 {#x}</p>");
  assert.equal(html("# 题 {#sec-a}\n\n正文\n"), "<p>正文</p>");
});

test("Pandoc's attributes (Quarto) print nothing: a figure's id and width are its own, a link's print nothing, a table caption keeps its id, a formula's after its closing $$ go; a heading keeps its {#id}", () => {
  assert.equal(
    html('# 欢迎 {#sec-welcome .unnumbered}\n\n![山鸢尾](a.png){#fig-a width="60%"}\n\n邮箱 [a](mailto:a@b.c){.email} 不是。\n'),
    '<figure class="image-figure" id="c1-fig-a" data-number="1-1"><img src="' + new URL("chapters/a.png", `file://${manuscriptDir}/`).href + '" alt="山鸢尾" style="width: min(60%, 100%)"><figcaption><span class="caption-label">图 <span class="tcy">1</span>-<span class="tcy">1</span></span>　山鸢尾</figcaption></figure>\n<p>邮箱 <a href="mailto:a@b.c">a</a> 不是。</p>',
  );
  assert.equal(chapter("# 欢迎 {#sec-welcome .unnumbered}\n\n正文\n").title, "欢迎");
  assert.equal(html("# 题\n\n$$\nx = 1\n$$ {#eq-a}\n\n后文\n"), '<div class="math math-display" data-tex="x = 1"></div>\n<p>后文</p>');
  assert.match(html("# 题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: 检验方法分类 {#tbl-a}\n"), /^<figure class="table-figure" data-number="1-1"><figcaption id="c1-tbl-a" data-number="1-1"><span class="caption-label">表 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　检验方法分类<\/figcaption><div class="table-scroll"><table>/);
  assert.equal(html("# 题 {-}\n\n## 节 {.unnumbered}\n\n文字\n"), "<h2>节</h2>\n<p>文字</p>");
  assert.equal(html('# 题\n\n```r\n![x](y){#z}\n$$ {#eq-b}\n```\n').replace(/<[^>]+>/g, ""), "![x](y){#z}\n$$ {#eq-b}\n");
});

test("Quarto's fenced divs: `::: {#fig-a …}` keeps its contents in place; callouts are note boxes titled by their title or opening heading", () => {
  assert.equal(html('# 题\n\n::: {#fig-doc layout-ncol="3"}\n图注文字\n:::\n'), "<p>图注文字</p>");
  assert.equal(html("# 题\n\n::: callout-tip\n## 提示标题\n\n内容\n:::\n"), '<div class="note-box note-box-tip"><p class="note-box-title">提示标题</p><p>内容</p></div>');
  assert.equal(html('# 题\n\n::: {.callout-warning title="小心"}\n警告内容\n:::\n'), '<div class="note-box note-box-warning"><p class="note-box-title">小心</p><p>警告内容</p></div>');
  assert.equal(html("# 题\n\n::: callout-note\n内容\n:::\n"), '<div class="note-box note-box-note"><p class="note-box-title">注意</p><p>内容</p></div>');
  assert.deepEqual(chapter("# 题\n\n::: callout-important\n内容\n:::\n").file.messages, []);
});

test("VuePress' <img :src=\"$withBase('/a.png')\"> is an image at the site's root (assets:), not an empty remote one", () => {
  const written = chapter("# 题\n\n<img :src=\"$withBase('/images/figure.png')\" alt=\"ide\"/>\n\n`:src=\"$withBase('/x.png')\"` 照印。\n");
  const printed = toHtml(written.tree);
  assert.match(printed, /<img src="file:[^"]*\/images\/figure\.png" alt="ide">/);
  assert.match(printed, /<code>:src="\$withBase\('\/x\.png'\)"<\/code>/);
  assert.deepEqual(written.file.messages.filter((message) => message.ruleId === "remote-image"), []);
});

test("Quarto's and R Markdown's chunks: no #| option lines, the language from the braces, none at all when the site hides the code", () => {
  assert.equal(html("# 题\n\n```{r}\n#| label: fig-a\n#| fig-width: 6\n\nplot(1:10)\n```\n").replace(/<[^>]+>/g, ""), "plot(1:10)\n");
  assert.match(html("# 题\n\n```{r}\nx <- 1\n```\n"), /^<pre><code class="language-r">/);
  assert.equal(html("# 题\n\n前文\n\n```{r}\n#| echo: false\nsource(\"_common.R\")\n```\n\n```{r setup, include=FALSE}\nlibrary(x)\n```\n\n```{python}\n#| include: false\nimport os\n```\n\n后文\n"), "<p>前文</p>\n<p>后文</p>");
  assert.match(html("# 题\n\n```{r}\n#| echo: !expr knitr::is_html_output()\nx\n```\n").replace(/<[^>]+>/g, ""), /^x\n$/);
  assert.equal(html("# 题\n\n```{{r}}\n#| echo: false\nx\n```\n").replace(/<[^>]+>/g, ""), "#| echo: false\nx\n");
});

test("after a formula closed by `$$ {#eq-a}`, the chapter's other dialects are read (a shortcode further on was taken for part of the formula and printed)", () => {
  const written = chapter("# 题\n\n$$\ny = x\n$$ {#eq-a}\n\n正文\n\n{{< pagebreak >}}\n\n后文\n");
  assert.equal(toHtml(written.tree).trim(), '<div class="math math-display" data-tex="y = x"></div>\n<p>正文</p>\n<p>后文</p>');
  assert.match(written.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`).join("\n"), /^9:1 shortcode$/m);
});
