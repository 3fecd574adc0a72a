import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { inA5TextArea, readPages, squeezed, textOf, wordsOf, type Layout, type Page, type Word } from "../pdf-reader.ts";

// The apparatus book cites the ten works of its refs.bib (GB/T 7714-2015's own examples) in Pandoc's
// syntax; citationStyle and references are left at their defaults: numeric, one list for the book.
let out: string;
const pagesOf: Partial<Record<Layout, Page[]>> = {};

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", fixture("apparatus"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  for (const layout of ["horizontal", "vertical"] as const) pagesOf[layout] = await readPages(path.join(out, `book-${layout}-screen.pdf`), layout);
});

/** The list of references as GB/T 7714-2015 prints it, in order of first citation (squeezed: without spaces, as the PDF's words come). */
const expectedList = [
  "[1] 袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报, 2012, 55(34): 3219.",
  "[2] DES MARAIS D J, STRAUSS H, SUMMONS R E, et al. Carbon isotope evidence for the stepwise oxidation of the Proterozoic environment[J]. Nature, 1992, 359: 605-609.",
  "[3] 陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.",
  "[4] 程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. 北京: 科学出版社, 1999: 32-36.",
  "[5] CRAWFORD W, GORMAN M. Future libraries: dreams, madness, & reality[M]. Chicago: American Library Association, 1995.",
  "[6] BABU B V, NAGAR A K, DEEP K, et al. Proceedings of the Second International Conference on Soft Computing for Problem Solving, Jaipur, December 28-30, 2012[C]. New Delhi: Springer, 2014.",
  "[7] 吴云芳. 面向中文信息处理的现代汉语并列结构研究[D]. 北京: 北京大学, 2003.",
  "[8] CALMS R B. Infrared spectroscopic studies on solid oxygen[D]. Berkeley: University of California, 1965.",
  "[9] 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.",
  "[10] HOPKINSON A. UNIMARC and metadata: Dublin Core[EB/OL]. (2009-04-22)[2013-03-27]. http://archive.ifla.org/IV/ifla64/138-161e.htm.",
];

