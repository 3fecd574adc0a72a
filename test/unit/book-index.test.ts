import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { VFile } from "vfile";
import { parseIndexTerms, type IndexTerm } from "../../scripts/book/index-terms.ts";
import { loadBook } from "../../scripts/book/load.ts";
import { termFinder, termSurfaces } from "../../scripts/markdown/index-marks.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { proseRanges } from "../../scripts/markdown/prose.ts";
import { convertMarkdown } from "../../scripts/convert/markdown-ranges.ts";
import { converterFor } from "../../scripts/convert/opencc.ts";
import { indexEntries, indexSection, pageLocators, printedLocators } from "../../scripts/render/book-index.ts";
import { indexOrder } from "../../scripts/render/index-order.ts";
import { pageRuns } from "../../scripts/render/page-runs.js";
import { bookWording } from "../../scripts/render/wording.ts";
import { folderWith } from "../helpers.ts";

// The index (issue 29): order, page runs, where terms are found, the terms file and the :index marks.

const term = (value: string, extra: Partial<IndexTerm> = {}): IndexTerm => ({ term: value, aliases: [], sub: [], seealso: [], ...extra });
const chapter = (value: string, terms: IndexTerm[] = []) => parseChapters([new VFile({ path: "/book/chapters/one.md", value })], "/book", "/book", undefined, { indexTerms: terms })[0]!;
const marks = (value: string, terms: IndexTerm[] = []) =>
  [...toHtml(chapter(value, terms).tree).matchAll(/<span ([^>]*class="index-mark"[^>]*)>([^<]*)<\/span>/g)].map((match) => `${/id="([^"]+)"/.exec(match[1]!)![1]}:${match[2]}`);

/** The terms in the order of the book's index, each under its heading: `C 长江`. */
function filed(language: string, terms: Array<string | { term: string; sort: string }>): string[] {
  const order = indexOrder(language, bookWording(language));
  return terms
    .map((item) => (typeof item === "string" ? { term: item } : item))
    .sort(order.compare)
    .map((item) => `${order.heading(item)} ${item.term}`);
}

test("pinyin order: polyphones read in context (长江 cháng, 单于 chán, 重庆 chóng under C; 银行 háng under Y), Latin terms under their letter, tones after letters", () => {
  assert.deepEqual(filed("zh-CN", ["银行", "重庆", "GDP", "单于", "长江", "长城", "安全", "流域", "吕梁", "路口"]), [
    "A 安全",
    "C 长城",
    "C 长江",
    "C 单于",
    "C 重庆",
    "G GDP",
    "L 流域",
    "L 路口",
    "L 吕梁",
    "Y 银行",
  ]);
  // lù before lǚ (ü after u), whatever the tones; changcheng before changjiang letter by letter.
});

test("the reading given with sort= wins over pinyin-pro's", () => {
  // pinyin-pro reads 冒顿 màodùn (before 贸易 màoyì); the given mòdú files it after.
  assert.deepEqual(filed("zh-CN", ["马车", "冒顿单于", "贸易"]), ["M 马车", "M 冒顿单于", "M 贸易"]);
  assert.deepEqual(filed("zh-CN", ["马车", { term: "冒顿单于", sort: "mo4du2chan2yu2" }, "贸易"]), ["M 马车", "M 贸易", "M 冒顿单于"]);
  assert.deepEqual(filed("zh-CN", ["扇子", { term: "单于", sort: "shanyu" }, "长江"]), ["C 长江", "S 单于", "S 扇子"]);
});

test("Traditional order: stroke count, then the strokes in writing order (横竖撇点折), under 一畫, 二畫 …; Latin terms after", () => {
  assert.deepEqual(filed("zh-TW", ["GDP", "長江", "和親", "宜昌", "武漢", "呼韓邪單于", "一", "九省通衢", "銀行"]), [
    "一畫 一",
    "二畫 九省通衢",
    // 8 strokes each: 武 一一丨, 長 一丨, 呼 丨, 和 丿, 宜 丶.
    "八畫 武漢",
    "八畫 長江",
    "八畫 呼韓邪單于",
    "八畫 和親",
    "八畫 宜昌",
    "十四畫 銀行",
    "G GDP",
  ]);
});

