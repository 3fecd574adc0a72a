import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";
import { test } from "node:test";
import { fixture, runCli, snapshotFolder, tempDir } from "../helpers.ts";

/** An output folder holding a previous build, which a failed build must leave exactly as it was. */
async function previousOutput(): Promise<string> {
  const out = await tempDir();
  await writeFile(path.join(out, "book-horizontal-print.pdf"), "%PDF-1.7 previous build\n");
  await writeFile(path.join(out, "build-report.json"), '{"outputs":[]}\n');
  return out;
}

const cases = [
  { name: "missing-book-yaml", message: /missing-book-yaml\/book\.yaml\s+error\s+Unexpected missing `book\.yaml`/ },
  { name: "invalid-yaml", message: /book\.yaml:\d+:\d+\S*\s+error\s+Unexpected YAML syntax/ },
  { name: "wrong-types", message: /book\.yaml:2:\d+\S*\s+error\s+Unexpected string for `authors`/ },
  { name: "missing-chapter", message: /book\.yaml:6:\d+\S*\s+error\s+Unexpected missing chapter `chapters\/two\.md`/ },
  { name: "empty-chapter-list", message: /error\s+`chapters`: Unexpected empty chapter list/ },
  { name: "missing-image", message: /chapters\/one\.md:5:1-5:\d+\s+error\s+Unexpected missing image `images\/missing\.png`/ },
  { name: "uncovered-character", message: /chapters\/one\.md:5:\d+\S*\s+error\s+Unexpected character “𰀀” \(U\+30000, Han\) that no font can print/ },
  { name: "missing-cover", message: /book\.yaml:6:\d+\S*\s+error\s+Unexpected missing image `images\/封面\.png`/ },
  { name: "empty-book-yaml", message: /book\.yaml\s+error\s+Unexpected empty or non-mapping book\.yaml/ },
  { name: "not-an-image", message: /chapters\/one\.md:5:1-5:\d+\s+error\s+Unexpected file `images\/fake\.png` that is not a PNG, JPEG, GIF or WebP image/ },
  { name: "link-outside", message: /chapters\/one\.md:3:3-3:\d+\s+error\s+Unexpected link `\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd` to a file outside the manuscript folder/ },
  { name: "alias-bomb", message: /book\.yaml:5:\d+\S*\s+error\s+Unexpected YAML aliases \(`\*name`\) that expand to an enormous value/ },
  // An EPUBCheck finding about manuscript content is reported at the manuscript, the EPUB's place after it.
  { name: "epubcheck-finding", message: /chapters\/one\.md:5:\d+\S*\s+error\s+Unexpected EPUBCheck error RSC-005: .*Duplicate ID "c1-same" \(book-horizontal\.epub: OEBPS\/chapter-001\.xhtml:\d+:\d+\)/ },
  { name: "gbk-chapter", message: /chapters\/one\.md\s+error\s+Unexpected bytes that are not UTF-8.*GBK/ },
];

for (const { name, message } of cases) {
  test(`${name}: a clear message, a non-zero exit, the output folder untouched`, async () => {
    const out = await previousOutput();
    const before = await snapshotFolder(out);
    const run = await runCli(["--manuscript", fixture(name), "--out", out]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /Build failed; the output folder was left as it was/);
    assert.equal(run.stdout, "");
    const kept = await readdir(out);
    // Only a build that got as far as making outputs keeps them, in the rejected folder.
    assert.deepEqual(kept.filter((name) => name !== ".rejected").sort(), ["book-horizontal-print.pdf", "build-report.json"]);
    assert.equal(kept.includes(".rejected"), name === "epubcheck-finding");
    assert.deepEqual(Object.fromEntries(Object.entries(await snapshotFolder(out)).filter(([file]) => !file.startsWith(".rejected"))), before);
  });
}

test("a build that fails its checks keeps what it made in dist/.rejected/, names the page, and leaves the last good outputs alone; the next good build clears it", async () => {
  const out = await previousOutput();
  const before = await snapshotFolder(out);
  const run = await runCli(["--manuscript", fixture("long-colophon"), "--out", out]);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, "");
  const rejected = path.join(out, ".rejected");
  assert.deepEqual((await readdir(rejected)).sort(), ["book-horizontal-print.pdf", "book-horizontal-screen.pdf", "book-horizontal.epub", "book-vertical-print.pdf", "book-vertical-screen.pdf", "book-vertical.epub", "build-report.json"]);
  // The message names the kept file and the page to open in it.
  const printPdf = path.join(rejected, "book-horizontal-print.pdf");
  const { stdout: info } = await promisify(execFile)("pdfinfo", [printPdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  assert.match(run.stderr, new RegExp(`\\.rejected/book-horizontal-print\\.pdf\\s+error\\s+Unexpected 字数 \\d+ on the colophon \\(page ${pages}, the last\\)`));
  assert.match(run.stderr, /The outputs this build made are kept in .*\.rejected\/ for you to look at the pages named above/);
  assert.deepEqual(Object.fromEntries(Object.entries(await snapshotFolder(out)).filter(([file]) => !file.startsWith(".rejected"))), before);
  const good = await runCli(["--manuscript", fixture("minimal"), "--out", out]);
  assert.equal(good.code, 0, good.stderr);
  assert.equal((await readdir(out)).includes(".rejected"), false);
});

test("an unknown option is a usage error", async () => {
  const run = await runCli(["--manuscrpt", "x"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Usage/);
});

test("a duplicate chapter and an empty chapter are warnings naming the file; the book builds without them", async () => {
  const out = await tempDir();
  const run = await runCli(["--manuscript", fixture("duplicate-and-empty-chapter"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /book\.yaml:6:5\S*\s+warning\s+Unexpected duplicate chapter `chapters\/one\.md`/);
  assert.match(run.stderr, /book\.yaml:7:5\S*\s+warning\s+Unexpected empty chapter `chapters\/empty\.md`/);
});

test("with `uncoveredCharacters: warning`, a character no font has is set as 〓 and reported, never as tofu", async () => {
  const manuscript = await tempDir();
  await cp(fixture("uncovered-character"), manuscript, { recursive: true });
  await writeFile(path.join(manuscript, "book.yaml"), `${await readFile(path.join(manuscript, "book.yaml"), "utf8")}uncoveredCharacters: warning\n`);
  const out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /one\.md:5:12\S*\s+warning\s+Unexpected character “𰀀” \(U\+30000, Han\).*it is set as 〓/);
  const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", path.join(out, "book-horizontal-screen.pdf"), "-"]);
  assert.match(stdout, /人名用了扩展\s?G\s?区的字：〓。/);
});
