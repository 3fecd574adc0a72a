import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { random } from "../generate-book.ts";
import { runCli, tempDir } from "../helpers.ts";

/**
 * What breaks naive pipelines: one 200,000-character paragraph with no break, 5,000 tiny
 * paragraphs, lists and quotes nested 30 deep. The build's own checks (every Han character in
 * every output, nothing outside the text area) must pass.
 */
test("a 200,000-character paragraph, 5,000 tiny paragraphs and 30-deep nesting build with nothing lost", async () => {
  const manuscript = await tempDir();
  await mkdir(path.join(manuscript, "chapters"));
  const pool = [..."柯桥区深圳创新发展经验改革实干智慧社区生活美好学习培训人才政策体制成果城市更新产业科技"];
  const next = random(3);
  const paragraph = Array.from({ length: 200_000 }, () => pool[Math.floor(next() * pool.length)]).join("");
  await writeFile(path.join(manuscript, "chapters", "one.md"), `# 长段落\n\n${paragraph}\n`);
  await writeFile(path.join(manuscript, "chapters", "two.md"), `# 五千小段\n\n${Array.from({ length: 5000 }, (_, index) => `第${index}段。`).join("\n\n")}\n`);
  const lists = Array.from({ length: 30 }, (_, depth) => `${"  ".repeat(depth)}- 层${depth}`).join("\n");
  const quotes = Array.from({ length: 30 }, (_, depth) => `${"> ".repeat(depth + 1)}引${depth}`).join("\n\n");
  await writeFile(path.join(manuscript, "chapters", "three.md"), `# 深层嵌套\n\n${lists}\n\n${quotes}\n`);
  await writeFile(path.join(manuscript, "book.yaml"), "title: 压力测试\nauthors: [测试]\npublisher: 测试社\nchapters:\n  - chapters/one.md\n  - chapters/two.md\n  - chapters/three.md\n");
  const out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  assert.equal(report.outputs.length, 6);
  for (const output of report.outputs) {
    assert.ok(output.text.expected > 210_000, `${output.path}: ${output.text.expected}`);
    assert.equal(output.text.missing, 0, output.path);
    if (output.format === "pdf") assert.equal(output.outsideTextArea, 0, output.path);
  }
});
