import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { faceOf, pageTextsOf, readFonts, squeezed } from "../pdf-reader.ts";

// A book as static-site generators leave it: titles in front matter with Hugo keys beside them,
// site-root image paths under `assets: static`, links between chapter files, Chinese footnote
// labels, Western names, Greek, a rare Han character, a formula, a highlighted code block.
const execute = promisify(execFile);
const manuscript = fixture("static-site");
const pdfs = ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"];
let out: string;
let stderr: string;
let texts: Record<string, string>;
let pagesOf: Record<string, string[]>;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  stderr = run.stderr;
  pagesOf = Object.fromEntries(await Promise.all(pdfs.map(async (name) => [name, await pageTextsOf(path.join(out, name))] as const)));
  texts = Object.fromEntries(pdfs.map((name) => [name, pagesOf[name]!.join("\n")]));
});

test("front matter titles are the chapter titles; the static-site keys make one summary line, not a warning each", () => {
  for (const text of Object.values(texts)) assert.match(text.replace(/\s+/g, ""), /第一章流处理入门[\s\S]*第二章窗口/);
  assert.doesNotMatch(stderr, /without a title/);
  assert.doesNotMatch(stderr, /Unexpected front matter key/);
  assert.equal(stderr.match(/Ignored static-site front matter keys/g)?.length, 1);
  assert.match(stderr, /`weight` \(2\)/);
});

test("Western names, Greek and Extension B characters print as themselves, from declared TrueType faces, with no 〓", async () => {
  for (const name of pdfs) {
    const text = texts[name]!.replace(/\s+/g, "");
    for (const word of ["Çetintemel", "Michał", "Jovanović", "σ", "ϕ", "𠀀", "𪚥", "乘以二"]) assert.ok(text.includes(word), `${word} missing in ${name}`);
    assert.ok(!texts[name]!.includes("〓"), name);
    const fonts = await readFonts(path.join(out, name));
    assert.ok(fonts.every((font) => font.type === "CID TrueType" && font.embedded), JSON.stringify(fonts));
    const families = new Set(fonts.map((font) => faceOf(font).replace(/-.*/, "")));
    for (const family of ["NotoSerif", "NotoSerifSC", "HanaMinB", "DejaVuSansMono"]) assert.ok(families.has(family), `${name} lacks ${family}: ${[...families].join(", ")}`);
  }
});

test("links: to another chapter's file and its anchor they work in both PDFs and EPUBs; other files become text with a warning at the link", async () => {
  const source = await readFile(path.join(manuscript, "content", "ch1", "index.md"), "utf8");
  const line = source.split("\n").findIndex((text) => text.includes("](../../about.md)")) + 1;
  assert.match(stderr, new RegExp(`index\\.md:${line}:3-${line}:\\d+\\s+warning\\s+Unexpected link \`\\.\\./\\.\\./about\\.md\` to a file that does not exist`));
  assert.match(stderr, new RegExp(`${line}:\\d+-${line}:\\d+\\s+warning\\s+Unexpected link \`/data/table\\.csv\` to a file of the manuscript that is not a chapter`));
  // The page reference through the chapter file's anchor prints the page the section starts on:
  // the page with a line (a column) that is the heading 窗口 alone, in every PDF.
  for (const name of pdfs) {
    const headingPage = pagesOf[name]!.findIndex((page) => page.split("\n").some((line) => squeezed(line) === "窗口")) + 1;
    assert.ok(headingPage > 3, `${name}: the heading 窗口 on page ${headingPage}`);
    assert.match(squeezed(texts[name]!), new RegExp(`“窗口”（第${headingPage}页）`), name);
  }
  const { stdout } = await execute("pdfinfo", ["-dests", path.join(out, "book-horizontal-screen.pdf")]);
  assert.match(stdout, /c2-windows/);
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")));
  const first = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
  assert.match(first, /<a href="chapter-002\.xhtml#chapter-2">第二章<\/a>/);
  assert.match(first, /<a href="chapter-002\.xhtml#c2-windows">窗口<\/a>/);
  // A link to an image the book shows goes to its figure.
  const figureId = /<figure[^>]* id="([^"]+)"/.exec(first)?.[1];
  assert.ok(figureId);
  assert.match(first, new RegExp(`<a href="#${figureId}">图`));
  // Footnote labels in Chinese give ASCII ids that resolve.
  const noteIds = [...first.matchAll(/<aside id="([^"]+)"/g)].map((match) => match[1]!);
  assert.equal(noteIds.length, 1);
  assert.match(noteIds[0]!, /^[A-Za-z0-9_-]+$/);
  assert.ok(first.includes(`href="#${noteIds[0]}"`));
  assert.doesNotMatch(first, /data-source=/);
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("EPUBs: the list keeps its start number, the formula is MathML with its TeX as alttext", async () => {
  assert.doesNotMatch(stderr, /epub-gen-memory: .*isn't allowed/);
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-vertical.epub")));
  const first = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
  assert.match(first, /<ol start="3">/);
  assert.match(first, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" alttext="\\phi = \\sigma\^2 \+ 1">/);
  assert.match(await zip.file("OEBPS/content.opf")!.async("string"), /href="chapter-001\.xhtml" media-type="application\/xhtml\+xml" properties="mathml"/);
  assert.match(first, /<span class="tok-keyword">def<\/span>/);
});

test("PDFs: formulas are drawn, not set in a font (text in them in the book's face); code keeps its text in the mono face", () => {
  for (const name of pdfs) {
    const text = texts[name]!;
    assert.ok(!text.includes("\\phi") && !text.includes("\\sum") && !text.includes("\\tag"), `${name} shows TeX source`);
    // Dollars with a space inside are money, not a formula; Chinese in a formula is set in the book's face.
    assert.match(text.replace(/\s+/g, ""), /票价在\$5与\$10之间/);
    assert.ok(text.replace(/\s+/g, "").includes("路程"), name);
    assert.match(text.replace(/\s+/g, ""), /defdouble\(x\):/);
  }
});
