import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { toText } from "hast-util-to-text";
import { loadBook } from "../../scripts/book/load.ts";
import { declaredPostscriptNames } from "../../scripts/fonts/coverage.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { han, pageCount, pdfView } from "../pdf-helpers.ts";
import { faceOf, readFonts, readPages, wordsOf, type Page, type Word } from "../pdf-reader.ts";

const mmToPt = 72 / 25.4;
const book = await loadBook({ manuscriptDir: sampleManuscript });
const chapters = parseChapters(book.chapters, book.manuscriptDir);
const geometry = pageGeometry(book.config.page);
let out: string;
let pdf: string;
let pages: Page[];

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", sampleManuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /book-vertical-screen\.pdf/);
  pdf = path.join(out, "book-vertical-screen.pdf");
  pages = await readPages(pdf, "vertical");
});

type Region = "body" | "left margin" | "right margin" | "foot";

/** Han text of a page region, in vertical reading order. */
function regionText(page: Page, region: Region): string {
  const side = Math.min(geometry.inner, geometry.outer) * mmToPt;
  const foot = page.height - geometry.bottom * mmToPt;
  const where = (word: Word): Region => {
    const x = (word.xMin + word.xMax) / 2;
    const y = (word.yMin + word.yMax) / 2;
    if (y > foot) return "foot";
    if (x < side) return "left margin";
    if (x > page.width - side) return "right margin";
    return "body";
  };
  return wordsOf(page)
    .filter((word) => where(word) === region)
    .map((word) => word.text)
    .join("");
}

test("the report lists the vertical PDF with its page count", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  const entry = report.outputs.find((output: { path: string }) => output.path === "book-vertical-screen.pdf");
  assert.deepEqual([entry.format, entry.path, entry.pages], ["pdf", "book-vertical-screen.pdf", await pageCount(pdf)]);
});

test("nothing stands in the head margin, nothing but folios in the foot", () => {
  const top = geometry.top * mmToPt;
  for (const page of pages) {
    const foot = page.height - geometry.bottom * mmToPt;
    const strays = wordsOf(page).filter((word) => (word.yMin + word.yMax) / 2 < top || ((word.yMin + word.yMax) / 2 > foot && word.text !== String(page.number)));
    assert.deepEqual(strays.map((word) => word.text), [], `page ${page.number}`);
  }
});

test("it opens right to left, as two-page spreads", async () => {
  assert.deepEqual(await pdfView(pdf), { direction: "/R2L", pageLayout: "/TwoPageRight" });
  assert.deepEqual(await pdfView(path.join(out, "book-horizontal-screen.pdf")), { direction: "/L2R", pageLayout: "/TwoPageRight" });
});

test("fonts: embedded, not Type 3, only the declared faces", async () => {
  // Read by the tests' own pdffonts parser: the build's check of the same rules reads them with its own.
  const declared = declaredPostscriptNames();
  for (const font of await readFonts(pdf)) {
    assert.ok(font.embedded && font.type === "CID TrueType" && declared.includes(faceOf(font)), JSON.stringify(font));
  }
});

test("columns run top to bottom, right to left: every paragraph reads whole and in order", () => {
  const body = han(pages.map((page) => regionText(page, "body")).join(""));
  let from = 0;
  for (const chapter of chapters) {
    for (const node of chapter.tree.children) {
      if (node.type !== "element" || node.tagName !== "p") continue;
      const text = han(toText(node));
      const at = body.indexOf(text, from);
      assert.ok(at >= 0, `paragraph missing or out of order: ${text.slice(0, 20)}…`);
      from = at + text.length;
    }
  }
  const firstColumn = wordsOf(pages[2]!).filter((word) => han(word.text));
  assert.ok(firstColumn[0]!.xMin > firstColumn.at(-1)!.xMin, "the first character is right of the last one");
});

test("chapters open on odd pages (rectos, left of a spread) without running heads; other pages carry them in the outer margin", () => {
  const openings = chapters.map((chapter) => pages.findIndex((page) => han(regionText(page, "body")).startsWith(han(chapter.title).slice(0, 8))));
  openings.forEach((index) => assert.equal((index + 1) % 2, 1, `chapter opens on page ${index + 1}`));
  let heads = 0;
  pages.forEach((page, index) => {
    const pageNumber = index + 1;
    const [outer, inner] = pageNumber % 2 === 0 ? (["right margin", "left margin"] as const) : (["left margin", "right margin"] as const);
    assert.equal(han(regionText(page, inner)), "", `page ${pageNumber}: nothing in the inner margin`);
    const head = han(regionText(page, outer));
    if (index < 2 || openings.includes(index) || index === pages.length - 1) {
      assert.equal(head, "", `page ${pageNumber} has no running head`);
    } else if (han(regionText(page, "body"))) {
      const chapter = chapters.filter((_, chapterIndex) => openings[chapterIndex]! <= index).at(-1)!;
      assert.equal(head, han(pageNumber % 2 === 0 ? book.config.title : chapter.title), `page ${pageNumber}`);
      heads++;
    }
  });
  assert.ok(heads >= 3, `${heads} running heads`);
});

test("folios stand in the lower outer corner", () => {
  pages.forEach((page, index) => {
    const folio = wordsOf(page).filter((word) => word.yMin > page.height - geometry.bottom * mmToPt && /^\d+$/.test(word.text));
    if (folio.length === 0) return;
    assert.equal(folio[0]!.text, String(index + 1));
    const x = (folio[0]!.xMin + folio[0]!.xMax) / 2;
    assert.ok((index + 1) % 2 === 0 ? x > page.width / 2 : x < page.width / 2, `page ${index + 1}: folio at x=${x}`);
  });
});

test("the contents list gives each chapter's first page", () => {
  const tocPage = pages.findIndex((page) => han(regionText(page, "body")).startsWith("目录"));
  const numbers = wordsOf(pages[tocPage]!)
    .filter((word) => /^\d+$/.test(word.text))
    .map((word) => Number(word.text));
  const openings = chapters.map((chapter) => pages.findIndex((page) => han(regionText(page, "body")).startsWith(han(chapter.title).slice(0, 8))) + 1);
  assert.deepEqual(numbers, openings);
});

test("the colophon page is vertical and carries 主办单位 and its three units", () => {
  const last = regionText(pages.at(-1)!, "body");
  assert.match(last, /主办单位：柯桥区委宣传部柯桥区社科联柯桥日报社/);
  const words = wordsOf(pages.at(-1)!).filter((word) => han(word.text));
  const columns = new Set(words.map((word) => Math.round((word.xMin + word.xMax) / 2)));
  assert.ok(columns.size >= 5 && columns.size < words.length / 2, `${columns.size} columns for ${words.length} characters`);
});
