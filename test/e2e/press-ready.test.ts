import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { han } from "../pdf-helpers.ts";
import { pagesOf, readPages, squeezed, textOf } from "../pdf-reader.ts";

const run = promisify(execFile);
const mm = 72 / 25.4;
let out: string;
let stderr: string;
let custom: string;

before(async () => {
  out = await tempDir();
  const build = await runCli(["--manuscript", sampleManuscript, "--out", out, "--press-ready"]);
  assert.equal(build.code, 0, build.stderr);
  stderr = build.stderr;
  const manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  const bookYaml = (await readFile(path.join(manuscript, "book.yaml"), "utf8")).replace(/^page: .*$/m, "page: 正32开");
  await writeFile(path.join(manuscript, "book.yaml"), `${bookYaml}bleed: 5\npageMultiple: 8\ntaggedPdf: true\n`);
  custom = await tempDir();
  const customBuild = await runCli(["--manuscript", manuscript, "--out", custom]);
  assert.equal(customBuild.code, 0, customBuild.stderr);
});

const load = async (file: string) => PDFDocument.load(await readFile(file), { updateMetadata: false });
const near = (a: number, b: number) => Math.abs(a - b) < 0.3;

async function checkPrintBoxes(file: string, trim: [number, number], bleed: number, multiple: number) {
  const document = await load(file);
  assert.equal(document.getPageCount() % multiple, 0, `${file}: ${document.getPageCount()} pages`);
  for (const [index, page] of document.getPages().entries()) {
    const trimBox = page.getTrimBox();
    const bleedBox = page.getBleedBox();
    const media = page.getMediaBox();
    const where = `${path.basename(file)} page ${index + 1}`;
    assert.ok(near(trimBox.width, trim[0] * mm) && near(trimBox.height, trim[1] * mm), `${where}: TrimBox ${trimBox.width}×${trimBox.height}`);
    assert.ok(near(trimBox.x - bleedBox.x, bleed * mm) && near(bleedBox.width, (trim[0] + 2 * bleed) * mm) && near(bleedBox.height, (trim[1] + 2 * bleed) * mm), `${where}: BleedBox`);
    assert.ok(media.x < bleedBox.x - 5 * mm && media.y < bleedBox.y - 5 * mm && media.width > bleedBox.width + 10 * mm && media.height > bleedBox.height + 10 * mm, `${where}: MediaBox holds the marks outside the bleed`);
  }
}

test("print editions: TrimBox = trim, BleedBox = trim + 2 × 3 mm, marks outside the bleed, pages a multiple of 4", async () => {
  for (const layout of ["horizontal", "vertical"]) {
    await checkPrintBoxes(path.join(out, `book-${layout}-print.pdf`), [148, 210], 3, 4);
    await checkPrintBoxes(path.join(out, `book-${layout}-print-pdfx.pdf`), [148, 210], 3, 4);
  }
});

test("book.yaml sets the bleed, the signature size and the trim size by its Chinese name", async () => {
  for (const layout of ["horizontal", "vertical"]) await checkPrintBoxes(path.join(custom, `book-${layout}-print.pdf`), [130, 184], 5, 8);
  const report = JSON.parse(await readFile(path.join(custom, "build-report.json"), "utf8"));
  assert.ok(report.outputs.some((output: { edition: string; blankPagesAdded: number }) => output.edition === "print" && output.blankPagesAdded > 0));
});

test("the colophon stays on the last page after padding, blank pages stand before it", async () => {
  for (const layout of ["horizontal", "vertical"] as const) {
    const file = path.join(out, `book-${layout}-print.pdf`);
    // A vertical page read column by column, not across its columns as pdftotext does.
    const pages = (await readPages(file, layout)).map((page) => textOf(page));
    assert.match(han(pages.at(-1)!), /主办单位柯桥区委宣传部柯桥区社科联柯桥日报社/, `${layout}: the sponsors on the last page`);
    assert.equal(pages.at(-2)!.trim(), "", `${layout}: a blank page before the colophon`);
  }
});

test("with pages padded to a multiple of 8 on 正32开, the print colophon's 开本 and 印张 follow the print PDF's page count", async () => {
  for (const layout of ["horizontal", "vertical"] as const) {
    const file = path.join(custom, `book-${layout}-print.pdf`);
    const pages = await pagesOf(file);
    const text = squeezed(textOf((await readPages(file, layout)).at(-1)!));
    // 正32开 is 1/32 of a 787 × 1092 mm sheet; 印张 = pages ÷ 32, rounded up to the next half.
    assert.match(text, /开本：787mm×1092mm1\/32/, text);
    assert.equal(/印张：(\d+(?:\.\d+)?)/.exec(text)?.[1], String(Math.ceil((pages / 32) * 2) / 2), `${layout}: ${pages} pages\n${text}`);
  }
});

