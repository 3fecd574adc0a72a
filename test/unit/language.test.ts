import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { editionLanguages, hanScriptOf, languageOf, languages, type LanguageTag } from "../../scripts/book/language.ts";
import { bookSchema } from "../../scripts/book/schema.ts";
import { converterFor } from "../../scripts/convert/opencc.ts";
import { isbnBarcode } from "../../scripts/cover/barcode.ts";
import { coverSpreadHtml } from "../../scripts/cover/design.ts";
import { coverGeometry } from "../../scripts/cover/geometry.ts";
import { coverTexts } from "../../scripts/output/cover.ts";
import { navigationWords } from "../../scripts/epub/package.ts";
import { bookFaces } from "../../scripts/fonts/declared.ts";
import { lintProse } from "../../scripts/lint/rules.ts";
import { projectRoot } from "../../scripts/book/paths.ts";
import { bookWording } from "../../scripts/render/wording.ts";

const tags = Object.keys(languages) as LanguageTag[];
const base = { title: "示例书名", authors: ["甲"], publisher: "某出版社", chapters: ["a.md"] };

test("book.yaml's editions are exactly the table's edition languages, each converted by OpenCC into its own script", () => {
  for (const tag of tags) {
    const parsed = bookSchema.safeParse({ ...base, editions: [tag] });
    assert.equal(parsed.success, "edition" in languages[tag], `editions: [${tag}]`);
  }
  assert.deepEqual(editionLanguages, ["zh-TW", "zh-HK", "zh-Hant"]);
  for (const tag of editionLanguages) {
    assert.equal(languages[tag].script, "Hant", tag);
    assert.equal(converterFor(tag)("软件“发展”"), tag === "zh-TW" ? "軟體「發展」" : "軟件「發展」", tag);
  }
});

test("a tag is looked up by its first two subtags in any case; any other tag is zh-CN's", () => {
  const expected: Array<[string, LanguageTag]> = [
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["en", "zh-CN"],
    ["en-TW", "zh-CN"],
    ["zh-yue-HK", "zh-CN"],
    ["zh-Hans-TW", "zh-Hans"],
    ["zh-SG", "zh-SG"],
    ["zh-tw", "zh-TW"],
    ["zh-TW-x-private", "zh-TW"],
    ["zh-HK", "zh-HK"],
    ["zh-MO", "zh-MO"],
    ["zh-Hant-TW", "zh-Hant"],
    ["zh-hant", "zh-Hant"],
  ];
  for (const [tag, entry] of expected) assert.equal(languageOf(tag), languages[entry], tag);
  assert.deepEqual(["zh-CN", "zh-SG", "zh-Hans-TW", "en", "zh-TW", "zh-HK", "zh-MO", "zh-Hant-CN"].map(hanScriptOf), ["Hans", "Hans", "Hans", "Hans", "Hant", "Hant", "Hant", "Hant"]);
});

test("the script picks the faces, the quote style the lint's expectations", () => {
  const songFile = (tag: string) => bookFaces(hanScriptOf(tag)).find((face) => face.family === "Book Song" && face.weight === 400)!.file;
  assert.match(songFile("zh-CN"), /NotoSerifSC/);
  assert.match(songFile("zh-HK"), /NotoSerifTC/);
  const quoteFindings = (tag: string, text: string) => lintProse([{ text, kind: "paragraph" }], tag).filter((finding) => finding.ruleId === "quote-style").map((finding) => finding.fix);
  assert.deepEqual(quoteFindings("zh-MO", "他说“好”。"), ["「", "」"]);
  assert.deepEqual(quoteFindings("zh-CN", "他说「好」。"), ["“", "”"]);
});

test("the pipeline's own words are in the book's language: 定價, 目錄 and 導覽 in a zh-TW book, Macau's as Hong Kong's", () => {
  assert.equal(bookWording("zh-CN")("定价：58.00元"), "定价：58.00元");
  assert.equal(bookWording("zh-TW")("定价：58.00元"), "定價：58.00元");
  assert.equal(bookWording("zh-TW")("软件"), "軟件", "terms, not Taiwan's vocabulary");
  assert.equal(bookWording("zh-MO")("里面"), bookWording("zh-HK")("里面"));
  assert.deepEqual(navigationWords("zh-TW"), { tocTitle: "目錄", landmarksTitle: "導覽" });
  assert.deepEqual(navigationWords("zh-CN"), { tocTitle: "目录", landmarksTitle: "导览" });

  const config = bookSchema.parse({ ...base, language: "zh-TW", isbn: "978-7-213-08888-9", price: 58 });
  assert.deepEqual(coverTexts(config, { picture: true, letteredSpine: false }), ["ISBN 978-7-213-08888-9", "定價：58.00元"]);
  const geometry = coverGeometry({ pageMm: [148, 210], printPages: 100, leafThicknessMm: 0.1, bleedMm: 3, direction: "ltr" });
  const html = coverSpreadHtml({ config, template: "{{body}}", fontsCss: "" }, geometry, isbnBarcode(config.isbn!.ean13));
  assert.match(html, /<div class="price">定價：58.00元<\/div>/);
});

test("the EPUB's navigation page prints no word of its own but through the book's language", async () => {
  const template = await readFile(path.join(projectRoot, "templates", "epub", "toc.xhtml.ejs"), "utf8");
  assert.deepEqual(template.match(/\p{Script=Han}+/gu), null);
});

test("no other module keeps its own copy of the table: no tag patterns, no OpenCC preset names", async () => {
  const scripts = path.join(projectRoot, "scripts");
  const files = (await readdir(scripts, { recursive: true })).filter((file) => file.endsWith(".ts") && file !== path.join("book", "language.ts"));
  for (const file of files) {
    const source = await readFile(path.join(scripts, file), "utf8");
    assert.doesNotMatch(source, /\/\^zh-|["'`]s2(?:twp?|hk|t)["'`]/, file);
  }
});