test("page runs: the same or the next page joins a run, which prints its first and last occurrence's pages; one number per page", () => {
  assert.deepEqual(pageRuns([12, 15, 16, 16, 17, 20]), [{ first: 0 }, { first: 1, last: 4 }, { first: 5 }]);
  assert.deepEqual(pageRuns([7, 7, 7]), [{ first: 0 }]);
  assert.deepEqual(pageRuns([9, 3, 4]), [{ first: 1, last: 2 }, { first: 0 }]);
  assert.deepEqual(pageRuns([]), []);
  const locators = h("span", pageLocators({ term: "长江", occurrences: ["a", "b", "c", "d"].map((id, index) => ({ id, chapter: 0, numberInChapter: index + 1 })), seealso: [], subs: [] })) as Element;
  assert.deepEqual(printedLocators(locators, { a: 12, b: 15, c: 16, d: 17 }, "arabic"), ["12", "15", "17"]);
  assert.deepEqual(printedLocators(locators, { a: 12, b: 15, c: 16, d: 17 }, "chinese"), ["十二", "十五", "十七"]);
});

test("finding terms: the longest at each place (长江经济带, not 长江 in it), aliases, Latin terms not inside longer words", () => {
  const surfaces = termSurfaces([term("长江"), term("长江经济带"), term("GDP"), term("银行", { aliases: ["银行业"] })]);
  assert.deepEqual(termFinder(surfaces.keys())("长江经济带与长江，GDP 与 GDPR，银行业").map(({ surface }) => surface), ["长江经济带", "长江", "GDP", "银行业"]);
  assert.equal(termSurfaces([term("银行", { aliases: ["银行业"] })]).get("银行业")?.dataIndexEntry, "银行");
});

test("terms are marked in body text, tables and lists, not in headings, code, links, math or footnotes", () => {
  const markdown = "# 长江\n\n## 长江的城市\n\n长江流经`长江`与[长江](https://example.com)，$长江$ 也不算。[^1]\n\n| 长江 |\n| --- |\n| 长江 |\n\n- 长江\n\n[^1]: 长江的注。\n";
  assert.deepEqual(marks(markdown, [term("长江")]), ["c1-index-1:长江", "c1-index-2:长江", "c1-index-3:长江", "c1-index-4:长江"]);
  assert.deepEqual(marks("# 题\n\n## 长江:index[]{term=\"长江\"}的城市\n\n长江\n", [term("长江")]), ["c1-index-1:", "c1-index-2:长江"], "an author's mark counts in a heading too");
  const html = toHtml(chapter(markdown, [term("长江")]).tree);
  assert.match(html, /<h2[^>]*>长江的城市<\/h2>/);
  assert.match(html, /<code>长江<\/code>/);
});

test(":index marks: printed text, a reading, a sub-entry without text, see and seealso; one with neither text nor term is an error at its place", () => {
  const parsed = chapter(':index[分区]{sort="fenqu"}与:index[]{term="分区!范围分区"}，:index[]{term="分片" see="分区"}，:index[关市]{seealso="贸易|互市"}。\n');
  assert.equal(toHtml(parsed.tree).replace(/<[^>]+>/g, ""), "分区与，，关市。");
  const entries = indexEntries([parsed]);
  assert.deepEqual(
    entries.map(({ term: name, sort, see, seealso, subs, occurrences }) => ({ name, sort, see, seealso, subs: subs.map((sub) => sub.term), ids: occurrences.map(({ id }) => id) })),
    [
      { name: "分区", sort: "fenqu", see: undefined, seealso: [], subs: ["范围分区"], ids: ["c1-index-1"] },
      { name: "分片", sort: undefined, see: "分区", seealso: [], subs: [], ids: ["c1-index-3"] },
      { name: "关市", sort: undefined, see: undefined, seealso: ["贸易", "互市"], subs: [], ids: ["c1-index-4"] },
    ],
  );
  const index = toHtml(indexSection([parsed], "zh-CN", pageLocators)!);
  assert.match(index, /<span class="index-term" epub:type="index-term">分片<\/span><span class="index-see">见 <span epub:type="index-xref-preferred">分区<\/span><\/span>/);
  assert.match(index, /另见 <span epub:type="index-xref-related">贸易<\/span>、<span epub:type="index-xref-related">互市<\/span>/);
  const wrong = chapter("# 题\n\n正文:index[]{sort=\"x\"}。\n\n:index[]{term=\"a!b!c\"}\n");
  assert.deepEqual(
    wrong.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    ["3:3 index-mark", "5:1 index-mark"],
  );
  assert.match(wrong.file.messages[0]!.reason, /^Unexpected `:index` mark with neither text nor `term`, expected the term in the brackets/);
});

