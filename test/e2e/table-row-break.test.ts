import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPdfTextsExact, fixture, runCli, tempDir } from "../helpers.ts";

// Kubernetes 基础教程 (Hugo), vertical p. 83: a table broke before its fourth body row, and once
// Paged.js took the later rows off, the third, which had fitted with a pixel to spare, was pushed
// into the page box's next column, which is never printed; the next page began at the fourth row.
// The build's text check failed on 78 lost letters.
test("a table broken between rows prints every row, in both layouts", async () => {
  const out = await tempDir();
  const run = await runCli(["--manuscript", fixture("table-row-break"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  await assertPdfTextsExact(out, 500);
});
