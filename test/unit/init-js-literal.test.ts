import assert from "node:assert/strict";
import { access } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { detectSite } from "../../scripts/init/detect.ts";
import { readJsLiteralExport } from "../../scripts/init/js-literal.ts";
import { filesInOrder } from "../../scripts/init/site.ts";
import { folderWith } from "../helpers.ts";

// A JavaScript or TypeScript site configuration is read as text for the literals it spells out,
// never run (jkchao/typescript-book-chinese: VuePress, the sidebar in docs/.vuepress/config.js).

const runs = (marker: string) => `require("node:fs").writeFileSync(require("node:path").join(__dirname, "${marker}"), "ran");\n`;

const site = folderWith;

test("the literals of module.exports, export default, defineConfig(…) and an exported variable; code in place of a value is left out", () => {
  assert.deepEqual(readJsLiteralExport("// c\nmodule.exports = { title: '深入', n: 3, ok: true, none: null, list: ['/a', \"/b\", `/c`], };"), { title: "深入", n: 3, ok: true, none: null, list: ["/a", "/b", "/c"] });
  assert.deepEqual(readJsLiteralExport("import x from 'y'\nexport default defineConfig({ lang: 'zh-CN', themeConfig: { sidebar: sidebarGuide(), nav: [{ text: '指南', link: '/guide/' }] } })"), { lang: "zh-CN", themeConfig: { nav: [{ text: "指南", link: "/guide/" }] } });
  assert.deepEqual(readJsLiteralExport("const sidebars = { book: ['intro', { type: 'category', label: '上\\u624b', items: [...more, 'b'] }], f() { return 1 }, t: `a${b}`, s: 'a' + b, /* x: 1 */ };\nexport default sidebars;"), { book: ["intro", { type: "category", label: "上手", items: [undefined, "b"] }] });
  assert.equal(readJsLiteralExport("export function config() { return {} }"), undefined);
});

test("VuePress: the sidebar in config.js, read and never run, gives the chapters in the site's order with its groups as parts", async () => {
  const dir = await site({
    "docs/.vuepress/config.js": `${runs("config-was-run.txt")}module.exports = {\n  title: '深入理解',\n  themeConfig: {\n    sidebar: [\n      { title: '写在前面', children: ['/'] },\n      // the site's order, not the files' names\n      { title: '类型系统', children: ['/typings/overview', '/typings/ambient'] },\n    ],\n  },\n};\n`,
    "docs/README.md": "# 前言\n\n正文。\n",
    "docs/typings/ambient.md": "# 声明\n\n正文。\n",
    "docs/typings/overview.md": "# 概览\n\n正文。\n",
  });
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "vuepress");
  assert.deepEqual(filesInOrder(detected.entries), ["docs/README.md", "docs/typings/overview.md", "docs/typings/ambient.md"]);
  assert.deepEqual(detected.entries.map((entry) => [entry.title, entry.part]), [["写在前面", true], ["类型系统", true]]);
  assert.ok(detected.notes.some((note) => /sidebar in docs\/\.vuepress\/config\.js \(its literals read as data; the code is not run\)/.test(note.text)));
  await assert.rejects(access(path.join(dir, "docs/.vuepress/config-was-run.txt")));
});

test("VitePress whose sidebar is computed by code: the file tree, as before; Docusaurus: the sidebar in sidebars.js, never run", async () => {
  const vitepress = await site({
    ".vitepress/config.mts": "export default defineConfig({ themeConfig: { sidebar: sidebarGuide() } })\n",
    "b.md": "# 乙\n",
    "a.md": "# 甲\n",
  });
  const computed = await detectSite(vitepress);
  assert.deepEqual(filesInOrder(computed.entries), ["a.md", "b.md"]);
  assert.ok(computed.notes.some((note) => /is code and was not run/.test(note.text)));
  const docusaurus = await site({
    "docusaurus.config.js": `${runs("config-was-run.txt")}module.exports = { title: "x" };\n`,
    "sidebars.js": `${runs("sidebars-was-run.txt")}const sidebars = { book: ['intro', { type: 'category', label: '上手', items: ['guide/b', 'guide/a'] }] };\nmodule.exports = sidebars;\n`,
    "docs/intro.md": "# 介绍\n",
    "docs/guide/a.md": "# 甲\n",
    "docs/guide/b.md": "# 乙\n",
  });
  const read = await detectSite(docusaurus);
  assert.deepEqual(filesInOrder(read.entries), ["docs/intro.md", "docs/guide/b.md", "docs/guide/a.md"]);
  assert.ok(read.notes.some((note) => /chapters from sidebars\.js \(its literals read as data; the code is not run\) \(sidebar “book”\)/.test(note.text)));
  await assert.rejects(access(path.join(docusaurus, "config-was-run.txt")));
  await assert.rejects(access(path.join(docusaurus, "sidebars-was-run.txt")));
});
