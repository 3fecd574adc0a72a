import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "../helpers.ts";

// A book with a 12-column and a 20-column table of long English words, far wider than the text area,
// a code block with long lines and a figure wider than the text area. Before the tables were fitted,
// 40 of the 12-column table's 60 cells were cut off at the page edge and the build passed.
const execute = promisify(execFile);
const manuscript = fixture("wide-tables");
const pdfs = ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"];
let out: string;
/** Every table cell's word of the manuscript, as many times as it stands in a cell. */
let cellWords: string[];
/** The words that stand only in the 20-column table (the others are in both). */
let widestTableWords: string[];

const tableRows = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("|") && !/^\|[\s|:-]+\|$/.test(line)).map((line) => line.slice(1, -1).split("|").map((cell) => cell.trim()));

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  const markdown = await readFile(path.join(manuscript, "chapters", "tables.md"), "utf8");
  const tables = markdown.split(/\n\n(?=\|)/).slice(1).map((block) => tableRows(block.split("\n\n")[0]!).flat().filter((cell) => /^[A-Za-z]+$/.test(cell)));
  cellWords = tables.flat();
  widestTableWords = [...new Set(tables[1])].filter((word) => !tables[0]!.includes(word));
  assert.equal(cellWords.length, 12 * 5 + 20 * 5);
});

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

async function readPages(pdf: string): Promise<Page[]> {
  const { stdout } = await execute("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 28 });
  return stdout.split("<page ").slice(1).map((page) => ({
    width: Number(/width="([\d.]+)"/.exec(page)![1]),
    height: Number(/height="([\d.]+)"/.exec(page)![1]),
    words: [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(([, xMin, yMin, xMax, yMax, text]) => ({ text: text!, xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) })),
  }));
}

type Frame = "upright" | "turned" | "vertical";
/**
 * A word's place in its line's frame: where its line starts along the line, and where the line lies
 * across (growing from line to line). Upright text runs left to right, lines downwards; a turned
 * table reads from the bottom edge up, its lines from left to right; vertical text runs down, its
 * lines right to left.
 */
const place: Record<Frame, (word: Word) => { start: number; across: number }> = {
  upright: (word) => ({ start: word.xMin, across: word.yMin }),
  turned: (word) => ({ start: -word.yMax, across: word.xMin }),
  vertical: (word) => ({ start: word.yMin, across: -word.xMax }),
};

/**
 * The cells' words a page shows in full, with the frame they are set in. A cell's lines start at
 * the same place, one after the other, so the Latin pieces starting at one place, in line order,
 * spell the words of a table column's cells one after the other (a word broken inside its cell
 * included); they are cut into the manuscript's cell words, longest first. Pieces that do not spell
 * cell words (prose, code) are left out.
 */
function wordsInCells(page: Page, frame: Frame, vocabulary: string[]): string[] {
  const pieces = page.words.filter((word) => /^[A-Za-z]+$/.test(word.text)).map((word) => ({ text: word.text, ...place[frame](word) }));
  const columns = new Map<number, typeof pieces>();
  for (const piece of pieces) {
    const key = [...columns.keys()].find((start) => Math.abs(start - piece.start) < 1.5) ?? piece.start;
    columns.set(key, [...(columns.get(key) ?? []), piece]);
  }
  const longestFirst = [...new Set(vocabulary)].sort((a, b) => b.length - a.length);
  const found: string[] = [];
  for (const column of columns.values()) {
    let rest = column.sort((a, b) => a.across - b.across).map((piece) => piece.text).join("");
    const words: string[] = [];
    while (rest) {
      const word = longestFirst.find((candidate) => rest.startsWith(candidate));
      if (!word) break;
      words.push(word);
      rest = rest.slice(word.length);
    }
    if (!rest) found.push(...words);
  }
  return found;
}

const taller = (word: Word) => word.yMax - word.yMin > word.xMax - word.xMin;
/**
 * The frame a page's Latin is set in: pieces of four letters or more show which way they run
 * (upright ones are wider than tall; a shorter piece of turned text may be too).
 */
function frameOf(page: Page, layout: "horizontal" | "vertical"): Frame {
  const shaped = page.words.filter((word) => /^[A-Za-z]{4,}$/.test(word.text));
  if (shaped.filter(taller).length * 2 <= shaped.length) return "upright";
  return layout === "vertical" ? "vertical" : "turned";
}
const sorted = (words: string[]) => [...words].sort();

test("every cell's word of both wide tables is in both layouts' PDFs, whole and once for each cell", async () => {
  for (const name of pdfs) {
    const layout = name.includes("vertical") ? "vertical" : "horizontal";
    const found = (await readPages(path.join(out, name))).flatMap((page) => wordsInCells(page, frameOf(page, layout), cellWords));
    assert.deepEqual(sorted(found), sorted(cellWords), name);
  }
});

test("the 20-column table is turned a quarter in the horizontal PDF, read from the bottom edge, and nothing is outside the page", async () => {
  for (const name of ["book-horizontal-screen.pdf", "book-horizontal-print.pdf"]) {
    const pages = await readPages(path.join(out, name));
    const turnedWords = pages.filter((page) => frameOf(page, "horizontal") === "turned").flatMap((page) => wordsInCells(page, "turned", cellWords));
    for (const word of widestTableWords) assert.ok(turnedWords.includes(word), `${name}: ${word} is not on a turned page`);
    for (const [index, page] of pages.entries()) {
      for (const word of page.words) assert.ok(word.xMin >= 0 && word.yMin >= 0 && word.xMax <= page.width && word.yMax <= page.height, `${name} page ${index + 1}: ${word.text} outside the page`);
    }
  }
});

test("code lines wrap and the wide figure is scaled, in both layouts", async () => {
  const code = await readFile(path.join(manuscript, "chapters", "code-and-figures.md"), "utf8");
  const longest = /averyvery\w+/.exec(code)![0];
  for (const name of ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"]) {
    const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, name), "-"]);
    // Wrapped, the identifier comes back in pieces, one a line: joined, they spell it whole.
    assert.ok(stdout.replace(/\s+/g, "").includes(longest), `${name} lacks the long identifier`);
    const { stdout: images } = await execute("pdfimages", ["-list", path.join(out, name)]);
    assert.equal(images.split("\n").filter((line) => /^\s+\d+\s+\d+\s+image/.test(line)).length, 1, `${name}: ${images}`);
  }
});

test("EPUBs: each table scrolls in a box of its own, EPUBCheck 0/0", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ format: string; epubcheck?: { errors: number; warnings: number; fatals: number } }> };
  const epubs = report.outputs.filter((output) => output.format === "epub");
  assert.equal(epubs.length, 2);
  for (const epub of epubs) assert.deepEqual([epub.epubcheck!.fatals, epub.epubcheck!.errors, epub.epubcheck!.warnings], [0, 0, 0]);
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, name)));
    const chapter = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
    assert.equal((chapter.match(/<div class="table-scroll"><table>/g) ?? []).length, 2, name);
    assert.match(await zip.file("OEBPS/style.css")!.async("string"), /\.table-scroll \{[^}]*overflow: auto/);
  }
});
