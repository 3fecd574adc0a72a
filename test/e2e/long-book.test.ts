import assert from "node:assert/strict";
import { appendFile, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { loadBook } from "../../scripts/book/load.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { renderBookParts } from "../../scripts/render/book-html.ts";
import { partCacheFolder } from "../../scripts/typeset/part-cache.ts";
import { generateBook, type GeneratedBook } from "../generate-book.ts";
import { runCli, tempDir } from "../helpers.ts";
import { han, pageTexts } from "../pdf-helpers.ts";
import { a5Margins, inA5TextArea, readPages, wordsOf, type Page } from "../pdf-reader.ts";

const mmToPt = 72 / 25.4;
/** The A5 page's margins, in points from the top and the bottom edge. */
const area = { top: a5Margins.top * mmToPt, bottom: a5Margins.bottom * mmToPt };
let book: GeneratedBook;
let out: string;
const pagesOf: Partial<Record<"horizontal" | "vertical", Page[]>> = {};

before(async () => {
  book = await generateBook(await tempDir(), { chapters: 18, paragraphsPerChapter: 20 });
  out = await tempDir();
  const run = await runCli(["--manuscript", book.dir, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  for (const layout of ["horizontal", "vertical"] as const) pagesOf[layout] = await readPages(path.join(out, `book-${layout}-screen.pdf`), layout);
});

/** Han text in the text area of each page, in reading order. */
const bodies = (layout: "horizontal" | "vertical") => pagesOf[layout]!.map((page) => han(wordsOf(page, inA5TextArea).map((word) => word.text).join("")));

test("the vertical book has at least 300 pages", () => {
  assert.ok(pagesOf.vertical!.length >= 300, `${pagesOf.vertical!.length} pages`);
});

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: outside the text area stand only the running heads (above it, or in a vertical book in the outer margin) and the folios (below it)`, () => {
    const heads = new Set(book.chapterTitles.join("") + "生成的长篇测试书");
    const strays = pagesOf[layout]!.flatMap((page) =>
      wordsOf(page)
        .filter((word) => !inA5TextArea(word, page))
        .filter((word) => {
          const [x, y] = [(word.xMin + word.xMax) / 2, (word.yMin + word.yMax) / 2];
          if (y > page.height - area.bottom) return word.text !== String(page.number);
          const head = layout === "horizontal" ? y < area.top : x < page.width / 2 !== (page.number % 2 === 0);
          // Punctuation apart: the manuscript's half-width comma prints full-width.
          return !head || ![...word.text].every((character) => heads.has(character) || /\p{P}/u.test(character));
        })
        .map((word) => `page ${page.number}: ${word.text}`),
    );
    assert.deepEqual(strays, []);
  });
}

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: every paragraph is whole and in order, and paragraphs broken across pages continue on the next`, () => {
    const pages = bodies(layout);
    const text = pages.join("");
    const pageStarts = pages.map((_, index) => pages.slice(0, index).join("").length);
    let from = 0;
    let brokenAcrossPages = 0;
    for (const paragraph of book.paragraphs) {
      const expected = han(paragraph);
      const at = text.indexOf(expected, from);
      assert.ok(at >= 0, `paragraph lost or out of order: ${expected.slice(0, 20)}…`);
      if (pageStarts.some((start) => start > at && start < at + expected.length)) brokenAcrossPages++;
      from = at + expected.length;
    }
    assert.ok(brokenAcrossPages >= 100, `only ${brokenAcrossPages} paragraphs broken across pages`);
  });
}

test("horizontal: a paragraph broken across pages leaves at least two lines on each page (no orphans, no widows)", () => {
  // A page's body lines, top to bottom: "I" starts a paragraph (indented), "H" is a heading (larger glyphs), "." any other line.
  const linesOf = (page: Page) => {
    // Letters and digits only: emphasis dots (●) under a line are no line of their own.
    const words = wordsOf(page, inA5TextArea).filter((word) => /[\p{L}\p{N}]/u.test(word.text)).sort((a, b) => a.yMin - b.yMin);
    // Glyphs of one line differ in their boxes by a point or two; lines are 18 pt apart.
    const lines: Array<{ top: number; start: number; height: number }> = [];
    for (const word of words) {
      const line = lines.at(-1);
      if (line && word.yMin - line.top < 6) Object.assign(line, { start: Math.min(line.start, word.xMin), height: Math.max(line.height, word.yMax - word.yMin) });
      else lines.push({ top: word.yMin, start: word.xMin, height: word.yMax - word.yMin });
    }
    // Measured from the page's own left margin: rectos and versos differ.
    const margin = Math.min(...lines.map((line) => line.start));
    const body = Math.min(...lines.map((line) => line.height));
    return lines.map((line) => (line.height > body * 1.15 ? "H" : line.start > margin + 10 ? "I" : "."));
  };
  const pages = pagesOf.horizontal!.map(linesOf);
  let breaks = 0;
  pages.forEach((lines, index) => {
    const next = pages[index + 1];
    if (!next || lines.length < 10 || next.length < 10 || next[0] !== ".") return;
    breaks++;
    assert.notEqual(lines.at(-1), "I", `page ${index + 1}: a paragraph leaves its first line alone at the foot`);
    assert.equal(next[1], ".", `page ${index + 2}: a paragraph carries its last line alone over`);
  });
  assert.ok(breaks >= 100, `${breaks} paragraphs broken across pages`);
});

test("horizontal: right-hand pages inside a chapter carry the chapter title as running head", () => {
  const pages = pagesOf.horizontal!;
  const titles = book.chapterTitles.map((title) => han(title));
  let seen = 0;
  pages.forEach((page, index) => {
    if ((index + 1) % 2 === 0) return;
    const head = han(wordsOf(page).filter((word) => word.yMax < area.top).map((word) => word.text).join(""));
    if (!head) return;
    assert.ok(titles.includes(head), `page ${index + 1}: running head ${head}`);
    seen++;
  });
  assert.ok(seen >= 100, `${seen} chapter running heads`);
});

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: blank pages before a chapter opening carry neither running head nor folio`, () => {
    const pages = pagesOf[layout]!;
    const blanks = pages.filter((_, index) => index > 2 && index < pages.length - 1 && bodies(layout)[index] === "");
    assert.ok(blanks.length >= 3, `${blanks.length} blank pages`);
    for (const page of blanks) assert.deepEqual(wordsOf(page).map((word) => word.text), []);
  });
}

/** Where a PDF's contents links, outline entries and named destinations lead: 1-based page numbers. */
async function pdfNavigation(pdf: string): Promise<{ links: Array<{ page: number; target: number | undefined }>; outline: Array<{ title: string; target: number | undefined }> }> {
  const { PDFDocument, PDFDict, PDFName, PDFArray, PDFHexString, PDFString } = await import("pdf-lib");
  const document = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const destinations = document.catalog.lookup(PDFName.of("Dests"), PDFDict);
  const targetOf = (name: unknown) => {
    const destination = name ? destinations.lookupMaybe(name as never, PDFArray) : undefined;
    return destination ? pageNumbers.get(destination.get(0).toString()) : undefined;
  };
  const links = document.getPages().flatMap((page, index) => {
    const annotations = page.node.Annots();
    return annotations ? annotations.asArray().map((ref) => ({ page: index + 1, target: targetOf(document.context.lookup(ref, PDFDict).get(PDFName.of("Dest"))) })) : [];
  });
  const outline: Array<{ title: string; target: number | undefined }> = [];
  let item = document.catalog.lookup(PDFName.of("Outlines"), PDFDict).lookupMaybe(PDFName.of("First"), PDFDict);
  while (item) {
    const title = item.lookup(PDFName.of("Title"), PDFString, PDFHexString);
    outline.push({ title: title.decodeText(), target: targetOf(item.get(PDFName.of("Dest"))) });
    item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
  }
  return { links, outline };
}

test("the book is long enough to be set in several parts, joined into one PDF per edition", async () => {
  const loaded = await loadBook({ manuscriptDir: book.dir });
  const parts = renderBookParts({ config: loaded.config, chapters: parseChapters(loaded.chapters, loaded.manuscriptDir), layout: "vertical" }, await loadRenderAssets());
  assert.ok(parts.length >= 2, `${parts.length} part(s)`);
});

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: across parts, folios count every page, and the contents, their links and the bookmarks lead to each chapter's first page`, async () => {
    const pages = pagesOf[layout]!;
    const folios = pages.map((page) => wordsOf(page).filter((word) => word.yMin > page.height - area.bottom).map((word) => word.text).join(""));
    const numbered = folios.flatMap((folio, index) => (/^\d+$/.test(folio) ? [{ folio: Number(folio), page: index + 1 }] : []));
    assert.ok(numbered.length >= pages.length / 2, `${numbered.length} folios on ${pages.length} pages`);
    for (const { folio, page } of numbered) assert.equal(folio, page, `folio on page ${page}`);

    // Titles differ only in their chapter number, so they are compared with their digits.
    const hanAndDigits = (text: string) => text.replace(/[^\p{Script=Han}\d]/gu, "");
    const texts = pages.map((page) => hanAndDigits(wordsOf(page, inA5TextArea).map((word) => word.text).join("")));
    // The contents end on the page listing the last chapter's author followed by its page number.
    const contentsEnd = texts.findIndex((text) => new RegExp(`作者${book.chapterTitles.length}\\d`).test(text));
    const openings = book.chapterTitles.map((title) => texts.findIndex((text, index) => index > contentsEnd && text.startsWith(hanAndDigits(title))) + 1);
    // An entry reads “第N章 title 作者N page”; vertical digits come apart, so the words are joined.
    const contents = texts.slice(1, contentsEnd + 1).join("");
    for (const [index, opening] of openings.entries()) {
      assert.ok(opening > 2, `chapter ${index + 1} not found after the contents`);
      const next = index + 1 < openings.length ? `第${index + 2}章` : "$";
      assert.equal(new RegExp(`作者${index + 1}(\\d+)(?=${next})`).exec(contents)?.[1], String(opening), `contents entry of chapter ${index + 1}`);
    }

    const navigation = await pdfNavigation(path.join(out, `book-${layout}-screen.pdf`));
    const contentsLinks = navigation.links.filter((link) => link.page <= contentsEnd + 1);
    assert.deepEqual(contentsLinks.map((link) => link.target), openings);
    const chapterBookmarks = navigation.outline.filter((entry) => book.chapterTitles.some((title) => hanAndDigits(title) === hanAndDigits(entry.title)));
    assert.deepEqual(chapterBookmarks.map((entry) => entry.target), openings);
  });
}

