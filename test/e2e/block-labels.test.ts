import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import { folderWith, runCli, tempDir } from "../helpers.ts";
import { inA5TextArea, layoutOf, readPages, squeezed } from "../pdf-reader.ts";

// Hello 算法 (MkDocs content tabs): the label “C#” stood alone at the foot of a page, its code on the
// next (its code block's own title, “list.cs”, over the code there). A label over a block (a tab's or a code block's, a note box's, a details box's summary) goes
// with its block, as a heading does. Here labelled blocks of many lengths fall at many places on the page.
const tabs = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"].map((stem) => `语言${stem}`);
const labels = [...tabs, "列表.py", "文件.py", "注意事项", "折叠摘要"];
const chapters = 4;
let out: string;
let expectedLabels = 0;

before(async () => {
  const files: Record<string, string> = {};
  const listed: string[] = [];
  const code = (lines: number, indent: string) => Array.from({ length: lines }, (_, index) => `${indent}step_${index}()`).join("\n");
  for (let chapter = 0; chapter < chapters; chapter++) {
    const blocks: string[] = Array.from({ length: chapter }, (_, index) => `第${index + 1}段文字，让后面带标签的块落到页上不同的地方。`);
    for (let group = 0; group < 5; group++) {
      blocks.push(`第${group + 1}组代码之前的说明文字，一两行而已。`);
      tabs.forEach((tab, index) => blocks.push(`=== "${tab}"\n\n    \`\`\`python title="列表.py"\n${code(3 + ((index + 1) * (group + 2) + chapter) % 9, "    ")}\n    \`\`\``));
      blocks.push(`\`\`\`python title="文件.py"\n${code(4 + group, "")}\n\`\`\``);
      blocks.push(`!!! note "注意事项"\n\n    框里的第一段，说明注意的事。\n\n    框里的第二段，还有一些话。`);
      blocks.push(`??? tip "折叠摘要"\n\n    折叠框里的第一段。\n\n    折叠框里的第二段。`);
      expectedLabels += 2 * tabs.length + 3;
    }
    files[`chapters/${chapter}.md`] = `# 第${chapter + 1}章\n\n${[...blocks, "后文。"].join("\n\n")}\n`;
    listed.push(`  - chapters/${chapter}.md`);
  }
  files["book.yaml"] = `title: 标签之书\nauthors: [某人]\npublisher: 某出版社\nchapters:\n${listed.join("\n")}\n`;
  out = await tempDir();
  const run = await runCli(["--manuscript", await folderWith(files), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
});

test("both layouts: no page ends with a block's label, and every label is printed at each place", async () => {
  for (const pdf of ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"]) {
    const pages = await readPages(path.join(out, pdf), layoutOf(pdf));
    let printed = 0;
    for (const page of pages) {
      const lines = page.lines.map((line) => squeezed(line.filter((word) => inA5TextArea(word, page)).map((word) => word.text).join(""))).filter(Boolean);
      printed += lines.filter((line) => labels.includes(line)).length;
      assert.ok(!labels.includes(lines.at(-1) ?? ""), `${pdf} p. ${page.number} ends with the label “${lines.at(-1)}”`);
    }
    assert.equal(printed, expectedLabels, `${pdf}: every label printed once`);
  }
});
