import assert from "node:assert/strict";
import { appendFile, cp, rm, stat } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { copyOfFixture, runCli, sampleManuscript, snapshotFolder, tempDir } from "../helpers.ts";
import { pageTexts } from "../pdf-helpers.ts";

const reuseMessage = /沿用 .* 的输出[\s\S]*its outputs were reused/;

test("a rebuild with nothing changed reuses the outputs; an edit, a deleted output or --force builds again", async () => {
  const manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  const out = await tempDir();
  const build = (...extra: string[]) => runCli(["--manuscript", manuscript, "--out", out, ...extra]);

  const first = await build();
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stderr, reuseMessage);
  const built = await snapshotFolder(out);

  const unchanged = await build();
  assert.equal(unchanged.code, 0, unchanged.stderr);
  assert.match(unchanged.stderr, reuseMessage);
  assert.equal(unchanged.stdout, first.stdout, "the same outputs are named");
  assert.deepEqual(await snapshotFolder(out), built, "not a byte rewritten");

  await appendFile(path.join(manuscript, "chapters", "03-smart-community.md"), "\n编辑部补记：本文数据截至年底。\n");
  const edited = await build();
  assert.equal(edited.code, 0, edited.stderr);
  assert.doesNotMatch(edited.stderr, reuseMessage);
  assert.match((await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).join(""), /编辑部补记/);

  await rm(path.join(out, "book-vertical.epub"));
  const repaired = await build();
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.doesNotMatch(repaired.stderr, reuseMessage);
  assert.ok((await stat(path.join(out, "book-vertical.epub"))).size > 0);

  const report = path.join(out, "build-report.json");
  const builtAt = (await stat(report)).mtimeMs;
  const forced = await build("--force");
  assert.equal(forced.code, 0, forced.stderr);
  assert.doesNotMatch(forced.stderr, reuseMessage);
  assert.ok((await stat(report)).mtimeMs > builtAt, "--force wrote the outputs again");
});

test("--watch builds, rebuilds on save through the part cache with one line each, keeps the last good outputs when a rebuild fails, and stops on Ctrl-C", async () => {
  const manuscript = await copyOfFixture("minimal");
  const out = await tempDir();
  const chapter = path.join(manuscript, "chapters", "one.md");
  let pid = 0;
  let stderr = "";
  const watching = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 180_000;
      const poll = () => {
        if ((stderr.match(/Watching /g) ?? []).length >= count) resolve();
        else if (Date.now() > deadline) reject(new Error(`no build ${count} within 3 min:\n${stderr}`));
        else setTimeout(poll, 200);
      };
      poll();
    });
  const run = runCli(["--manuscript", manuscript, "--out", out, "--watch"], { onSpawn: (spawned) => (pid = spawned), onStderr: (text) => (stderr = text) });

  await watching(1);
  assert.ok((await stat(path.join(out, "book-horizontal-screen.pdf"))).size > 0);

  await appendFile(chapter, "\n守候模式新增的一句话。\n");
  await watching(2);
  assert.match(stderr, /✓ .*one\.md：重排 横排 [1-9]\d* 页（\d+\/\d+ 份）、竖排 [1-9]\d* 页（\d+\/\d+ 份），[\d.]+ s。/);
  assert.match((await pageTexts(path.join(out, "book-horizontal-screen.pdf"))).join(""), /守候模式新增的一句话/);
  const good = await snapshotFolder(out);

  await appendFile(chapter, "\n[外面](../../../../../etc/passwd)\n");
  await watching(3);
  assert.match(stderr, /✗ .*one\.md：重新构建失败（见上），原来的输出未动/);
  assert.match(stderr, /Unexpected link `\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd` to a file outside the manuscript folder/);
  assert.deepEqual(await snapshotFolder(out), good, "the last good outputs stay");

  process.kill(pid, "SIGINT");
  const ended = await run;
  assert.equal(ended.code, 0, ended.stderr);
  assert.match(ended.stderr, /Stopping the watch/);
});
