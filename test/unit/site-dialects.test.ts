import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { fixture } from "../helpers.ts";

// Real books' site dialects, parsed as the build parses them (bench/corpus: trpl-zh-cn, data-analysis-in-action).
const manuscriptDir = fixture("dialects");
const chapter = (value: string) => parseChapters([new VFile({ path: `${manuscriptDir}/chapters/test.md`, value })], manuscriptDir, manuscriptDir)[0]!;
const html = (value: string) => toHtml(chapter(value).tree).trim();

test("a {#id} outside a heading is text as written, not an internal error (remark-custom-heading-id throws on it)", () => {
  assert.equal(html("# 题\n\n写法是 {#abc} 加在标题后。\n\n段末 {#x}\n"), "<p>写法是 {#abc} 加在标题后。</p>\n<p>段末 {#x}</p>");
  assert.equal(html("# 题 {#sec-a}\n\n正文\n"), "<p>正文</p>");
});
