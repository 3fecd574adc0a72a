import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { pageTextsOf } from "../pdf-reader.ts";

// A book written in the generators' dialects (issue 31): mdBook includes of a Rust listing with
// anchors and hidden lines, GitHub alerts, Obsidian callouts, ::: containers, Hugo's and
// GitBook's shortcodes, <details> and <img width>. It builds (so the exact text check holds) and
// no dialect's syntax is left on a page.
const pdfs = ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"];
let out: string;
let stderr: string;
let texts: Record<string, string>;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", fixture("dialects"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  stderr = run.stderr;
  texts = Object.fromEntries(await Promise.all(pdfs.map(async (name) => [name, (await pageTextsOf(path.join(out, name))).join("\n")] as const)));
});

test("both layouts: no {{#, [!TIP], :::, {{< or {% left; the included lines printed, the hidden Rust lines not", () => {
  for (const [name, text] of Object.entries(texts)) {
    for (const syntax of ["{{#", "[!", ":::", "{{<", "{%", "ANCHOR"]) assert.ok(!text.includes(syntax), `${syntax} in ${name}`);
    const joined = text.replace(/\s+/g, "");
    for (const included of ['println!("Hello,reader");', "letanswer=42;", "linetwobeta", "linethreegamma", "linefourdelta", "被包含的段落写着Markdown"]) assert.ok(joined.includes(included), `${included} missing in ${name}`);
    for (const hidden of ["hidden_setup", "allow(unused)"]) assert.ok(!joined.includes(hidden), `${hidden} printed in ${name}`);
  }
});

test("both layouts: the boxes' labels and titles, the details' summaries, Hugo's figure caption", () => {
  for (const [name, text] of Object.entries(texts)) {
    const joined = text.replace(/\s+/g, "");
    for (const printed of ["注意这是GitHub", "读书的窍门", "警告不要在雨天晒书", "小心Obsidian", "提示VitePress", "千万小心", "Docusaurus的标题", "点开看答案答案是四十二", "HTML的折叠", "一幅示意图", "注意Hugo的提示", "更多细节细节里的文字", "警告GitBook", "回到第一章"]) {
      assert.ok(joined.includes(printed), `${printed} missing in ${name}`);
    }
  }
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("the unknown shortcode is a warning at its place; the EPUB keeps <details>", async () => {
  assert.match(stderr, /hugo\.md:24:8\s+warning\s+Unexpected shortcode `\{\{< youtube abc123 >\}\}`.*\[shortcode\]/);
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-vertical.epub")));
  const notes = await zip.file("OEBPS/chapter-002.xhtml")!.async("string");
  assert.match(notes, /<details><summary>点开看答案<\/summary>/);
  assert.match(notes, /<div class="note-box note-box-tip"><p class="note-box-title">提示<\/p>/);
});

// Hello 算法's `??? pythontutor` boxes: a <details> that Paged.js split over two pages went on in
// one without its <summary>, where Chromium printed “Details” of its own (the text check caught it).
test("both layouts: a details box longer than a page runs on over the break with no word added, its summary printed once", async () => {
  for (const name of pdfs) {
    const pages = (await pageTextsOf(path.join(out, name))).map((page) => page.replace(/\s+/g, ""));
    const first = pages.findIndex((page) => page.includes("第1段"));
    const last = pages.findIndex((page) => page.includes("第40段"));
    assert.ok(first >= 0 && last > first, `${name}: the box spans pages ${first + 1}–${last + 1}`);
    const box = pages.slice(first, last + 1).join("");
    assert.ok(!/Details/i.test(box), `${name}: “Details” printed`);
    assert.equal(box.split("很长的折叠").length - 1, 1, name);
    for (let paragraph = 1; paragraph <= 40; paragraph++) assert.ok(box.includes(`第${paragraph}段：`), `${name}: 第${paragraph}段 missing`);
  }
});
