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
import { han, pageCount, pageSize, pageTexts } from "../pdf-helpers.ts";
import { faceOf, readFonts } from "../pdf-reader.ts";

const mmToPt = 72 / 25.4;
let out: string;
let pdf: string;
let stdout: string;
let stderr: string;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", sampleManuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  stdout = run.stdout;
  stderr = run.stderr;
  pdf = path.join(out, "book-horizontal-screen.pdf");
});

const book = await loadBook({ manuscriptDir: sampleManuscript });
const chapters = parseChapters(book.chapters, book.manuscriptDir);
const geometry = pageGeometry(book.config.page);
const textArea = { top: geometry.top * mmToPt, height: (book.config.page.heightMm - geometry.top - geometry.bottom) * mmToPt };
const headArea = { top: 0, height: geometry.top * mmToPt };

test("the sample's build prints at most 15 lines of messages: its 148 proofreading findings are one line", () => {
  const messages = stderr.slice(0, stderr.indexOf("Preflight")).trimEnd().split("\n");
  assert.ok(messages.length <= 15, messages.join("\n"));
  assert.match(stderr, /148 proofreading warnings: npm run lint:book lists them/);
  assert.doesNotMatch(stderr, /halfwidth-punctuation/);
});

test("stdout names the outputs; the report lists the horizontal PDF with its page count", async () => {
  assert.match(stdout, /book-horizontal-screen\.pdf/);
  assert.match(stdout, /build-report\.json/);
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  const entry = report.outputs.find((output: { path: string }) => output.path === "book-horizontal-screen.pdf");
  assert.equal(entry.format, "pdf");
  assert.equal(entry.path, "book-horizontal-screen.pdf");
  assert.equal(entry.pages, await pageCount(pdf));
});

test("the PDF is A5 and its fonts are embedded, not Type 3, and all declared", async () => {
  const size = await pageSize(pdf);
  assert.ok(Math.abs(size.width - 148 * mmToPt) < 1 && Math.abs(size.height - 210 * mmToPt) < 1, JSON.stringify(size));
  // Read by the tests' own pdffonts parser: the build's check of the same rules reads them with its own.
  const fonts = await readFonts(pdf);
  assert.ok(fonts.length >= 2);
  const declared = declaredPostscriptNames();
  for (const font of fonts) {
    assert.equal(font.embedded, true, font.name);
    assert.equal(font.type, "CID TrueType", font.name);
    assert.ok(declared.includes(faceOf(font)), font.name);
  }
  assert.ok(fonts.some((font) => faceOf(font) === "NotoSerifSC-Regular"), "the body face");
});

test("every paragraph of every chapter is in the text area, whole and in order", async () => {
  const body = han((await pageTexts(pdf, textArea)).join(""));
  let from = 0;
  for (const chapter of chapters) {
    for (const paragraph of chapter.tree.children.filter((node) => node.type === "element" && node.tagName === "p")) {
      const text = han(toText(paragraph));
      const at = body.indexOf(text, from);
      assert.ok(at >= 0, `paragraph missing or out of order: ${text.slice(0, 20)}…`);
      from = at + text.length;
    }
  }
  const allSource = han(book.chapters.map((file) => String(file.value)).join("") + book.config.title + book.config.subtitle + book.config.colophon.flatMap((entry) => entry.values).join(""));
  const present = new Set(body);
  assert.deepEqual([...new Set(allSource)].filter((character) => !present.has(character)), []);
});

test("the contents list gives the page each chapter starts on, and chapters start on right-hand (odd) pages", async () => {
  const pages = await pageTexts(pdf, textArea);
  const tocPage = pages.findIndex((text) => /目\s*录/.test(text));
  assert.ok(tocPage >= 0);
  const tocLines = pages[tocPage]!.split("\n").filter((line) => /\d+\s*$/.test(line));
  assert.equal(tocLines.length, chapters.length);
  chapters.forEach((chapter, index) => {
    const listed = Number(/(\d+)\s*$/.exec(tocLines[index]!)![1]);
    const titleStart = han(chapter.title).slice(0, 8);
    const actual = pages.findIndex((text, page) => page > tocPage && han(text).startsWith(titleStart)) + 1;
    assert.equal(listed, actual, `${chapter.title}: contents says ${listed}, chapter starts on ${actual}`);
    assert.equal(actual % 2, 1, `${chapter.title} starts on a left-hand page`);
  });
});

test("running heads: the book title on left-hand pages, none on chapter openings or the title page", async () => {
  const heads = await pageTexts(pdf, headArea);
  const bodies = await pageTexts(pdf, textArea);
  const titleHan = han(book.config.title);
  const openings = new Set(chapters.map((chapter) => bodies.findIndex((text) => han(text).startsWith(han(chapter.title).slice(0, 8)))));
  let leftHeads = 0;
  heads.forEach((head, index) => {
    const pageNumber = index + 1;
    if (index < 2 || openings.has(index)) assert.equal(han(head), "", `page ${pageNumber} should have no running head`);
    else if (pageNumber % 2 === 0 && han(bodies[index]!) !== "") {
      assert.equal(han(head), titleHan, `page ${pageNumber}`);
      leftHeads++;
    }
  });
  assert.ok(leftHeads >= 2, `only ${leftHeads} left-hand running heads`);
});

test("page numbers: each text page carries its folio", async () => {
  const feet = await pageTexts(pdf, { top: (book.config.page.heightMm - geometry.bottom) * mmToPt, height: geometry.bottom * mmToPt });
  const bodies = await pageTexts(pdf, textArea);
  const opening = bodies.findIndex((text) => han(text).startsWith(han(chapters[0]!.title).slice(0, 8)));
  for (let index = opening; index < bodies.length - 1; index++) {
    if (han(bodies[index]!)) assert.equal(feet[index]!.trim(), String(index + 1));
  }
});

test("the last page is the colophon with 主办单位 and its three units", async () => {
  const pages = await pageTexts(pdf);
  const last = pages.at(-1)!;
  assert.match(last, /主办单位：\s*柯桥区委宣传部\s+柯桥区社科联\s+柯桥日报社/);
});
