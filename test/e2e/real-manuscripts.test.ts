import assert from "node:assert/strict";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from "pdf-lib";
import { fixture, runCli, tempDir } from "../helpers.ts";

// What real manuscripts do that the sample book does not (issue 26): see the fixture's book.yaml.
const manuscript = fixture("real-manuscripts");
let out: string;
let stderr: string;

/** The URI of every link annotation in a PDF. */
async function linkTargets(file: string): Promise<string[]> {
  const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  return pdf.getPages().flatMap((page) => {
    const annotations = page.node.Annots();
    return Array.from({ length: annotations?.size() ?? 0 }, (_, index) => {
      const uri = annotations!.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of("A"), PDFDict)?.lookup(PDFName.of("URI"));
      return uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
    }).filter((uri): uri is string => uri !== undefined);
  });
}

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out, "--verbose"]);
  assert.equal(run.code, 0, run.stderr);
  stderr = run.stderr;
});

test("a bare address in emphasis before 。 links to itself in both EPUBs and every PDF, and EPUBCheck finds nothing", async () => {
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, name)));
    const chapter = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
    // The address, Western text in emphasis, is set in italic (rehype-western-italic.ts).
    assert.match(chapter, /<em><a href="http:\/\/www\.example\.com"[^>]*>(?:<span class="western">)?http:\/\/www\.example\.com(?:<\/span>)?<\/a><\/em>。/, name);
    assert.match(chapter, /href="mailto:editor@example\.com"[^>]*>editor@example\.com<\/a>，/, name);
  }
  const pdfs = (await readdir(out)).filter((name) => name.endsWith(".pdf"));
  assert.ok(pdfs.length >= 4, pdfs.join(", "));
  for (const name of pdfs) {
    const uris = await linkTargets(path.join(out, name));
    assert.ok(uris.some((uri) => /^http:\/\/www\.example\.com\/?$/.test(uri)), `${name}: ${uris.join(" ")}`);
    assert.ok(uris.every((uri) => !uri.includes("*") && !uri.includes("%E3%80%82")), `${name}: ${uris.join(" ")}`);
  }
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; epubcheck?: { fatals: number; errors: number } }> };
  const epubs = report.outputs.filter((output) => output.epubcheck);
  assert.equal(epubs.length, 2);
  for (const epub of epubs) assert.deepEqual([epub.epubcheck!.fatals, epub.epubcheck!.errors], [0, 0], epub.path);
});

test("a chapter without a heading or `title:` is titled by its `linkTitle`, else its file name, each with a warning at the chapter", async () => {
  const toc = await (await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")))).file("OEBPS/toc.xhtml")!.async("string");
  assert.match(toc, /第一章 网址[\s\S]*第二章 入门[\s\S]*ch3-intro/);
  assert.match(stderr, /content\/ch2-hugo\.md:3:1\S*\s+warning\s+Unexpected chapter without a title.*`linkTitle` “第二章 入门” is used\s+\[chapter-title\]/);
  assert.match(stderr, /content\/ch3-intro\.md:1:1\S*\s+warning\s+Unexpected chapter without a title.*file name “ch3-intro” is used\s+\[chapter-title\]/);
});

test("a misspelt front matter key in two chapters is one warning, at the first, counting both", () => {
  assert.equal(stderr.match(/Unexpected front matter key `authr`/g)?.length, 1, stderr);
  assert.match(stderr, /content\/ch1-links\.md:2:1\S*\s+warning\s+Unexpected front matter key `authr` in 2 chapters \(the first is here\)/);
});

test("a chapter of block quotes nested 3,000 deep fails the build within seconds, at the 33rd `>`, with no stack overflow", async () => {
  const folder = await tempDir();
  await mkdir(path.join(folder, "chapters"));
  await writeFile(path.join(folder, "book.yaml"), "title: 深\nauthors: [张三]\npublisher: 测试出版社\nchapters:\n  - chapters/deep.md\n");
  await writeFile(path.join(folder, "chapters", "deep.md"), `# 深\n\n${">".repeat(3000)} 正文\n`);
  const started = Date.now();
  const run = await runCli(["--manuscript", folder, "--out", await tempDir()]);
  const seconds = (Date.now() - started) / 1000;
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /chapters\/deep\.md:3:33\S*\s+error\s+Unexpected block quote nested more than 32 levels deep/);
  assert.doesNotMatch(run.stderr, /Maximum call stack|internal error/i);
  assert.ok(seconds < 10, `${seconds} s`);
});
