import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPdfTextsExact, fixture, runCli, tempDir } from "../helpers.ts";

// Kubernetes 基础教程 (Hugo) architecture/overview, vertical: Paged.js broke a table between its head
// and its body; the head, left alone at the foot of the page, was pushed off it once the body was
// taken away, and lost, and the next page printed 续表 over the table's start (text check: 13
// letters lost). The table now goes to the next page whole.
test("a table is not broken after its head rows: it goes to the next page whole, in both layouts", async () => {
  const out = await tempDir();
  const run = await runCli(["--manuscript", fixture("table-head-break"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  await assertPdfTextsExact(out, 4_000);
});
