import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { loadBook } from "../../scripts/book/load.ts";
import { BuildFailure } from "../../scripts/diagnostics.ts";
import { fixture, sampleManuscript, tempDir } from "../helpers.ts";

async function failureOf(name: string): Promise<string[]> {
  try {
    await loadBook({ manuscriptDir: fixture(name) });
  } catch (cause) {
    assert.ok(cause instanceof BuildFailure, String(cause));
    return cause.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(String));
  }
  assert.fail(`${name} loaded without error`);
}

test("the sample manuscript loads with its three chapters and colophon", async () => {
  const book = await loadBook({ manuscriptDir: sampleManuscript });
  assert.equal(book.chapters.length, 3);
  assert.deepEqual(book.config.colophon, [{ label: "主办单位", values: ["柯桥区委宣传部", "柯桥区社科联", "柯桥日报社"] }]);
  assert.deepEqual(book.source.messages, []);
});

test("missing book.yaml names the file it looked for", async () => {
  const [message] = await failureOf("missing-book-yaml");
  assert.match(message!, /missing-book-yaml\/book\.yaml.*Unexpected missing `book\.yaml`/);
});

test("invalid YAML reports the line", async () => {
  const [message] = await failureOf("invalid-yaml");
  assert.match(message!, /book\.yaml:\d+:\d+.*Unexpected YAML syntax/);
});

test("wrong types name the key and its line", async () => {
  const messages = await failureOf("wrong-types");
  assert.ok(messages.some((message) => /book\.yaml:2:\d+.*`authors`/.test(message)), messages.join("\n"));
  assert.ok(messages.some((message) => /book\.yaml:4:\d+.*`page`.*Unexpected page size/.test(message)), messages.join("\n"));
});

test("a missing chapter is named, with the line in book.yaml", async () => {
  const [message] = await failureOf("missing-chapter");
  assert.match(message!, /book\.yaml:6:\d+.*Unexpected missing chapter `chapters\/two\.md`/);
});

test("an empty chapter list is an error", async () => {
  const [message] = await failureOf("empty-chapter-list");
  assert.match(message!, /chapters.*Unexpected empty chapter list/);
});

test("an unknown key is a warning naming the nearest known key", async () => {
  const book = await loadBook({ manuscriptDir: fixture("unknown-key") });
  const [warning] = book.source.messages;
  assert.equal(warning?.fatal, false);
  assert.match(String(warning), /book\.yaml:2:1.*`autors`.*did you mean `authors`/);
});

test("a GBK chapter is refused with how to convert it", async () => {
  const [message] = await failureOf("gbk-chapter");
  assert.match(message!, /one\.md.*GBK.*iconv -f GB18030 -t UTF-8/);
});

test("a UTF-8 BOM and CRLF line ends are taken silently", async () => {
  const book = await loadBook({ manuscriptDir: fixture("bom-crlf") });
  const text = String(book.chapters[0]!.value);
  assert.ok(text.startsWith("---\nauthor: 李四"), JSON.stringify(text.slice(0, 20)));
  assert.ok(!text.includes("\r"));
  assert.deepEqual(book.chapters[0]!.messages, []);
});

test("a character no declared font covers is an error at its line and column", async () => {
  const { checkFontCoverage } = await import("../../scripts/fonts/coverage.ts");
  const book = await loadBook({ manuscriptDir: fixture("uncovered-character") });
  checkFontCoverage(book.chapters);
  assert.match(String(book.chapters[0]!.messages[0]), /one\.md:5:12.*“𰀀” \(U\+30000, Han\)/);
});

test("a UTF-16 chapter is converted, with a warning that says so", async () => {
  const { decodeManuscriptText } = await import("../../scripts/book/decode.ts");
  const text = "# 第一章\r\n\r\n正文。\r\n";
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  assert.deepEqual(decodeManuscriptText(bytes), { ok: true, text: "# 第一章\n\n正文。\n", note: "UTF-16LE" });
  const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
  assert.equal((decodeManuscriptText(bigEndian) as { text: string }).text, "# 第一章\n\n正文。\n");
});

test("an image or chapter reached through a symlink out of the manuscript is refused, never read", async () => {
  const { mkdtemp, mkdir, symlink, writeFile, cp } = await import("node:fs/promises");
  const os = await import("node:os");
  const path = await import("node:path");
  const { imageFileProblem } = await import("../../scripts/book/images.ts");
  const root = await mkdtemp(path.join(os.tmpdir(), "symlink-"));
  const manuscript = path.join(root, "book");
  await cp(fixture("minimal"), manuscript, { recursive: true });
  await writeFile(path.join(root, "secret.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await mkdir(path.join(manuscript, "images"));
  await symlink(path.join(root, "secret.png"), path.join(manuscript, "images", "linked.png"));
  assert.match((await imageFileProblem("images/linked.png", path.join(manuscript, "images", "linked.png"), manuscript))!, /leads outside the manuscript folder/);
  await symlink(path.join(root, "secret.png"), path.join(manuscript, "chapters", "two.md"));
  await writeFile(path.join(manuscript, "book.yaml"), "title: 书\nauthors: [甲]\npublisher: 社\nchapters:\n  - chapters/one.md\n  - chapters/two.md\n");
  try {
    await loadBook({ manuscriptDir: manuscript });
    assert.fail("loaded a chapter outside the manuscript");
  } catch (cause) {
    assert.ok(cause instanceof BuildFailure);
    assert.match(cause.files.flatMap((file) => file.messages.map(String)).join("\n"), /chapter `chapters\/two\.md` outside the manuscript folder/);
  }
});

test("control characters (a backspace pasted into a chapter) are removed with a warning at the first, never passed to the EPUB", async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, "book.yaml"), "title: 书\nauthors: [甲]\npublisher: 乙\nchapters: [a.md]\n");
  await writeFile(path.join(dir, "a.md"), "# 题\n\n退格\b\b键与\u001b转义。\n");
  const book = await loadBook({ manuscriptDir: dir });
  assert.equal(String(book.chapters[0]!.value), "# 题\n\n退格键与转义。\n");
  assert.deepEqual(book.chapters[0]!.messages.map(String), [`${path.join(dir, "a.md")}:3:3: Unexpected control characters (3: U+0008, U+001B), expected printable text: removed, as they print nothing and an EPUB cannot hold them (delete them in the file to silence this)`]);
});

test("book.yaml nests parts, chapters and sections; each file knows its place", async () => {
  const book = await loadBook({ manuscriptDir: fixture("nested-book") });
  assert.deepEqual(
    book.chapters.map((file) => [path.relative(fixture("nested-book"), file.path), file.data.place]),
    [
      ["前言.md", { role: "chapter", depth: 0, inPart: false }],
      ["book.yaml", { role: "part", depth: 0, inPart: true, title: "第一篇 基础" }],
      ["ch1.md", { role: "chapter", depth: 0, inPart: true, title: undefined }],
      ["ch1/install.md", { role: "section", depth: 1, inPart: true }],
      ["ch1/config.md", { role: "section", depth: 1, inPart: true, title: "配置文件" }],
      ["ch1/config-env.md", { role: "section", depth: 2, inPart: true }],
      ["part2.md", { role: "part", depth: 0, inPart: true, title: "第二篇 进阶" }],
      ["ch2.md", { role: "chapter", depth: 0, inPart: true }],
    ],
  );
});