async function outlineTitles(file: string): Promise<string[]> {
  const document = await load(file);
  const titles: string[] = [];
  const outlines = document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  let item = outlines?.lookupMaybe(PDFName.of("First"), PDFDict);
  while (item) {
    const title = item.get(PDFName.of("Title"));
    titles.push(title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : "");
    item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
  }
  return titles;
}

test("screen editions have a bookmark for every chapter, in reading order", async () => {
  for (const layout of ["horizontal", "vertical"]) {
    const titles = await outlineTitles(path.join(out, `book-${layout}-screen.pdf`));
    assert.deepEqual(titles.map(han), ["学习创新发展经验争当融杭接沪示范区", "学习深圳创新发展经验引领融杭接沪示范区建设", "改革创新求是实干", "打造智慧社区让生活更美好"], layout);
  }
});

test("document data in Info and XMP: title, author, language, creator", async () => {
  const file = path.join(out, "book-horizontal-screen.pdf");
  const { stdout } = await run("pdfinfo", ["-meta", file]);
  assert.match(stdout, /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">学习创新发展经验 争当“融杭接沪示范区”<\/rdf:li>/);
  assert.match(stdout, /<dc:creator><rdf:Seq><rdf:li>沈关祥<\/rdf:li><rdf:li>高波<\/rdf:li><rdf:li>冯华林<\/rdf:li><\/rdf:Seq>/);
  assert.match(stdout, /<dc:language><rdf:Bag><rdf:li>zh-CN<\/rdf:li>/);
  const document = await load(file);
  assert.equal(document.getTitle(), "学习创新发展经验 争当“融杭接沪示范区”");
  assert.equal(document.getAuthor(), "沈关祥、高波、冯华林");
  assert.match(document.getCreator() ?? "", /cjk-book-pipeline/);
  assert.equal(String(document.catalog.get(PDFName.of("Lang"))), "(zh-CN)");
});

test("PDF/X: declared version, an output intent, CMYK only, and the same text as the print edition", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  for (const layout of ["horizontal", "vertical"]) {
    const file = path.join(out, `book-${layout}-print-pdfx.pdf`);
    const { stdout: info } = await run("pdfinfo", [file]);
    assert.match(info, /PDF subtype:\s+PDF\/X-3:2002/);
    const document = await load(file);
    assert.ok(document.catalog.get(PDFName.of("OutputIntents")), "an output intent");
    const entry = report.outputs.find((output: { path: string }) => output.path === `book-${layout}-print-pdfx.pdf`);
    assert.deepEqual([entry.edition, entry.rgbContent], ["pdfx", []]);
    // Ghostscript may reorder text objects within a page; every character must still be there.
    const text = async (pdf: string) => [...(await run("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 26 })).stdout.replace(/\s/g, "")].sort().join("");
    assert.equal(await text(file), await text(path.join(out, `book-${layout}-print.pdf`)), `${layout}: text layer kept`);
    for (const font of (await run("pdffonts", [file])).stdout.split("\n").slice(2).filter(Boolean)) assert.match(font, /CID TrueType\s+Identity-H\s+yes/);
  }
});

test("the preflight table covers every PDF and every check, in the terminal and the report", async () => {
  assert.match(stderr, /Preflight/);
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  const files = ["screen", "print", "print-pdfx"].flatMap((edition) => ["horizontal", "vertical"].map((layout) => `book-${layout}-${edition}.pdf`));
  assert.deepEqual(report.preflight.map((row: { file: string }) => row.file).sort(), files.sort());
  for (const file of files) assert.match(stderr, new RegExp(`${file.replace(/\./g, "\\.")}\\s+148×210 mm\\s+\\d mm\\s+\\d+.*no Type 3.*ppi.*(RGB|CMYK).*(\\d+)/\\2 letters and digits\\b`));
});

test("PDFs are tagged for screen readers only when book.yaml asks (taggedPdf), and then every edition keeps the tags", async () => {
  const tagged = async (file: string) => {
    const document = await load(file);
    return document.catalog.has(PDFName.of("StructTreeRoot")) && document.catalog.has(PDFName.of("MarkInfo"));
  };
  for (const layout of ["horizontal", "vertical"]) {
    assert.equal(await tagged(path.join(out, `book-${layout}-screen.pdf`)), false);
    for (const edition of ["screen", "print"]) assert.equal(await tagged(path.join(custom, `book-${layout}-${edition}.pdf`)), true, `${layout} ${edition}`);
  }
});
