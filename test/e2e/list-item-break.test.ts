import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPdfTextsExact, fixture, runCli, tempDir } from "../helpers.ts";

// A loose list's item (its text a paragraph) whose paragraph moved whole to the next page left an
// empty item at the foot of the page, with its number: “3.” printed there and again over the text on
// the next page, which the build's text check failed (Vue 文档 transition.md, horizontal pp. 148–150;
// this fixture: “19” on horizontal p. 5, “4” on vertical p. 10).
test("a list item that begins on the next page prints its number there only, in both layouts", async () => {
  const out = await tempDir();
  const run = await runCli(["--manuscript", fixture("list-item-break"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  await assertPdfTextsExact(out, 6_000);
});
