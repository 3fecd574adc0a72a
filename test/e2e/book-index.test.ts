import assert from "node:assert/strict";
import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { parse } from "yaml";
import { converterFor } from "../../scripts/convert/opencc.ts";
import { copyOfFixture, runCli, tempDir } from "../helpers.ts";
import { columns, inA5TextArea, readPages, rows, squeezed, textAreaOf, a5Margins, textOf, type Layout, type Page, type Word } from "../pdf-reader.ts";

// The index (issue 29), read back from the apparatus book's PDFs with the tests' own reader: its
// order and headings, and every page number against the pages where the term is printed.

let out = "";
let manuscript = "";

before(async () => {
  manuscript = await copyOfFixture("apparatus");
  await appendFile(path.join(manuscript, "book.yaml"), "\neditions: [zh-TW]\n");
  out = await tempDir();
  const built = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(built.code, 0, built.stderr);
});

/** One line of the index as printed: a group heading, or an entry with its page numbers as printed (`3–7，11`). */
interface IndexLine {
  heading?: string;
  term?: string;
  locators?: string;
}

/** The words of one index page in reading order, line by line: the two columns (horizontal) or tiers (vertical) one after the other. */
function indexLines(page: Page, layout: Layout, first: boolean): string[] {
  const area = textAreaOf(page, a5Margins);
  let words = page.lines.flat().filter((word) => inA5TextArea(word, page));
  // The title 索引 stands above the columns (horizontal) or right of the tiers (vertical).
  if (first) words = layout === "horizontal" ? words.filter((word) => !rows(words.map((one) => [one]))[0]!.includes(word)) : words.filter((word) => !columns(words)[0]!.includes(word));
  const middle = (word: Word) => (layout === "horizontal" ? (word.xMin + word.xMax) / 2 < (area.left + area.right) / 2 : (word.yMin + word.yMax) / 2 < (area.top + area.bottom) / 2);
  const halves = [words.filter(middle), words.filter((word) => !middle(word))];
  return halves.flatMap((half) => (layout === "horizontal" ? rows(half.map((word) => [word])) : columns(half)).map((line) => line.map((word) => word.text).join("")));
}

function parseIndex(texts: readonly string[]): IndexLine[] {
  return texts.flatMap((text): IndexLine[] => {
    if (/^([A-Z]|[一二三四五六七八九十]+[画畫])$/.test(text)) return [{ heading: text }];
    const entry = /^(\D+?)([\d，–]+)$/.exec(text);
    return entry ? [{ term: entry[1]!, locators: entry[2]! }] : [];
  });
}

interface ReadBook {
  pages: Page[];
  /** The pages of the chapters (after the contents, before the index), each page's text area squeezed; the pages before them empty. */
  body: string[];
  lines: IndexLine[];
}

async function readBook(pdf: string, layout: Layout): Promise<ReadBook> {
  const pages = await readPages(pdf, layout);
  const texts = pages.map((page) => squeezed(textOf(page, inA5TextArea)));
  const start = texts.findIndex((text) => text.startsWith("索引"));
  assert.ok(start > 0, "the book has an index");
  const end = texts.findIndex((text, index) => index > start && /^書名|^书名/.test(text));
  const lines = parseIndex(pages.slice(start, end).flatMap((page, index) => indexLines(page, layout, index === 0)));
  // The title page (长江与草原), the contents and lists (长江沿岸的城市, 长江流域的范围…) and the list of
  // references (1998年长江洪水…) name terms, but are not the text the index covers.
  const lists = texts.flatMap((text, index) => (/^(目[录錄]|插[图圖]目[录錄]|表格目[录錄])/.test(text) ? [index] : []));
  const references = texts.findIndex((text) => /^[参參]考文[献獻]/.test(text));
  const bodyEnd = references > 0 && references < start ? references : start;
  return { pages, body: texts.slice(0, start).map((text, index) => (index <= Math.max(...lists) || index >= bodyEnd ? "" : text)), lines };
}

/** The `:index` marks' printed terms: indexed where they are marked, not wherever the text has the word. */
const markedTerms = ["流域", "和亲", "分区", "关市"];

/** The index.yaml's terms and aliases, each term with the ways the text writes it; the `:index` marks' printed terms besides. */
async function termSurfaces(convert: (text: string) => string = (text) => text): Promise<Map<string, string[]>> {
  type Item = string | { term: string; aliases?: string[]; sub?: Item[] };
  const items = parse(await readFile(path.join(manuscript, "index.yaml"), "utf8")) as Item[];
  const surfaces = new Map<string, string[]>();
  const add = (item: Item) => {
    const { term, aliases = [], sub = [] } = typeof item === "string" ? { term: item } : item;
    surfaces.set(convert(term), [term, ...aliases].map(convert));
    sub.forEach(add);
  };
  items.forEach(add);
  for (const marked of markedTerms) surfaces.set(convert(marked), [convert(marked)]);
  return surfaces;
}

/** The pages (1-based) where a term is printed, longer terms first: 长江 inside 长江经济带 is not 长江. */
function pagesOf(term: string, surfaces: ReadonlyMap<string, string[]>, body: readonly string[]): number[] {
  const longer = [...surfaces.values()].flat().filter((other) => other.length > 0).sort((a, b) => b.length - a.length);
  return body.flatMap((text, index) => {
    let rest = text;
    for (const other of longer) {
      if (surfaces.get(term)!.includes(other)) {
        if (rest.includes(other)) return [index + 1];
      } else rest = rest.replaceAll(other, "□".repeat(other.length));
    }
    return [];
  });
}

