import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { VFile } from "vfile";
import { loadBibliography, type Bibliography } from "../../scripts/book/bibliography.ts";
import { numberRuns, pageOf } from "../../scripts/markdown/citations.ts";
import { formatReferences } from "../../scripts/markdown/csl.ts";
import { parseChapters, type CitationSettings } from "../../scripts/markdown/parse.ts";
import { findCitations } from "../../scripts/markdown/rehype-citations.ts";
import { fixture, folderWith } from "../helpers.ts";

const bookYaml = () => new VFile({ path: "book.yaml" });
const apparatus = async () => (await loadBibliography(bookYaml(), ["refs.bib"], fixture("apparatus"), undefined))!;
const keys = new Set(["smith2014", "zhang2015", "a:b"]);
const isKey = (key: string) => keys.has(key);
const written = (text: string) => findCitations(text, isKey).map(({ start, end, cites, narrative }) => ({ text: text.slice(start, end), cites, narrative }));

test("citation syntax: bracketed with locators and several works, and @key in the sentence", () => {
  assert.deepEqual(written("航运[@zhang2015]。结构[@smith2014, 第12页]，统计[@zhang2015; @smith2014]。"), [
    { text: "[@zhang2015]", cites: [{ key: "zhang2015" }], narrative: false },
    { text: "[@smith2014, 第12页]", cites: [{ key: "smith2014", locator: "第12页" }], narrative: false },
    { text: "[@zhang2015; @smith2014]", cites: [{ key: "zhang2015" }, { key: "smith2014" }], narrative: false },
  ]);
  // In the sentence: a key runs up to Han text or final punctuation; internal punctuation (a:b) is part of it.
  assert.deepEqual(written("@smith2014的研究，见 @a:b。"), [
    { text: "@smith2014", cites: [{ key: "smith2014" }], narrative: true },
    { text: "@a:b", cites: [{ key: "a:b" }], narrative: true },
  ]);
  // Unknown bracketed keys are found (the caller reports them); bare @words that are no key stay text.
  assert.deepEqual(written("[@smith2041]")[0]!.cites, [{ key: "smith2041" }]);
  assert.deepEqual(written("写信给 editor@smith2014.org 或 @someone，见 @fig-basin、[@tbl-cities] 与 [@fig-a; @fig-b]"), []);
});

test("citation syntax: not in code, links or e-mail addresses; a citation in a link's text stays the link's", () => {
  const [chapter] = parseChapters([new VFile({ path: "/b/1.md", value: "# 题\n\n甲[@smith2014]乙 `[@zhang2015]` [文献 @zhang2015](https://example.com) 丙 a@zhang2015 丁\n\n```\n[@smith2014]\n```\n" })], "/b", "/b", undefined, withCitations({ entries: [entry("smith2014"), entry("zhang2015")] }));
  const html = toHtml(chapter!.tree);
  assert.equal(html.match(/class="citation"/g)?.length, 1, html);
  assert.match(html, /<code>\[@zhang2015\]<\/code>/);
  assert.match(html, /<pre><code>[^]*\[@smith2014\]/);
  assert.match(html, /丙 a@zhang2015 丁/);
});

test("numbers: sorted, repeats dropped, consecutive runs merged (GB/T 7714-2015 10.1.2: [1-3], [255-256], [1,3])", () => {
  assert.deepEqual(numberRuns([3, 1, 2]), [[1, 3]]);
  assert.deepEqual(numberRuns([255, 256]), [[255, 256]]);
  assert.deepEqual(numberRuns([3, 1, 1]), [[1, 1], [3, 3]]);
  assert.deepEqual(numberRuns([5, 1, 2, 3, 8]), [[1, 3], [5, 5], [8, 8]]);
  assert.equal(pageOf("第12页"), "12");
  assert.equal(pageOf("pp. 32-36"), "32-36");
  assert.equal(pageOf("第3章"), "第3章");
});

