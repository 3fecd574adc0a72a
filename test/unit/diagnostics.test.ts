import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { diagnosticFile, diagnosticsOf, error, formatDiagnostics, warn } from "../../scripts/diagnostics.ts";

/** A chapter with `count` warnings of `rule` on lines 1, 2, 3 … */
function chapterWith(name: string, rule: string, count: number, source = "book") {
  const file = diagnosticFile(path.join(process.cwd(), name));
  for (let line = 1; line <= count; line++) warn(file, `Unexpected thing ${line}, expected another`, { line, column: 2 }, rule).source = source;
  return file;
}

test("errors print in full; a rule's warnings beyond three are counted, with where the rest are", () => {
  const chapter = chapterWith("chapters/one.md", "link", 7);
  for (let line = 10; line < 15; line++) error(chapter, `Unexpected error ${line}`, { line, column: 1 }, "font-coverage");
  const text = formatDiagnostics([chapter], { fullList: "dist/build-report.json" });
  for (let line = 10; line < 15; line++) assert.match(text, new RegExp(`^chapters/one\\.md:${line}:1  error  Unexpected error ${line}  \\[font-coverage\\]$`, "m"));
  assert.match(text, /^7 × link:$/m);
  assert.match(text, /^ {2}chapters\/one\.md:3:2  warning  Unexpected thing 3, expected another  \[link\]$/m);
  assert.doesNotMatch(text, /thing 4/);
  assert.match(text, /… 4 more in dist\/build-report\.json \(--verbose prints them all\)/);
  assert.match(text.split("\n").at(-1)!, /^5 error\(s\), 7 warning\(s\)$/);
});

test("three warnings of a rule or fewer print as they are; proofreading findings are one line; --verbose prints every message", () => {
  const files = [chapterWith("a.md", "cover", 3), chapterWith("b.md", "halfwidth-punctuation", 40, "lint")];
  const summary = formatDiagnostics(files);
  assert.equal(summary.split("\n").length, 5);
  assert.match(summary, /^a\.md:1:2  warning/m);
  assert.match(summary, /40 proofreading warnings: npm run lint:book lists them/);
  const verbose = formatDiagnostics(files, { verbose: true });
  assert.equal(verbose.split("\n").length, 44);
  assert.match(verbose, /^b\.md:40:2  warning  Unexpected thing 40/m);
});

test("the report's messages carry place, severity, rule and source", () => {
  const file = chapterWith("c.md", "link", 1);
  file.info("A note", { line: 2, column: 1 });
  assert.deepEqual(diagnosticsOf([file]), [
    { place: "c.md:1:2", severity: "warning", ruleId: "link", source: "book", reason: "Unexpected thing 1, expected another" },
    { place: "c.md:2:1", severity: "info", reason: "A note" },
  ]);
});
