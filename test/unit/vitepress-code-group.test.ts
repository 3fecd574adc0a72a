import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// Vue's documentation (VitePress, quick-start.md): `::: code-group` shows one command per package
// manager as tabs named `[npm]`, `[pnpm]` …; it was printed as a note box labelled 注意, with a
// warning, and without the tab names that tell the blocks apart.
const chapter = (value: string) => dialectChapter(value);

test("VitePress's `::: code-group` prints each tab's code under its label, not as a note box", () => {
  const written = chapter("# 题\n\n::: code-group\n\n```sh [npm]\n$ npm i\n```\n\n```js [vite.config.js]\nx\n```\n:::\n\n后文\n");
  assert.equal(
    toHtml(written.tree).trim(),
    '<p class="code-title">npm</p>\n<pre><code class="language-sh"><span class="line">$ npm i\n</span></code></pre>\n<p class="code-title">vite.config.js</p>\n<pre><code class="language-js"><span class="line">x\n</span></code></pre>\n<p>后文</p>',
  );
  assert.deepEqual(written.file.messages.map(String), []);
});

test("a code group's block without a label, or other text in it, is kept as written", () => {
  const html = toHtml(chapter("# 题\n\n::: code-group\n说明\n\n```sh\n$ a\n```\n:::\n").tree).trim();
  assert.equal(html, '<p>说明</p>\n<pre><code class="language-sh"><span class="line">$ a\n</span></code></pre>');
});