const entry = (id: string, title = `Title of ${id}`) => ({ id, type: "book", title, language: "en-US" });
const refsBib = () => {
  const file = new VFile({ path: "/b/refs.bib", value: "" });
  return { file, files: [file] };
};
const withCitations = (...args: Parameters<typeof settings>) => ({ citations: settings(...args) });
const settings = (bibliography: Partial<Bibliography>, more: Partial<CitationSettings> = {}): CitationSettings => ({
  bibliography: { ...refsBib(), entries: [], places: new Map(), ...bibliography },
  style: "numeric",
  references: "book",
  ...more,
});

test("numeric citations: numbered by first citation across the book, superscript, merged, page after the bracket, linked; the list is a chapter after the last", () => {
  const citations = settings({ entries: ["a", "b", "c", "d"].map((id) => entry(id)) });
  const chapters = parseChapters(
    [new VFile({ path: "/b/1.md", value: "# 一\n\n甲[@c]乙[@a; @b; @c]丙[@b, 第12页]。\n" }), new VFile({ path: "/b/2.md", value: "# 二\n\n丁[@a; @c]，如 @d 所述。\n" })],
    "/b",
    "/b",
    undefined,
    { citations },
  );
  assert.equal(chapters.length, 3);
  const [one, two, list] = chapters.map((chapter) => toHtml(chapter.tree));
  assert.match(one!, /甲<sup class="citation">\[<a href="#c3-ref-c" role="doc-biblioref"><span class="tcy">1<\/span><\/a>\]<\/sup>乙<sup class="citation">\[<a href="#c3-ref-c"[^>]*><span class="tcy">1<\/span><\/a>-<a href="#c3-ref-b"[^>]*><span class="tcy">3<\/span><\/a>\]<\/sup>/);
  assert.match(one!, /丙<sup class="citation">\[<a href="#c3-ref-b"[^>]*><span class="tcy">3<\/span><\/a>\]<span class="tcy">12<\/span><\/sup>/);
  assert.equal(toText(chapters[1]!.tree).replace(/\s+/g, ""), "丁[1-2]，如[4]所述。");
  assert.match(two!, /如 <span class="citation">\[<a/);
  assert.equal(chapters[2]!.title, "参考文献");
  assert.equal(chapters[2]!.file, citations.bibliography.file);
  assert.deepEqual([...list!.matchAll(/<li class="reference" id="([^"]+)"/g)].map((match) => match[1]), ["c3-ref-c", "c3-ref-a", "c3-ref-b", "c3-ref-d"]);
  assert.match(list!, /<span class="reference-label">\[<span class="tcy">1<\/span>\]<\/span> Title of c\[M\]\./);
});

test("references: chapter ends each chapter with the works it cites, numbered afresh, before its notes", () => {
  const chapters = parseChapters(
    [new VFile({ path: "/b/1.md", value: "# 一\n\n甲[@b]乙[@a]。[^n]\n\n[^n]: 注。\n" }), new VFile({ path: "/b/2.md", value: "# 二\n\n丙[@a]。\n" })],
    "/b",
    "/b",
    undefined,
    withCitations({ entries: [entry("a"), entry("b")] }, { references: "chapter" }),
  );
  assert.equal(chapters.length, 2);
  const [one, two] = chapters.map((chapter) => toHtml(chapter.tree));
  assert.match(one!, /甲<sup class="citation">\[<a href="#c1-ref-b"[^]*<h2 class="references-title">参考文献<\/h2>[^]*id="c1-ref-b"[^]*id="c1-ref-a"[^]*data-footnotes/);
  assert.match(two!, /丙<sup class="citation">\[<a href="#c2-ref-a" role="doc-biblioref"><span class="tcy">1<\/span>/);
});

test("author-date citations: (author, year) linked to each work, the page after the parentheses, the list sorted by author", async () => {
  const bibliography = await apparatus();
  const [chapter, list] = parseChapters([new VFile({ path: "/b/1.md", value: "# 一\n\n甲[@zhang2015; @smith2014]乙[@chen2000, 第29页]，@wu2003 认为。\n" })], "/b", "/b", undefined, withCitations(bibliography, { style: "author-date" }));
  assert.equal(toText(chapter!.tree).replace(/\n/g, ""), "甲(袁训来等, 2012; Des Marais et al., 1992)乙(陈登原, 2000)29，吴云芳(2003) 认为。");
  assert.match(toHtml(chapter!.tree), /\(<a href="#c2-ref-zhang2015" role="doc-biblioref">袁训来等, 2012<\/a>; <a href="#c2-ref-smith2014"/);
  assert.deepEqual([...toHtml(list!.tree).matchAll(/id="c2-ref-([^"]+)"/g)].map((match) => match[1]), ["chen2000", "wu2003", "zhang2015", "smith2014"]);
});

/** GB/T 7714-2015's own examples, one per type (8.1–8.8 and appendix A), as the style formats them from refs.bib. */
const standardExamples = {
  zhang2015: "袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报, 2012, 55(34): 3219.",
  smith2014: "DES MARAIS D J, STRAUSS H, SUMMONS R E, et al. Carbon isotope evidence for the stepwise oxidation of the Proterozoic environment[J]. Nature, 1992, 359: 605-609.",
  chen2000: "陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.",
  knuth1997: "CRAWFORD W, GORMAN M. Future libraries: dreams, madness, & reality[M]. Chicago: American Library Association, 1995.",
  cheng1999: "程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. 北京: 科学出版社, 1999: 32-36.",
  lee2018: "BABU B V, NAGAR A K, DEEP K, et al. Proceedings of the Second International Conference on Soft Computing for Problem Solving, Jaipur, December 28-30, 2012[C]. New Delhi: Springer, 2014.",
  wu2003: "吴云芳. 面向中文信息处理的现代汉语并列结构研究[D]. 北京: 北京大学, 2003.",
  brown2019: "CALMS R B. Infrared spectroscopic studies on solid oxygen[D]. Berkeley: University of California, 1965.",
  xiao2001: "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.",
  w3c2023: "HOPKINSON A. UNIMARC and metadata: Dublin Core[EB/OL]. (2009-04-22)[2013-03-27]. http://archive.ifla.org/IV/ifla64/138-161e.htm.",
};

test("the list after GB/T 7714-2015: journal [J], book [M], chapter [M]//, conference [C], thesis [D], web page [EB/OL], each as the standard's example; et al. for English entries, 等 for Chinese", async () => {
  const bibliography = await apparatus();
  assert.deepEqual(bibliography.file.messages, []);
  const formatted = formatReferences(bibliography.entries, "numeric");
  assert.deepEqual(
    formatted.map(({ label }) => label),
    formatted.map((_, index) => `[${index + 1}]`),
  );
  assert.deepEqual(Object.fromEntries(formatted.map(({ id, text }) => [id, text])), standardExamples);
});

test("bibliography problems: unknown key with the nearest, uncited entries, broken BibTeX, CSL-JSON and CSL-YAML files", async () => {
  const bibliography = await apparatus();
  const chapter = new VFile({ path: "/b/1.md", value: "# 一\n\n甲[@zhang2051]乙[@smith2014]。\n" });
  parseChapters([chapter], "/b", "/b", undefined, withCitations(bibliography));
  assert.deepEqual(
    chapter.messages.filter((message) => message.fatal).map((message) => [message.reason, message.line, message.column]),
    [["Unexpected citation key `zhang2051`, expected a key of the bibliography: did you mean `zhang2015`?", 3, 2]],
  );
  const uncited = bibliography.file.messages.filter((message) => message.ruleId === "uncited-entry");
  assert.equal(uncited.length, 9);
  assert.deepEqual([uncited[0]!.reason.split(",")[0], uncited[0]!.line], ["Unexpected entry `zhang2015` that no chapter cites", 4]);

  const folder = await folderWith({
    "broken.bib": "@article{a,\n  title = {X},\n  author = {Y\n}\n\n@book{b, title = {Z}}\n",
    "twice.bib": "@book{a, title = {X}}\n@book{a, title = {Y}}\n",
    "broken.json": '[{"id": "a", "type": "book", "title": "X"},\n {"id": "b" "type": "book"}]',
    "refs.yaml": "references:\n  - id: a\n    type: book\n  - id: b\n    type: book\n    title: Y\n",
  });
  const problems = async (name: string) => {
    const loaded = await loadBibliography(bookYaml(), [name], folder, undefined);
    return loaded!.file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);
  };
  assert.match((await problems("broken.bib"))[0]!, /^6:1 Unexpected BibTeX syntax \(invalid syntax\), expected entries written/);
  assert.match((await problems("twice.bib"))[0]!, /^2:7 Unexpected second entry `a`, expected each key once/);
  assert.match((await problems("broken.json"))[0]!, /^2:13 Unexpected JSON syntax/);
  assert.deepEqual(await problems("refs.yaml"), ["2:9 Unexpected entry `a` without a title, expected every entry to have a key, a type and a title"]);
  await writeFile(path.join(folder, "packages.bib"), "@manual{pkg, title = {R 包}}\n@book{b, title = {又一个 b}}\n");
  const two = (await loadBibliography(bookYaml(), ["refs.yaml", "packages.bib"], folder, undefined))!;
  assert.deepEqual(two.entries.map((entry) => entry.id), ["b", "pkg"]);
  assert.deepEqual(two.files.map((file) => file.basename), ["refs.yaml", "packages.bib"]);
  assert.deepEqual(two.files[1]!.messages.map((message) => `${message.line}:${message.column} ${message.reason.split(",")[0]}`), ["2:7 Unexpected entry `b` that `refs.yaml` has too"]);
  assert.equal(two.places.get("pkg")?.file, two.files[1]);
  const source = bookYaml();
  await writeFile(path.join(folder, "refs.txt"), "");
  assert.equal(await loadBibliography(source, ["refs.txt"], folder, undefined), undefined);
  assert.equal(await loadBibliography(source, ["missing.bib"], folder, undefined), undefined);
  assert.match(source.messages.map(String).join("\n"), /expected a BibTeX \(\.bib\), CSL-JSON[^]*not a file in the manuscript folder/);
});

test("without a bibliography, a citation is printed as written, with a warning", () => {
  const chapter = new VFile({ path: "/b/1.md", value: "# 一\n\n甲[@smith2014]乙，@someone。\n" });
  const [parsed] = parseChapters([chapter], "/b");
  assert.match(toText(parsed!.tree), /甲\[@smith2014\]乙，@someone。/);
  assert.deepEqual(chapter.messages.map((message) => [message.ruleId, message.line, message.column]), [["citation-without-bibliography", 3, 2]]);
});

test("a Traditional edition's bibliography: Chinese entries in its characters without Taiwan's vocabulary, English ones and keys as written", async () => {
  const { convertBibliography } = await import("../../scripts/convert/book-texts.ts");
  const { converterFor } = await import("../../scripts/convert/opencc.ts");
  const bibliography = await apparatus();
  const converted = convertBibliography(bibliography, converterFor("zh-TW", { keepMainlandVocabulary: true }));
  const text = Object.fromEntries(formatReferences(converted.entries, "numeric").map(({ id, text }) => [id, text]));
  assert.equal(text.zhang2015, "袁訓來, 陳哲, 肖書海, 等. 藍田生物群: 一個認識多細胞生物起源和早期演化的新窗口[J]. 科學通報, 2012, 55(34): 3219.");
  assert.equal(text.smith2014, standardExamples.smith2014);
  assert.equal(text.xiao2001, "蕭鈺. 出版業信息化邁入快車道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.");
});