test("a Traditional edition converts a mark's terms with its text; the reading stays", () => {
  const markdown = ':index[]{term="分区!范围分区" sort="fanwei"}长江\n';
  const attributes = proseRanges(markdown).map(({ start, end }) => markdown.slice(start, end));
  assert.ok(attributes.includes('{term="分区!范围分区" sort="fanwei"}'), attributes.join(" | "));
  assert.equal(convertMarkdown(markdown, converterFor("zh-Hant")), ':index[]{term="分區!範圍分區" sort="fanwei"}長江\n');
});

test("the terms file: strings or mappings; a problem is an error at its line and column", () => {
  const file = new VFile({ path: "/book/index.yaml", value: "- 长江\n- term: 分区\n  sort: fenqu\n  sub: [范围分区]\n  aliases: 分区法\n- term: 关市\n  seealso: [贸易, 互市]\n" });
  assert.deepEqual(parseIndexTerms(file), [
    term("长江"),
    { term: "分区", sort: "fenqu", aliases: ["分区法"], sub: [term("范围分区")], seealso: [] },
    term("关市", { seealso: ["贸易", "互市"] }),
  ]);
  assert.deepEqual(file.messages, []);
  const wrong = new VFile({ path: "/book/index.yaml", value: "- 长江\n- term: 分区\n  sorting: fenqu\n- term: 关市\n  sort: 关\n" });
  assert.deepEqual(parseIndexTerms(wrong), []);
  assert.deepEqual(
    wrong.messages.map((message) => `${message.line}:${message.column} ${message.reason}`),
    ["2:3 Unexpected key `sorting` (item 2), expected only term, sort, aliases, sub, see and seealso", "5:9 Unexpected reading, expected pinyin letters (with tone marks or tone digits), such as `changjiang` or `chang2jiang1` (item 3, `sort`)"],
  );
  const notList = new VFile({ path: "/book/index.yaml", value: "长江: 1\n" });
  parseIndexTerms(notList);
  assert.deepEqual(
    notList.messages.map((message) => `${message.line}:${message.column} ${message.reason}`),
    ["1:1 Unexpected value, expected a list of terms, each a term as the text writes it (`- 长江`), or a mapping `{ term, sort?, aliases?, sub?, see?, seealso? }`"],
  );
});

test("the terms file is index.yaml beside book.yaml, or the one book.yaml's `index:` names, which must exist", async () => {
  const book = "title: 书\nauthors: [某]\npublisher: 社\nchapters: [one.md]\n";
  const beside = await loadBook({ manuscriptDir: await folderWith({ "book.yaml": book, "one.md": "# 一\n\n长江\n", "index.yaml": "- 长江\n" }) });
  assert.deepEqual(beside.indexTerms?.terms, [term("长江")]);
  const named = await loadBook({ manuscriptDir: await folderWith({ "book.yaml": `${book}index: apparatus/terms.yaml\n`, "one.md": "# 一\n", "apparatus/terms.yaml": "- 长江\n" }) });
  assert.equal(path.basename(named.indexTerms!.file.path), "terms.yaml");
  const none = await loadBook({ manuscriptDir: await folderWith({ "book.yaml": book, "one.md": "# 一\n" }) });
  assert.equal(none.indexTerms, undefined);
  const missing = await loadBook({ manuscriptDir: await folderWith({ "book.yaml": `${book}index: terms.yaml\n`, "one.md": "# 一\n" }) });
  assert.equal(missing.source.messages[0]!.line, 5);
  assert.match(missing.source.messages[0]!.reason, /^Unexpected missing index terms file `terms.yaml`, expected a YAML list of terms at .*terms\.yaml`: check `index:` in book.yaml$/);
});
