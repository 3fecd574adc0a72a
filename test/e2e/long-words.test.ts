import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import { folderWith, runCli, tempDir } from "../helpers.ts";
import { inA5TextArea, layoutOf, readPages, squeezed, textOf } from "../pdf-reader.ts";

// Hello 算法's “可视化运行” links: a pythontutor URL of 1,700 characters without a space, its code
// percent-encoded. Where a page ended inside such a word, Paged.js added a hyphen, the full last
// line no longer fitted, and Chromium moved it past the page, where it was never printed: a line
// of the URL was lost (the build's text check failed it). Here such words (a URL, a run of letters)
// cross page ends at many places, in both layouts.
const code = encodeURIComponent("# 初始化栈\nstack = []\nstack.append(1)\nstack.append(3)\n# 访问栈顶元素\npeek = stack[-1]\nprint(\"栈顶元素 peek =\", peek)\n").repeat(6);
const url = `https://example.com/render.html#code=${code}&cumulative=false&mode=display`;
const letters = "abcdefghij".repeat(170);
const words = { url, letters };
const fillers = 12;
// Hello 算法 (time_complexity.md): a displayed formula whose second row names each class in words ran 2 cm into the margin.
const wideFormula = "$$\n\\begin{aligned}\n& O(1) < O(\\log n) < O(n) < O(n \\log n) < O(n^2) < O(2^n) < O(n!) \\newline\n& \\text{常数阶} < \\text{对数阶} < \\text{线性阶} < \\text{线性对数阶} < \\text{平方阶} < \\text{指数阶} < \\text{阶乘阶}\n\\end{aligned}\n$$";
let out: string;

before(async () => {
  const files: Record<string, string> = {};
  const chapters: string[] = [];
  for (const [name, word] of Object.entries(words)) {
    for (let filler = 0; filler < fillers; filler++) {
      const file = `chapters/${name}-${filler}.md`;
      const paragraphs = Array.from({ length: filler }, (_, index) => `第${index + 1}段文字，让后面的长词落到不同的地方，跨过页末。`);
      files[file] = `# ${name} ${filler}\n\n${[...paragraphs, word, "后文。"].join("\n\n")}\n`;
      chapters.push(`  - ${file}`);
    }
  }
  files["chapters/formula.md"] = `# 宽的公式\n\n常见的时间复杂度类型如下：\n\n${wideFormula}\n\n后文。\n`;
  chapters.push("  - chapters/formula.md");
  files["book.yaml"] = `title: 长词之书\nauthors: [某人]\npublisher: 某出版社\nchapters:\n${chapters.join("\n")}\n`;
  out = await tempDir();
  const run = await runCli(["--manuscript", await folderWith(files), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
});

test("both layouts: a word longer than a line runs on over page ends whole, with no hyphen added", async () => {
  for (const pdf of ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"]) {
    // The text areas only: a running head or a page number between two pages is not in the word.
    const text = squeezed((await readPages(path.join(out, pdf), layoutOf(pdf))).map((page) => textOf(page, inA5TextArea)).join(""));
    for (const [name, word] of Object.entries(words)) {
      assert.equal(text.split(word).length - 1, fillers, `${pdf}: ${name} printed whole ${fillers} times`);
    }
  }
});

test("both layouts: a displayed formula longer than the line is drawn within the text area, every word of it", async () => {
  for (const pdf of ["book-horizontal-screen.pdf", "book-vertical-screen.pdf"]) {
    const pages = await readPages(path.join(out, pdf), layoutOf(pdf));
    const page = pages.find((candidate) => squeezed(textOf(candidate)).includes("常见的时间复杂度类型"))!;
    const inside = squeezed(textOf(page, inA5TextArea));
    for (const word of ["常数阶", "线性对数阶", "阶乘阶"]) assert.ok(inside.includes(word), `${pdf}: ${word} within the text area`);
  }
});
