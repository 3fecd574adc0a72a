import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// Kubernetes 基础教程 (Hugo): forty diagrams written ```` ```mermaid "Borg 架构图" ```` each printed
// `mermaid "Borg 架构图"` as the first line of the code, with a warning that asked the author to
// escape it; Docusaurus's ```` ```js title="src/a.js" ```` lost its title without a word.
const chapter = (value: string) => dialectChapter(value);

test("a title after a fence's language is printed above the code, not in it", () => {
  const written = chapter('# 题\n\n```mermaid "Borg 架构图"\ngraph TD\n```\n\n```js title="src/a.js"\nx\n```\n');
  assert.equal(
    toHtml(written.tree).trim(),
    '<p class="code-title">Borg 架构图</p>\n<pre><code class="language-mermaid"><span class="line">graph TD\n</span></code></pre>\n<p class="code-title">src/a.js</p>\n<pre><code class="language-js"><span class="line">x\n</span></code></pre>',
  );
  assert.deepEqual(written.file.messages.map(String), []);
});

test("Han text alone after a fence is still kept as the code's first line, with a warning", () => {
  const written = chapter("# 题\n\n```这是\n代码\n```\n");
  assert.equal(toHtml(written.tree).replace(/<[^>]+>/g, "").trim(), "这是\n代码");
  assert.deepEqual(written.file.messages.map((message) => message.ruleId), ["fence-info"]);
});
