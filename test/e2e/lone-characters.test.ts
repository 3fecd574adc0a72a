import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { folderWith, runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { inA5TextArea, readPages, type Layout } from "../pdf-reader.ts";

/**
 * A chapter of 170 paragraphs of every length from 40 to 209 characters: whatever the measure (30
 * characters a line across, 46 down a column), some lengths end a paragraph with one character
 * on its last line, 孤字, unless the layout avoids it.
 */
let out: string;
before(async () => {
  const sample = await readFile(path.join(sampleManuscript, "chapters", "01-shenzhen-innovation.md"), "utf8");
  const han = [...sample.replace(/[^\p{Script=Han}]/gu, "")];
  const paragraphs = Array.from({ length: 170 }, (_, index) => {
    const length = 40 + index;
    const start = (index * 37) % (han.length - length);
    // Sentences of about twenty characters, each closed by its stop.
    const text = han.slice(start, start + length - 1).map((character, at) => (at % 20 === 19 ? `${character}，` : character)).join("");
    return `${text}。`;
  });
  const manuscript = await folderWith({
    "book.yaml": "title: 孤字\nauthors: [测试]\npublisher: 测试出版社\nchapters:\n  - one.md\n",
    "one.md": `# 段落的末行\n\n${paragraphs.join("\n\n")}\n`,
  });
  out = await tempDir();
  const build = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(build.code, 0, build.stderr);
});

/** Paragraph-final lines of one Han character after a line as full as the page's fullest, read by counting characters. */
async function loneLines(pdf: string, layout: Layout): Promise<string[]> {
  const found: string[] = [];
  for (const page of await readPages(pdf, layout)) {
    const lines = page.lines.map((line) => line.filter((word) => inA5TextArea(word, page)).map((word) => word.text).join("")).filter(Boolean);
    const fullest = Math.max(...lines.map((line) => [...line].length));
    lines.forEach((line, index) => {
      const bare = line.replace(/[。，、；：！？”’）》」』]/gu, "");
      if (index > 0 && /^\p{Script=Han}$/u.test(bare) && [...lines[index - 1]!].length >= fullest - 1) found.push(`p. ${page.number}: ${lines[index - 1]!.slice(-6)}|${line}`);
    });
  }
  return found;
}

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout}: no paragraph ends in a line of one character, and the report's count (孤字) agrees`, async () => {
    const lone = await loneLines(path.join(out, `book-${layout}-screen.pdf`), layout);
    assert.deepEqual(lone, []);
    const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
    const screen = report.outputs.find((output: { path: string }) => output.path === `book-${layout}-screen.pdf`);
    assert.equal(screen.loneCharacters.count, 0);
    assert.ok(screen.loneCharacters.lines > 170, `${screen.loneCharacters.lines} lines read`);
    assert.ok(report.preflight.some((row: { file: string; lone: string }) => row.file === `book-${layout}-screen.pdf` && /^0 in [\d,]+ lines$/.test(row.lone)));
  });
}
