import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { folderWith, runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { inA5TextArea, readPages, type Layout, type Page, type Word } from "../pdf-reader.ts";

/**
 * Break rules, in both layouts (issue 28): a note call never begins a line (or a column); no page
 * begins with the last line of a paragraph (widow) or ends with the first line of one that goes on
 * (orphan); no page ends with a heading. A generated manuscript: six chapters of paragraphs of 12 to
 * 260 Han characters taken from the sample, a note call after every 25–35 characters, so that calls
 * fall at every place in a line, and headings every 2 to 7 paragraphs. Paragraphs open with an
 * indent of two characters, headings do not; the test knows the headings by their text. Notes read
 * 注…, so the lines of the note area (horizontal) and of the chapter notes (vertical) are known by 注,
 * which the text itself never has.
 */
const chapters = 6;
const headings = new Set<string>();
let out: string;

const numeral = (n: number) => {
  const digits = "〇一二三四五六七八九";
  return n < 10 ? digits[n]! : `${n >= 20 ? digits[Math.floor(n / 10)] : ""}十${n % 10 ? digits[n % 10] : ""}`;
};

before(async () => {
  const sample = (await Promise.all(["01-shenzhen-innovation.md", "02-reform-and-hard-work.md", "03-smart-community.md"].map((name) => readFile(path.join(sampleManuscript, "chapters", name), "utf8")))).join("");
  const han = [...sample.replace(/[^\p{Script=Han}]|注/gu, "")];
  let seed = 28;
  const random = (below: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % below);
  let cursor = 0;
  const files: Record<string, string> = {};
  for (let chapter = 1; chapter <= chapters; chapter++) {
    const blocks = [`# 第${numeral(chapter)}章断行的规矩`];
    const notes: string[] = [];
    let sinceHeading = 0;
    let nextHeading = 2 + random(6);
    // Each chapter stays within ㊿ notes: beyond it a call is digits.
    while (notes.length < 44) {
      if (sinceHeading >= nextHeading) {
        const heading = `第${numeral(chapter)}章第${numeral(headings.size + 1)}小节`;
        headings.add(heading);
        blocks.push(`## ${heading}`);
        sinceHeading = 0;
        nextHeading = 2 + random(6);
      }
      const length = 12 + random(249);
      let paragraph = "";
      let untilCall = 25 + random(11);
      for (let at = 0; at < length; at++) {
        paragraph += han[cursor++ % han.length];
        if (--untilCall === 0 && at < length - 1 && notes.length < 44) {
          const label = `c${chapter}n${notes.length + 1}`;
          paragraph += `[^${label}]`;
          notes.push(`[^${label}]: 注${numeral(notes.length + 1)}。`);
          untilCall = 25 + random(11);
        }
      }
      blocks.push(`${paragraph}。`);
      sinceHeading++;
    }
    files[`c${chapter}.md`] = `${blocks.join("\n\n")}\n\n${notes.join("\n")}\n`;
  }
  const manuscript = await folderWith({
    "book.yaml": `title: 断行\nauthors: [测试]\npublisher: 测试出版社\nchapters:\n${Object.keys(files).map((name) => `  - ${name}\n`).join("")}`,
    ...files,
  });
  out = await tempDir();
  const build = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(build.code, 0, build.stderr);
});

/** A line of the text area as the test reads it: its words, its text, and where it starts. */
interface Line {
  text: string;
  start: number;
}

/** Format characters (a word joiner, say) carry nothing a reader sees. */
const visible = (text: string) => text.replace(/\p{Cf}/gu, "");

/** The body lines of each page (rows, or columns right to left), without running heads, folios and notes. */
async function bodyLines(layout: Layout): Promise<Array<{ page: number; lines: Line[] }>> {
  const pages: Page[] = await readPages(path.join(out, `book-${layout}-screen.pdf`), layout);
  return pages.map((page) => ({
    page: page.number,
    lines: page.lines
      .map((line) => line.filter((word) => inA5TextArea(word, page)))
      .filter((words) => words.length && !words.some((word) => word.text.includes("注")))
      .map((words: Word[]) => ({
        text: visible(words.map((word) => word.text).join("")),
        start: layout === "horizontal" ? Math.min(...words.map((word) => word.xMin)) : Math.min(...words.map((word) => word.yMin)),
      }))
      .filter((line) => line.text),
  }));
}

const isHeading = (line: Line) => headings.has(line.text) || /^第[〇一二三四五六七八九十]+章断行的规矩$/.test(line.text);

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: no line begins with a note call`, async () => {
    const pages = await bodyLines(layout);
    const calls = pages.flatMap(({ page, lines }) => lines.filter((line) => /^[①-⑳㉑-㉟㊱-㊿]/u.test(line.text)).map((line) => `p. ${page}: ${line.text.slice(0, 12)}`));
    assert.ok(pages.flatMap(({ lines }) => lines).filter((line) => /[①-⑳㉑-㉟㊱-㊿]/u.test(line.text)).length > 100, "the calls are read");
    assert.deepEqual(calls, []);
  });

  test(`${layout}: no page begins with a paragraph's last line or ends with the first line of one that goes on, nor ends with a heading`, async () => {
    const pages = (await bodyLines(layout)).filter(({ lines }) => lines.length);
    // A paragraph's first line is indented two characters; the others, and headings, start at the text area's edge.
    // Rectos and versos have their gutters on different sides: each has its own edge.
    const edge = [0, 1].map((parity) => Math.min(...pages.filter(({ page }) => page % 2 === parity).flatMap(({ lines }) => lines.map((line) => line.start))));
    const em = 10.5;
    const faults: string[] = [];
    pages.forEach(({ page, lines }, index) => {
      const indented = (line: Line, on = page) => !isHeading(line) && line.start > edge[on % 2]! + em;
      const [first, second] = lines;
      if (first && second && !indented(first) && !isHeading(first) && (indented(second) || isHeading(second))) faults.push(`p. ${page} begins with a paragraph's last line: ${first.text.slice(0, 10)}`);
      const last = lines.at(-1)!;
      const next = pages[index + 1]?.lines[0];
      if (isHeading(last)) faults.push(`p. ${page} ends with the heading ${last.text}`);
      if (indented(last) && next && !indented(next, pages[index + 1]!.page) && !isHeading(next)) faults.push(`p. ${page} ends with a paragraph's first line: ${last.text.slice(0, 10)}`);
    });
    assert.ok(pages.length > 20, `${pages.length} pages`);
    assert.deepEqual(faults, []);
  });
}

test("horizontal: the calls of every page are numbered ①②③ afresh", async () => {
  for (const { page, lines } of await bodyLines("horizontal")) {
    const calls = lines.flatMap((line) => [...line.text.matchAll(/[①-⑳]/gu)].map((match) => match[0]));
    assert.deepEqual(calls, [..."①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"].slice(0, calls.length), `page ${page}`);
  }
});