test("horizontal: left-hand pages in every part carry the book title as running head", () => {
  const pages = pagesOf.horizontal!;
  const versoHeads = pages.flatMap((page, index) => ((index + 1) % 2 === 0 ? [han(wordsOf(page).filter((word) => word.yMax < area.top).map((word) => word.text).join(""))] : []));
  const withHead = versoHeads.filter(Boolean);
  assert.ok(withHead.length >= pages.length / 3, `${withHead.length} verso running heads`);
  for (const head of withHead) assert.equal(head, han("生成的长篇测试书"));
});

test("after one chapter is edited, the parts before it come from the cache, and the PDFs equal a build from scratch", async () => {
  const cached = async () => new Set((await readdir(partCacheFolder(out))).filter((name) => name.endsWith(".pdf")));
  const before = await cached();
  const last = path.join(book.dir, "chapters", `${String(book.chapterTitles.length).padStart(3, "0")}.md`);
  await appendFile(last, "\n编辑部补记：本章数据截至二〇二三年年底。\n");
  const rebuild = await runCli(["--manuscript", book.dir, "--out", out]);
  assert.equal(rebuild.code, 0, rebuild.stderr);
  const after = await cached();
  const reused = [...after].filter((name) => before.has(name));
  assert.ok(reused.length >= 2, `${reused.length} of ${before.size} cached parts reused`);
  assert.ok(after.size > reused.length, "the edited part was typeset again");
  const { typesetting } = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  for (const layout of ["horizontal", "vertical"]) assert.ok(typesetting[layout].reused >= 1 && typesetting[layout].reused < typesetting[layout].parts, `${layout}: ${JSON.stringify(typesetting[layout])}`);
  assert.match(rebuild.stderr, /沿用上次排好的版面：横排 \d+ 份中的 \d+ 份，竖排 \d+ 份中的 \d+ 份/);

  assert.match((await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).join(""), /编辑部补记/);
  const scratch = await tempDir();
  const cold = await runCli(["--manuscript", book.dir, "--out", scratch, "--force"]);
  assert.equal(cold.code, 0, cold.stderr);
  assert.doesNotMatch(cold.stderr, /沿用上次排好的版面/);
  for (const file of ["book-horizontal-screen.pdf", "book-vertical-print.pdf"]) {
    const [rebuilt, fromScratch] = await Promise.all([pageTexts(path.join(out, file)), pageTexts(path.join(scratch, file))]);
    assert.deepEqual(rebuilt, fromScratch, file);
  }
  // The rebuild read only the new part's pages and took the others' readings from the cache: its
  // checks found what the build from scratch, which read every page, found.
  const checksOf = async (folder: string) => {
    const { outputs } = JSON.parse(await readFile(path.join(folder, "build-report.json"), "utf8")) as { outputs: Array<Record<string, unknown>> };
    return outputs.filter((output) => output.format === "pdf").map(({ path, pages, fonts, lowResolutionImages, text, outsideTextArea, loneCharacters }) => ({ path, pages, fonts, lowResolutionImages, text, outsideTextArea, loneCharacters }));
  };
  assert.deepEqual(await checksOf(out), await checksOf(scratch));
});
