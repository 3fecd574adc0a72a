import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { han, pageTextsAsDrawn } from "../pdf-helpers.ts";

// test/fixtures/nested-book: 前言, then 第一篇 (a part without a file) holding 第一章 with two
// section files (the second with a section of its own), then 第二篇 (a part with a file) holding 第二章.
let out: string;
before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", fixture("nested-book"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
});

/** The 1-based page, after the contents (page 2), whose text holds `text`'s Han characters. */
const pageOf = (pages: readonly string[], text: string) => pages.findIndex((page, index) => index > 1 && han(page).includes(han(text))) + 1;

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: a part has a recto of its own, a chapter's section files run on in its pages`, async () => {
    const pages = await pageTextsAsDrawn(path.join(out, `book-${layout}-screen.pdf`));
    const partOne = pageOf(pages, "第一篇 基础");
    assert.equal(partOne % 2, 1, `第一篇 on page ${partOne}, a verso`);
    assert.equal(han(pages[partOne - 1]!), han("第一篇 基础"), "the part page holds its title alone");
    const partTwo = pageOf(pages, "第二篇 进阶");
    assert.equal(partTwo % 2, 1, `第二篇 on page ${partTwo}, a verso`);
    assert.ok(han(pages[partTwo - 1]!).includes(han("这一篇讲进阶的用法，只有一章。")), "the part's file is set on its page");
    const chapterOne = pageOf(pages, "起步一章的正文");
    assert.equal(chapterOne, partOne + 2, "the chapter opens on the recto after its part's page");
    assert.equal(pageOf(pages, "进阶一章的正文"), partTwo + 2);
    // Each section starts where the text before it ends, on the same page or the next, never after a blank page.
    const runsOn = [
      ["要点只有一条", "安装 安装一节的正文"],
      ["看到版本号就对了", "配置文件 配置一节的正文"],
      ["每个字段一行", "环境变量 环境变量可以盖过配置文件里的值"],
    ];
    for (const [end, start] of runsOn) {
      const [endPage, startPage] = [pageOf(pages, end!), pageOf(pages, start!)];
      assert.ok(endPage > 0 && (startPage === endPage || startPage === endPage + 1), `“${start}” on page ${startPage} after “${end}” on page ${endPage}`);
    }
    // Chapter 1 with its three section files takes two pages: opening a recto each, they would take seven.
    assert.ok(pageOf(pages, "环境变量可以盖过配置文件里的值") <= chapterOne + 1);
    assert.ok(han(pages[1]!).includes(han("前言 第一篇 基础 第一章 起步 安装 配置文件 环境变量 第二篇 进阶 第二章 进阶")), `contents: ${pages[1]}`);
  });

  test(`${layout}: the PDF's bookmarks nest as the book does`, async () => {
    const document = await PDFDocument.load(await readFile(path.join(out, `book-${layout}-screen.pdf`)));
    type Tree = Array<[string, Tree]>;
    const read = (item: PDFDict | undefined): Tree => {
      const entries: Tree = [];
      for (let current = item; current; current = current.lookupMaybe(PDFName.of("Next"), PDFDict)) {
        const title = current.lookup(PDFName.of("Title"));
        const text = title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : "";
        entries.push([text, read(current.lookupMaybe(PDFName.of("First"), PDFDict))]);
      }
      return entries;
    };
    const outlines = document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
    assert.deepEqual(read(outlines?.lookupMaybe(PDFName.of("First"), PDFDict)), [
      ["嵌套之书", []],
      ["前言", []],
      ["第一篇 基础", [["第一章 起步", [["安装", []], ["配置文件", [["环境变量", []]]]]]]],
      ["第二篇 进阶", [["第二章 进阶", []]]],
    ]);
  });

  test(`${layout}: the EPUB's contents nest as the book does`, async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-${layout}.epub`)));
    const navName = Object.keys(zip.files).find((name) => name.endsWith("toc.xhtml"))!;
    const nav = await zip.file(navName)!.async("string");
    const toc = nav.slice(nav.indexOf("<nav epub:type=\"toc\""), nav.indexOf("</nav>"));
    // The list as an outline: each title with the depth of <ol> it stands in.
    const outline: string[] = [];
    let depth = 0;
    for (const [, tag, title] of Array.from(toc.matchAll(/<(\/?ol)>|<a [^>]*>([^<]*)<\/a>/g))) {
      if (tag === "ol") depth++;
      else if (tag === "/ol") depth--;
      else outline.push(`${depth}:${title}`);
    }
    assert.deepEqual(outline, ["1:前言", "1:第一篇 基础", "2:第一章 起步", "3:安装", "3:配置文件", "4:环境变量", "1:第二篇 进阶", "2:第二章 进阶", "1:版权页"]);
  });
}
