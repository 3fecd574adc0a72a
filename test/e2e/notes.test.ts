import assert from "node:assert/strict";
import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { loadBook } from "../../scripts/book/load.ts";
import { readPdfWords } from "../../scripts/verify/pdf-text.ts";
import { wordsInReadingOrder } from "../../scripts/verify/reading-order.ts";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyOfFixture, fixture, projectRoot, runCli, tempDir } from "../helpers.ts";
import { han, pageTexts } from "../pdf-helpers.ts";

// The fixture: three chapters with 40 footnotes, the 7th a long one; each call follows 甲<n>乙 and
// each note begins 注丙<n>丁 (n in Chinese numerals), so a page's text tells which call is which.
const numeral = (n: number) => {
  const digits = "〇一二三四五六七八九";
  return n < 10 ? digits[n]! : `${n >= 20 ? digits[Math.floor(n / 10)] : ""}十${n % 10 ? digits[n % 10] : ""}`;
};
const execute = promisify(execFile);
const circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const manuscript = fixture("notes");
let out: string;
let horizontal: string[];
let vertical: string[];

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  horizontal = (await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).map((page) => page.replace(/\s+/g, ""));
  vertical = (await readPdfWords(path.join(out, "book-vertical-screen.pdf"))).map((page) => wordsInReadingOrder(page, "vertical").map((word) => word.text).join(""));
});

test("every PDF names Paged.js, which paginated it, as its creator", async () => {
  const { version } = JSON.parse(await readFile(path.join(projectRoot, "node_modules", "pagedjs-cli", "package.json"), "utf8")) as { version: string };
  for (const name of ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"]) {
    const { stdout } = await execute("pdfinfo", [path.join(out, name)]);
    assert.match(stdout, new RegExp(`^Creator:\\s+cjk-book-pipeline \\(Paged\\.js ${version.replaceAll(".", "\\.")}\\)$`, "m"), name);
  }
});

test("horizontal: each of the 40 notes is at the foot of its call's page, calls and notes numbered ①②③ afresh on every page", () => {
  const seen = new Map<number, { page: number; mark: string }>();
  horizontal.forEach((text, page) => {
    const calls = [...text.matchAll(/甲([〇一二三四五六七八九十]+)乙([①-⑳])/gu)];
    assert.deepEqual(calls.map((call) => call[2]), [...circled].slice(0, calls.length), `page ${page + 1} numbers its calls from ①`);
    for (const call of calls) {
      const n = Array.from({ length: 40 }, (_, index) => index + 1).find((candidate) => numeral(candidate) === call[1])!;
      assert.ok(!seen.has(n), `note ${n} is called once`);
      seen.set(n, { page, mark: call[2]! });
    }
  });
  assert.equal(seen.size, 40);
  for (const [n, { page, mark }] of seen) assert.ok(horizontal[page]!.includes(`${mark}注丙${numeral(n)}丁`), `note ${n} (${mark}) on page ${page + 1}`);
});

test("horizontal: a note too long for its page continues on the next, nothing of it lost", async () => {
  const source = await readFile(path.join(manuscript, "chapters", "01.md"), "utf8");
  const longNote = han(/^\[\^n7\]: (.*)$/m.exec(source)![1]!);
  const page = horizontal.findIndex((text) => text.includes(`注丙${numeral(7)}丁`));
  const onPage = han(horizontal[page]!.slice(horizontal[page]!.indexOf(`注丙${numeral(7)}丁`)));
  assert.ok(longNote.length > 500, `${longNote.length} characters`);
  // The note ends with a sentence of its own, found nowhere else in the book.
  assert.ok(longNote.endsWith("以上为第七条注文的结尾"));
  assert.ok(!horizontal[page]!.includes("以上为第七条注文的结尾") && horizontal[page + 1]!.includes("以上为第七条注文的结尾"), "its end is on the next page");
  assert.ok(longNote.startsWith(onPage.slice(0, 40)));
});

test("vertical: notes stay at the chapter's end, in order", () => {
  const text = vertical.join("");
  const positions = Array.from({ length: 40 }, (_, index) => text.indexOf(`注丙${numeral(index + 1)}丁`));
  assert.ok(positions.every((position) => position >= 0), "every note is in the vertical PDF");
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
});

test("cross-references print the page their heading starts on, and the recto heads follow the sections", async () => {
  const headingPage = (title: string) => horizontal.findIndex((_, page) => horizontalLines[page]!.includes(title)) + 1;
  const horizontalLines = (await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).map((page) => page.split("\n").map((line) => line.trim()));
  const [late, early, middle] = [headingPage("后记"), headingPage("早先的方法"), headingPage("中段")];
  assert.ok(late > early && middle > early && late > 1, `${early}, ${middle}, ${late}`);
  const all = horizontal.join("");
  assert.ok(all.includes(`详见第${late}页的后记`), `forward reference to page ${late}`);
  assert.ok(all.includes(`参见“早先的方法”，第${early}页，又见第${middle}页`), `backward references to pages ${early} and ${middle}`);
  assert.ok(all.includes("本节题为早先的方法"), "{title} prints the heading's text");

  const book = await loadBook({ manuscriptDir: manuscript });
  const heads = await pageTexts(path.join(out, "book-horizontal-screen.pdf"), { top: 0, height: (pageGeometry(book.config.page).top * 72) / 25.4 });
  const rectoHeads = heads.filter((_, index) => index % 2 === 0).map((head) => head.trim()).filter(Boolean);
  const sections = ["早先的方法", "中段", "后记"];
  assert.ok(rectoHeads.some((head) => sections.includes(head)), `recto heads: ${rectoHeads.join(" / ")}`);
  for (const head of rectoHeads) assert.ok([...sections, ...book.config.chapters.map(() => "")].includes(head) || /^第.章/.test(head), `recto head “${head}”`);
  // A recto after a section's heading shows it until the next one.
  const sectionOf = (page: number) => [...sections].reverse().find((section) => headingPage(section) <= page && headingPage(section) > 0);
  heads.forEach((head, index) => {
    const page = index + 1;
    if (page % 2 === 1 && sections.includes(head.trim()) && page > early) assert.equal(head.trim(), sectionOf(page), `page ${page}`);
  });
  assert.ok(heads.some((head, index) => index % 2 === 1 && head.trim() === book.config.title), "versos carry the book title");
});

test("a link to an id that no heading has is set as plain text, with a warning at the link", async () => {
  const copy = await copyOfFixture("notes");
  await appendFile(path.join(copy, "chapters", "02.md"), "\n见[第{page}页](#sec-nowhere)。\n");
  const out = await tempDir();
  const run = await runCli(["--manuscript", copy, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /02\.md:\d+:\d+-\d+:\d+\s+warning\s+Unexpected link `#sec-nowhere` \(an id that no heading or anchor of the book has\)/);
  assert.match((await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).join("").replace(/\s+/g, ""), /见第\?\?页。/);
});
