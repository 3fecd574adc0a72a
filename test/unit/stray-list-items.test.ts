import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// Vue's documentation (list.md) shows a live demo as `<div class="demo"><li v-for=…>…</li></div>`:
// an <li> outside a list, which EPUBCheck rejects (RSC-005 “element "li" not allowed here”), failing the build.
const html = (value: string) => toHtml(dialectChapter(value).tree).trim();

test("list items written in HTML outside a list are put in one", () => {
  assert.equal(html('<div class="demo">\n  <li>甲</li>\n  <li>乙</li>\n</div>\n'), "<div class=\"\">\n  <ul><li>甲</li>\n  <li>乙</li></ul>\n</div>");
  assert.equal(html("<div><li>甲</li><p>中</p><li>乙</li></div>\n"), "<div><ul><li>甲</li></ul><p>中</p><ul><li>乙</li></ul></div>");
});

test("items already in a list are left alone", () => {
  assert.equal(html("<ol>\n<li>甲</li>\n</ol>\n\n- 乙\n"), "<ol>\n<li>甲</li>\n</ol>\n<ul>\n<li>乙</li>\n</ul>");
});