/** Pages merged as the index prints them: the same or the next page continues a run (3–7，11). */
const runs = (pages: readonly number[]) =>
  pages
    .reduce<number[][]>((all, page) => (all.length > 0 && page === all.at(-1)!.at(-1)! + 1 ? [...all.slice(0, -1), [...all.at(-1)!, page]] : [...all, [page]]), [])
    .map((run) => (run.length > 1 ? `${run[0]}–${run.at(-1)}` : `${run[0]}`))
    .join("，");

for (const layout of ["horizontal", "vertical"] as const) {
  test(`the ${layout} index is in pinyin order under A–Z: 长江, 重庆 and 单于 under C, 银行 under Y, GDP under G`, async () => {
    const { lines } = await readBook(path.join(out, `book-${layout}-screen.pdf`), layout);
    const headings = lines.flatMap(({ heading }) => heading ?? []);
    assert.deepEqual(headings, [...headings].sort(), "headings in alphabetical order");
    const under = new Map<string, string>();
    let current = "";
    for (const line of lines) line.heading ? (current = line.heading) : under.set(line.term!, current);
    for (const [term, heading] of [["长江", "C"], ["单于", "C"], ["重庆", "C"], ["银行", "Y"], ["GDP", "G"], ["冒顿单于", "M"], ["流域", "L"], ["范围分区", "F"]]) assert.equal(under.get(term!), heading, term);
    const c = lines.flatMap(({ term }) => (term && under.get(term) === "C" ? [term] : []));
    assert.deepEqual(c, ["长江", "长江经济带", "单于", "朝天门", "重庆"], "changjiang, changjiangjingjidai, chanyu, chaotianmen, chongqing");
  });

  test(`every page number of the ${layout} index is a page where its term is printed, runs merged`, async () => {
    const { body, lines } = await readBook(path.join(out, `book-${layout}-screen.pdf`), layout);
    const surfaces = await termSurfaces();
    const checked = lines.filter(({ term }) => term && surfaces.has(term));
    assert.ok(checked.length >= 30, `${checked.length} entries checked: ${lines.map(({ term }) => term).join(" ")}`);
    for (const { term, locators } of checked) {
      const pages = pagesOf(term!, surfaces, body);
      for (const printed of locators!.split(/[，–]/).map(Number)) assert.ok(pages.includes(printed), `${term}: page ${printed} of ${locators}, printed on ${pages.join(", ")}`);
      if (!markedTerms.includes(term!)) assert.equal(locators, runs(pages), `${term}: the pages it is printed on, merged`);
    }
  });
}

test("the vertical index has its own page numbers", async () => {
  const [horizontal, vertical] = await Promise.all((["horizontal", "vertical"] as const).map((layout) => readBook(path.join(out, `book-${layout}-screen.pdf`), layout)));
  const numbers = (book: ReadBook) => new Map(book.lines.flatMap(({ term, locators }) => (term ? [[term, locators]] : [])));
  const [h, v] = [numbers(horizontal), numbers(vertical)];
  assert.deepEqual([...v.keys()].sort(), [...h.keys()].sort(), "the same entries");
  assert.ok([...h].some(([term, locators]) => v.get(term) !== locators), "another layout, other pages");
});

test("a Traditional edition's index goes by stroke count (一畫 …), Latin terms after, its terms converted", async () => {
  const { body, lines } = await readBook(path.join(out, "book-zh-TW-horizontal-screen.pdf"), "horizontal");
  const headings = lines.flatMap(({ heading }) => heading ?? []);
  const strokes = headings.filter((heading) => /畫$/.test(heading));
  const counts = strokes.map((heading) => "一二三四五六七八九十".indexOf(heading[0]!) + 1 + (heading.length > 2 ? 9 + ("一二三四五六七八九".indexOf(heading[1]!) + 1) : 0));
  assert.deepEqual(counts, [...counts].sort((a, b) => a - b), strokes.join(" "));
  assert.deepEqual(headings.slice(strokes.length), ["G"], "GDP after the stroke groups");
  const eight = lines.slice(lines.findIndex(({ heading }) => heading === "八畫") + 1, lines.findIndex(({ heading }) => heading === "九畫")).map(({ term }) => term);
  // 武 一一丨, 長 一丨, 呼 丨, 和 丿, 宜 丶: the first strokes in the order 横竖撇点折.
  assert.deepEqual(eight, ["武漢", "武漢長江大橋", "長江", "長江經濟帶", "呼韓邪單于", "和親", "宜昌"]);
  const surfaces = await termSurfaces(converterFor("zh-TW"));
  const marked = markedTerms.map(converterFor("zh-TW"));
  for (const { term, locators } of lines.filter(({ term }) => term && surfaces.has(term) && !marked.includes(term))) assert.equal(locators, runs(pagesOf(term!, surfaces, body)), term);
});

test("the EPUB's index links each entry to its occurrences (EPUB Indexes 1.0)", async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")));
  const index = await zip.file("OEBPS/index.xhtml")!.async("string");
  assert.match(index, /<section class="book-index" id="book-index" role="doc-index" epub:type="index"/);
  assert.match(index, /<li class="index-entry" epub:type="index-entry"><span class="index-term" epub:type="index-term">长江<\/span> <span class="index-locators"><a href="chapter-001.xhtml#c1-index-1" epub:type="index-locator">1.1<\/a>/);
  const chapter = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
  assert.match(chapter, /<span id="c1-index-1" class="index-mark">长江<\/span>/);
  assert.doesNotMatch(chapter, /data-index/);
});
