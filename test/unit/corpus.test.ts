import assert from "node:assert/strict";
import { test } from "node:test";
import { VFile } from "vfile";
import { countMessages, formatTable, tableRow, type CorpusReport } from "../../bench/corpus.ts";
import { error, formatDiagnostics, warn } from "../../scripts/diagnostics.ts";

// Messages as the build prints them with --verbose (formatDiagnostics), with reasons in
// Chinese (wide characters) and one message with neither rule nor source, as epub-gen-memory's.
function stderrOf(): string {
  const chapter = new VFile({ path: "/books/甲/ch1.md" });
  warn(chapter, "Unexpected half-width `,` in Chinese text, expected `，`", { line: 3, column: 4 }, "halfwidth-punctuation");
  warn(chapter, "Unexpected half-width `:` in Chinese text, expected `：`", { line: 5, column: 1 }, "halfwidth-punctuation");
  chapter.message("Unexpected space, expected none", { place: { line: 6, column: 2 }, ruleId: "stray-space", source: "lint" });
  error(chapter, "Unexpected chapter without a title, expected a level-1 heading such as `# 第一章 标题`", { line: 1, column: 1 }, "chapter-title");
  const epub = new VFile({ path: "/out/book-horizontal.epub" });
  epub.message("epub-gen-memory: Warning (content[2]): attribute align isn't allowed.");
  error(epub, "Unexpected loss of 4 Han character(s) “查询类型” after “检测欺诈滥用模式”, expected every character");
  return `${formatDiagnostics([chapter, epub], { verbose: true })}\n\n构建失败，输出文件夹未改动。\n`;
}

test("corpus: messages are counted by severity and rule, a message without a rule under “(no rule)”", () => {
  const { errors, warnings } = countMessages(stderrOf());
  assert.deepEqual(Object.fromEntries(warnings), { "halfwidth-punctuation": 2, "stray-space": 1, "(no rule)": 1 });
  assert.deepEqual(Object.fromEntries(errors), { "chapter-title": 1, "(no rule)": 1 });
});

test("corpus: a row reads the screen PDFs of the report; a failed build without a report shows “—” and its errors", () => {
  const report: CorpusReport = {
    outputs: [
      { format: "pdf", layout: "horizontal", edition: "screen", pages: 405, text: { expected: 98_000, missing: 0 }, loneCharacters: { count: 3, lines: 6_000 } },
      { format: "pdf", layout: "horizontal", edition: "print", pages: 408, text: { expected: 98_000, missing: 0 } },
      { format: "pdf", layout: "vertical", edition: "screen", pages: 616, text: { expected: 98_000, missing: 2, added: 1 }, loneCharacters: { count: 0, lines: 4_000 } },
      { format: "epub", layout: "vertical" },
    ],
  };
  assert.deepEqual(tableRow({ book: "git", exitCode: 0, seconds: 36.6, stderr: "", report }), ["git", "405/616", "98000", "0/2", "—/1", "3 (0.5‰)/0 (0.0‰)", "0", "0", "37", "0"]);
  const failed = tableRow({ book: "hlm", exitCode: 1, seconds: 4, stderr: stderrOf() });
  assert.deepEqual(failed, ["hlm", "—", "—", "—", "—", "—", "2 ((no rule) 1, chapter-title 1)", "4: halfwidth-punctuation 2, (no rule) 1, stray-space 1", "4", "1"]);
  const table = formatTable([{ book: "a|b", exitCode: null, seconds: 1, stderr: "" }]).split("\n");
  assert.equal(table.length, 3);
  assert.match(table[2]!, /^\| a\\\|b \| — .*\| killed \|$/);
});
