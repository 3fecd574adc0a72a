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
  { name: "missing-book-yaml", message: /missing-book-yaml\/book\.yaml\n.*error\s+Unexpected missing `book\.yaml`/ },
  { name: "invalid-yaml", message: /book\.yaml\n\s*\d+:\d+\s+error\s+Unexpected YAML syntax/ },
  { name: "wrong-types", message: /2:\d+\s+error\s+Unexpected string for `authors`/ },
  { name: "missing-chapter", message: /6:\d+\s+error\s+Unexpected missing chapter `chapters\/two\.md`/ },
  { name: "empty-chapter-list", message: /error\s+`chapters`: Unexpected empty chapter list/ },
  { name: "missing-image", message: /chapters\/one\.md\n\s*5:1-5:\d+\s+error\s+Unexpected missing image `images\/missing\.png`/ },
  { name: "uncovered-character", message: /chapters\/one\.md\n\s*5:\d+\s+error\s+Unexpected character “𰀀” \(U\+30000\) that no declared font has/ },
  { name: "missing-cover", message: /book\.yaml\n\s*6:\d+\s+error\s+Unexpected missing image `images\/封面\.png`/ },
  { name: "empty-book-yaml", message: /book\.yaml\n.*error\s+Unexpected empty or non-mapping book\.yaml/ },
  { name: "not-an-image", message: /chapters\/one\.md\n\s*5:1-5:\d+\s+error\s+Unexpected file `images\/fake\.png` that is not a PNG, JPEG, GIF or WebP image/ },
  { name: "link-outside", message: /chapters\/one\.md\n\s*3:3-3:\d+\s+error\s+Unexpected link `\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd` to a file outside the manuscript folder/ },
  { name: "alias-bomb", message: /book\.yaml\n\s*5:\d+\s+error\s+Unexpected YAML aliases \(`\*name`\) that expand to an enormous value/ },
  // An EPUBCheck finding about manuscript content is reported at the manuscript, the EPUB's place after it.
  { name: "epubcheck-finding", message: /chapters\/one\.md\n\s*5:\d+\s+error\s+Unexpected EPUBCheck error RSC-005: .*Duplicate ID "c1-same" \(book-horizontal\.epub: OEBPS\/chapter-001\.xhtml:\d+:\d+\)/ },
  { name: "gbk-chapter", message: /chapters\/one\.md\n.*error\s+Unexpected bytes that are not UTF-8.*GBK/ },
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
    assert.deepEqual(await snapshotFolder(out), before);
    assert.deepEqual((await readdir(out)).sort(), ["book-horizontal-print.pdf", "build-report.json"]);
  });
}

test("an unknown option is a usage error", async () => {
  const run = await runCli(["--manuscrpt", "x"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Usage/);
});

test("a duplicate chapter and an empty chapter are warnings naming the file; the book builds without them", async () => {
  const out = await tempDir();
  const run = await runCli(["--manuscript", fixture("duplicate-and-empty-chapter"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /6:5\s+warning\s+Unexpected duplicate chapter `chapters\/one\.md`/);
  assert.match(run.stderr, /7:5\s+warning\s+Unexpected empty chapter `chapters\/empty\.md`/);
});

test("with `uncoveredCharacters: warning`, a character no font has is set as 〓 and reported, never as tofu", async () => {
  const manuscript = await tempDir();
  await cp(fixture("uncovered-character"), manuscript, { recursive: true });
  await writeFile(path.join(manuscript, "book.yaml"), `${await readFile(path.join(manuscript, "book.yaml"), "utf8")}uncoveredCharacters: warning\n`);
  const out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /5:12\s+warning\s+Unexpected character “𰀀” \(U\+30000\).*it is set as 〓/);
  const { stdout } = await promisify(execFile)("pdftotext", ["-enc", "UTF-8", path.join(out, "book-horizontal-screen.pdf"), "-"]);
  assert.match(stdout, /人名用了扩展\s?G\s?区的字：〓。/);
});
