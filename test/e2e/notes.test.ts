import assert from "node:assert/strict";
import { appendFile, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { loadBook } from "../../scripts/book/load.ts";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyOfFixture, fixture, projectRoot, runCli, tempDir } from "../helpers.ts";
import { han, pageTexts } from "../pdf-helpers.ts";
import { inA5TextArea, readPages, squeezed, textOf, type Page } from "../pdf-reader.ts";

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
const pagesOf: Partial<Record<"horizontal" | "vertical", Page[]>> = {};

/** The manuscript's chapters as the test reads them: title, section headings, paragraphs and notes by label. */
interface SourceChapter {
  title: string;
  headings: string[];
  paragraphs: string[];
  notes: Array<{ label: string; text: string }>;
}
const chapterFiles = (await readdir(path.join(manuscript, "chapters"))).filter((name) => name.endsWith(".md")).sort();
const sourceChapters: SourceChapter[] = await Promise.all(
  chapterFiles.map(async (name) => {
    const source = await readFile(path.join(manuscript, "chapters", name), "utf8");
    const blocks = source.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
    return {
      title: /^# (.+)$/m.exec(source)![1]!,
      headings: [...source.matchAll(/^##+ (.+?)(?: \{#[^}]*\})?$/gm)].map((match) => match[1]!),
      paragraphs: blocks.filter((block) => !/^(#|\[\^)/.test(block)),
      notes: [...source.matchAll(/^\[\^([^\]]+)\]: (.+)$/gm)].map((match) => ({ label: match[1]!, text: match[2]! })),
    };
  }),
);

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  for (const layout of ["horizontal", "vertical"] as const) pagesOf[layout] = await readPages(path.join(out, `book-${layout}-screen.pdf`), layout);
  horizontal = pagesOf.horizontal!.map((page) => squeezed(textOf(page)));
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

test("horizontal: each note's text, as the manuscript has it, stands whole after its call on the call's page", () => {
  const notes = sourceChapters.flatMap((chapter) => chapter.notes);
  assert.equal(notes.length, 40);
  for (const [index, note] of notes.entries()) {
    if (index + 1 === 7) continue; // the long note, which continues on the next page (below)
    const call = `甲${numeral(index + 1)}乙`;
    const page = horizontal.findIndex((text) => text.includes(call));
    const text = han(horizontal[page]!);
    const at = text.indexOf(han(note.text));
    assert.ok(at > text.indexOf(han(call)), `note ${note.label} (${note.text.slice(0, 12)}…) not after its call on page ${page + 1}`);
  }
});

test("both layouts: the chapter titles and section headings of the manuscript stand as lines (columns) of their own in the text area, in order", () => {
  const headings = sourceChapters.flatMap((chapter) => [chapter.title, ...chapter.headings]);
  assert.equal(headings.length, 6);
  for (const layout of ["horizontal", "vertical"] as const) {
    const lines = pagesOf[layout]!.flatMap((page) => page.lines.map((line) => ({ page: page.number, text: squeezed(line.filter((word) => inA5TextArea(word, page)).map((word) => word.text).join("")) })));
    let from = 0;
    for (const heading of headings) {
      const at = lines.findIndex((line, index) => index >= from && line.text === squeezed(heading));
      assert.ok(at >= 0, `${layout}: heading ${heading} missing or out of order (after page ${lines[from - 1]?.page})`);
      from = at + 1;
    }
  }
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

test("vertical: each chapter's notes, whole, follow its last paragraph, in order, before the next chapter's title", () => {
  // The text area only: a note broken across pages must read on without the running heads between.
  const text = han(pagesOf.vertical!.map((page) => textOf(page, inA5TextArea)).join(""));
  let from = 0;
  for (const [index, chapter] of sourceChapters.entries()) {
    const ending = han(chapter.paragraphs.at(-1)!);
    const end = text.indexOf(ending, from);
    assert.ok(end >= 0, `chapter ${index + 1}: last paragraph ${ending.slice(0, 12)}… missing or out of order`);
    from = end + ending.length;
    for (const note of chapter.notes) {
      const at = text.indexOf(han(note.text), from);
      assert.equal(at, text.indexOf(han(note.text)), `note ${note.label} found once`);
      assert.ok(at >= from, `note ${note.label} missing, broken or out of order`);
      from = at + han(note.text).length;
    }
    const next = sourceChapters[index + 1];
    if (next) assert.ok(text.indexOf(han(next.title), from) >= from, `chapter ${index + 2}'s title after chapter ${index + 1}'s notes`);
  }
});

test("cross-references print the page their heading starts on, and the recto heads follow the sections", async () => {
  // The page with a line that is the heading alone.
  const headingPage = (title: string) => pagesOf.horizontal!.findIndex((page) => page.lines.some((line) => squeezed(line.map((word) => word.text).join("")) === title)) + 1;
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

test("both layouts: no line (column) of the text begins with a note call: a call goes to the next line with the character before it", () => {
  for (const layout of ["horizontal", "vertical"] as const) {
    // Lines of the notes begin with their number and 注丙; a line of the text that begins with a number begins with a call.
    const starts = pagesOf[layout]!.flatMap((page) =>
      page.lines
        .map((line) => line.filter((word) => inA5TextArea(word, page)).map((word) => word.text).join("").replace(/[\s\p{Cf}]/gu, ""))
        .filter((line) => /^[①-⑳]/u.test(line) && !/^[①-⑳]注丙/u.test(line))
        .map((line) => `p. ${page.number}: ${line.slice(0, 10)}`),
    );
    assert.deepEqual(starts, [], layout);
  }
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
