import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { test } from "node:test";
import { copyOfFixture, runCli, tempDir } from "../helpers.ts";

test("an mdBook site becomes a book: init:book writes book.yaml, build:book builds it", async () => {
  const dir = await copyOfFixture("sites/mdbook");
  const missing = await runCli(["--manuscript", dir, "--out", await tempDir()]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Unexpected missing `book\.yaml`, expected .*: the folder holds a site made with mdBook \(book\.toml\); `npm run init:book -- .*` writes book\.yaml/);
  const init = await runCli([dir], { script: "scripts/init/cli.ts" });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /title: Rust 编程入门/);
  const out = await tempDir();
  const build = await runCli(["--manuscript", dir, "--out", out]);
  assert.equal(build.code, 0, build.stderr);
  const outputs = await readdir(out);
  assert.ok(outputs.includes("book-horizontal-screen.pdf") && outputs.includes("book-vertical.epub"), outputs.join(", "));
});
