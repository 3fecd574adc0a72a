import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// 閱讀古文 (DOzernyi/wenyanwen, Jekyll), 紅樓夢 第一回: the opening poem is written
// `<p><center>浮生著甚苦奔忙。……<br>…</center></p>`; the sanitizer unwrapped the obsolete <center>
// and the poem was set flush left, where every browser centres it.
const html = (value: string) => toHtml(dialectChapter(value).tree).trim();

test("<center> is centred text, as browsers show it", () => {
  assert.equal(html("<center>\n浮生著甚苦奔忙。<br>\n盛席華筵終散場。\n</center>\n"), '<div style="text-align: center">\n浮生著甚苦奔忙。<br>\n盛席華筵終散場。\n</div>');
});
