import assert from "node:assert/strict";
import { cp, rm, writeFile, appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { inputFingerprint, inputsFileName, inputsRecord, reusableOutputs, toolsFingerprint } from "../../scripts/output/reuse.ts";
import { sampleManuscript, tempDir } from "../helpers.ts";

const tools = await toolsFingerprint("/usr/bin/chromium");

const setUp = async () => {
  const manuscriptDir = await tempDir();
  await cp(sampleManuscript, manuscriptDir, { recursive: true });
  const outDir = await tempDir();
  const options = { manuscriptDir, outDir, pressReady: false, embedFonts: false };
  return { manuscriptDir, outDir, options };
};

test("the fingerprint changes with the manuscript and the options, and only with them", async () => {
  const { manuscriptDir, options } = await setUp();
  const original = await inputFingerprint(options, tools);
  assert.equal(await inputFingerprint(options, tools), original);
  assert.notEqual(await inputFingerprint({ ...options, pressReady: true }, tools), original);
  assert.notEqual(await inputFingerprint({ ...options, embedFonts: true }, tools), original);
  assert.notEqual(await inputFingerprint(options, tools.replace(/^./, (first) => (first === "0" ? "1" : "0"))), original, "other tools");
  assert.equal(await toolsFingerprint("/usr/bin/chromium"), tools);
  await appendFile(path.join(manuscriptDir, "chapters", "02-reform-and-hard-work.md"), "\n补记。\n");
  const edited = await inputFingerprint(options, tools);
  assert.notEqual(edited, original);
  await mkdir(path.join(manuscriptDir, "chapters", "images"), { recursive: true });
  await writeFile(path.join(manuscriptDir, "chapters", "images", "new.png"), "not yet used");
  assert.notEqual(await inputFingerprint(options, tools), edited, "a new file in the manuscript folder counts");
});

test("outputs are reused only with the same fingerprint and while every output is there as written", async () => {
  const { outDir, options } = await setUp();
  const fingerprint = await inputFingerprint(options, tools);
  assert.equal(await reusableOutputs(outDir, fingerprint), undefined, "no record, no reuse");
  await writeFile(path.join(outDir, "book.pdf"), "12345");
  await writeFile(path.join(outDir, "build-report.json"), "{}");
  await writeFile(path.join(outDir, inputsFileName), inputsRecord(fingerprint, [{ name: "book.pdf", bytes: 5 }, { name: "build-report.json", bytes: 2 }]));
  assert.deepEqual(await reusableOutputs(outDir, fingerprint), [path.join(outDir, "book.pdf"), path.join(outDir, "build-report.json")]);
  assert.equal(await reusableOutputs(outDir, fingerprint.replace(/^./, (first) => (first === "0" ? "1" : "0"))), undefined, "other inputs");
  await writeFile(path.join(outDir, "book.pdf"), "123456");
  assert.equal(await reusableOutputs(outDir, fingerprint), undefined, "an output replaced");
  await rm(path.join(outDir, "book.pdf"));
  assert.equal(await reusableOutputs(outDir, fingerprint), undefined, "an output deleted");
});

test("the tools' fingerprint changes with the Ghostscript that writes the PDF/X files", async () => {
  const folder = await tempDir();
  const gs = path.join(folder, "gs");
  await writeFile(gs, "#!/bin/sh\n");
  const savedPath = process.env.PATH;
  try {
    process.env.PATH = `${folder}${path.delimiter}${savedPath}`;
    const first = await toolsFingerprint("/usr/bin/chromium");
    await writeFile(gs, "#!/bin/sh\n# another version\n");
    assert.notEqual(await toolsFingerprint("/usr/bin/chromium"), first);
  } finally {
    process.env.PATH = savedPath;
  }
});
