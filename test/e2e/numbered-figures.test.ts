import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { aceSeriousViolations, fixture, runCli, tempDir } from "../helpers.ts";
import { pageTextsOf, squeezed, type Layout } from "../pdf-reader.ts";

// Issue 29, figures and tables: the apparatus test book (two chapters, six figures, three tables
// with captions and ids) in both PDF layouts. Each caption's number is found on the page where the
// test reads it, each reference in the text carries that number, and 插图目录 and 表格目录 give each
// the page the test found it on; the EPUB's lists link to the figures.
const manuscript = fixture("apparatus");
let out: string;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
});

const figures = [
  ["1-1", "长江流域的范围与主要城市"],
  ["1-2", "重庆港的集装箱码头"],
  ["1-3", "武汉长江大桥"],
  ["1-4", "沿江集市的一角"],
  ["2-1", "草原上的驼队"],
  ["2-2", "漠南与漠北的分区"],
] as const;
const tables = [
  ["1-1", "长江沿岸城市的港口货运量"],
  ["1-2", "长江沿岸的主要港口"],
  ["2-1", "匈奴单于大事年表"],
] as const;

/** The pages (1-based) whose text holds `text`, squeezed. */
const pagesWith = (pages: readonly string[], text: string) => pages.flatMap((page, index) => (page.includes(text) ? [index + 1] : []));

for (const layout of ["horizontal", "vertical"] as Layout[]) {
  test(`${layout}: each figure and table is numbered where it stands, the references carry its number and the lists its page`, async () => {
    const pages = (await pageTextsOf(path.join(out, `book-${layout}-screen.pdf`), layout)).map(squeezed);
    const listOf = (title: string) => pages[pagesWith(pages, title)[0]! - 1]!;
    const figureList = listOf("插图目录");
    const tableList = listOf("表格目录");
    for (const [word, items, list] of [["图", figures, figureList], ["表", tables, tableList]] as const) {
      for (const [number, caption] of items) {
        // The caption and the list's entry both read 图1-1长江流域…; the entry is on the list's page, followed by a page number.
        const captionPages = pagesWith(pages, `${word}${number}${caption}`).filter((page) => pages[page - 1] !== list);
        assert.equal(captionPages.length, 1, `${word} ${number} ${caption}: on pages ${captionPages.join(", ")}, expected one`);
        const listed = new RegExp(`${word}${number}${caption}(\\d+)`).exec(list);
        assert.equal(Number(listed?.[1]), captionPages[0], `${word} ${number} listed on page ${listed?.[1]}, found on ${captionPages[0]}`);
      }
    }
    const text = pages.join("");
    for (const reference of ["图1-1画出了", "图1-2是重庆港", "表1-1列出了", "图1-3是武汉长江大桥的侧影", "表1-2中的港口", "图2-2是这一分区"]) assert.ok(text.includes(reference), `${reference} not in the ${layout} PDF`);
    const portsPage = pagesWith(pages, "表1-2长江沿岸的主要港口").find((page) => pages[page - 1] !== tableList);
    assert.ok(text.includes(`港口的布局见第${portsPage}页`), `港口的布局见第${portsPage}页 not in the ${layout} PDF`);
  });
}

test("the EPUB has 插图目录 and 表格目录 linking to each figure and table in its chapter's file", async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")));
  const files = Object.keys(zip.files);
  const list = await zip.file(files.find((name) => name.endsWith("list-of-figures.xhtml"))!)!.async("string");
  const links = [...list.matchAll(/<a href="([^"]+)"[^>]*>(.*?)<\/a>/g)].map(([, href, inner]) => ({ href: href!, text: inner!.replace(/<[^>]+>/g, "") }));
  assert.deepEqual(links.map(({ text }) => text), figures.map(([number, caption]) => `图 ${number}　${caption}`));
  for (const { href } of links) {
    const [file, id] = href.split("#");
    const chapter = await zip.file(files.find((name) => name.endsWith(`/${file}`))!)!.async("string");
    assert.match(chapter, new RegExp(`<figure[^>]* id="${id}"`), `${href} has no figure`);
  }
  assert.ok(files.some((name) => name.endsWith("list-of-tables.xhtml")));
});

test("the apparatus book's EPUBs (lists, citations, list of references, index) have no serious or critical accessibility violation under Ace", async () => {
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) assert.deepEqual(await aceSeriousViolations(path.join(out, name)), [], name);
});