/** Each citation of the chapters with the text before it: numbers in order of first citation, consecutive ones merged, a page after the bracket. */
const expectedCitations = ["连成一线[1]", "空间结构[2]12", "统计公报[3-4]", "兴衰[5]", "互相支撑[6]", "更加周密[7]", "沿轴成群[1,8]", "边境的安宁[9]", "以战争为主[10]", "多有吟咏[4]"];

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: the 参考文献 list after the last chapter holds the ten entries in order, listed in the contents`, () => {
    const pages = pagesOf[layout]!;
    const start = pages.findIndex((page) => squeezed(textOf(page)).startsWith("参考文献[1]"));
    assert.ok(start > 0, "a page opening with 参考文献 and [1]");
    // Running heads and folios are left out: an entry may run on to the next page.
    const list = pages.slice(start).map((page) => squeezed(textOf(page, inA5TextArea))).join("");
    let from = 0;
    for (const entry of expectedList) {
      const at = list.indexOf(squeezed(entry), from);
      assert.ok(at >= from, `${entry} after position ${from} in\n${list}`);
      from = at + squeezed(entry).length;
    }
    assert.ok(!list.includes("[11]"));
    const contents = squeezed(textOf(pages[1]!));
    assert.match(contents, new RegExp(`参考文献${start + 1}`), contents);
  });

  test(`${layout}: each citation prints its number where it stands`, () => {
    const text = pagesOf[layout]!.map((page) => squeezed(textOf(page))).join("");
    for (const citation of expectedCitations) assert.ok(text.includes(citation), citation);
  });
}

/** The word printed just before the citation that follows `before`, and the citation's words (a vertical page has a word per character). */
function citationWords(layout: Layout, before: string, citation: string): { han: Word; cited: Word[] } {
  for (const page of pagesOf[layout]!) {
    const words = wordsOf(page);
    const starts: number[] = [];
    const text = words.map((word) => (starts.push(starts.length === 0 ? 0 : starts.at(-1)! + words[starts.length - 1]!.text.length), word.text)).join("");
    const at = text.indexOf(before + citation);
    if (at === -1) continue;
    const wordAt = (offset: number) => starts.findLastIndex((start) => start <= offset);
    const from = wordAt(at + before.length);
    return { han: words[wordAt(at + before.length - 1)]!, cited: words.slice(from, wordAt(at + before.length + citation.length - 1) + 1) };
  }
  assert.fail(`${before}${citation} in the ${layout} PDF`);
}

test("horizontal: a citation is a superscript, raised and smaller than the text", () => {
  const { han, cited } = citationWords("horizontal", "一线", "[1]");
  const bracket = cited[0]!;
  assert.ok(bracket.yMax < han.yMax - 1, `raised: ${JSON.stringify({ han, bracket })}`);
  assert.ok(bracket.yMax - bracket.yMin < (han.yMax - han.yMin) * 0.9, "smaller");
});

test("vertical: a citation stands in its column, not raised to its side, the number upright across it", () => {
  const { han, cited } = citationWords("vertical", "一线", "[1]");
  for (const word of cited) {
    const middle = (word.xMin + word.xMax) / 2;
    assert.ok(middle > han.xMin && middle < han.xMax, `in the column: ${JSON.stringify({ han, word })}`);
  }
  const digit = cited.find((word) => /1/.test(word.text))!;
  // Upright (纵中横): the digit's box is taller than wide down the column; lying sideways like Latin text it would be wider.
  assert.ok(digit.yMax - digit.yMin > digit.xMax - digit.xMin, JSON.stringify(digit));
});

/** The named destination each internal link of a PDF leads to. */
async function linkDestinations(pdf: string): Promise<{ links: string[]; destinations: Set<string> }> {
  const document = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const names = document.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value instanceof PDFName ? value.decodeText() : undefined);
  const links = document.getPages().flatMap((page) => {
    const annotations = page.node.Annots();
    return Array.from({ length: annotations?.size() ?? 0 }, (_, index) => text(annotations!.lookupMaybe(index, PDFDict)?.get(PDFName.of("Dest")))).filter((name): name is string => name !== undefined);
  });
  const destinations = new Set(names ? names.keys().map((key) => key.decodeText()).filter((key) => names.lookupMaybe(PDFName.of(key), PDFArray)) : []);
  return { links, destinations };
}

test("citations link to their entries in both PDFs and both EPUBs; EPUBCheck passes", async () => {
  for (const layout of ["horizontal", "vertical"]) {
    const { links, destinations } = await linkDestinations(path.join(out, `book-${layout}-screen.pdf`));
    const toEntries = links.filter((name) => name.includes("ref-"));
    // Ten citations with twelve numbers ([3-4] and [1,8] link each of theirs); Chromium may annotate one link in several boxes.
    assert.ok(toEntries.length >= 12, `${layout}: ${links.join(" ")}`);
    assert.equal(new Set(toEntries).size, 10, layout);
    for (const name of toEntries) assert.ok(destinations.has(name), `${layout}: ${name} is a destination`);
  }
  for (const layout of ["horizontal", "vertical"]) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-${layout}.epub`)));
    const files = Object.fromEntries(await Promise.all(Object.keys(zip.files).filter((name) => name.endsWith(".xhtml")).map(async (name) => [path.basename(name), await zip.file(name)!.async("string")] as const)));
    const hrefs = Object.values(files).flatMap((xhtml) => [...xhtml.matchAll(/<a href="([^"#]+)#([^"]+)" role="doc-biblioref"/g)].map((match) => [match[1]!, match[2]!] as const));
    assert.equal(hrefs.length, 12, layout);
    for (const [file, id] of hrefs) assert.match(files[file] ?? "", new RegExp(`<li class="reference" id="${id}"`), `${layout}: ${file}#${id}`);
    assert.match(files["toc.xhtml"]!, /<a href="[^"]+">参考文献<\/a>/);
  }
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ format: string; epubcheck?: { fatals: number; errors: number; warnings: number } }> };
  for (const epub of report.outputs.filter((output) => output.format === "epub")) assert.deepEqual(epub.epubcheck && { ...epub.epubcheck, version: undefined }, { version: undefined, fatals: 0, errors: 0, warnings: 0 });
});
