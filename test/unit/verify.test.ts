import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { VFile } from "vfile";
import { checkImageResolution, lowResolutionImages, preflightRows, type PreflightInput } from "../../scripts/report/preflight.ts";
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState, StandardFonts } from "pdf-lib";
import { makePrintEdition } from "../../scripts/typeset/print-edition.ts";
import { checkSamePages } from "../../scripts/verify/pdf-boxes.ts";
import { checkPdfFonts } from "../../scripts/verify/pdf-fonts.ts";
import { pageStretches, readPdfImages } from "../../scripts/verify/pdf-images.ts";
import { parseWordBoxes } from "../../scripts/verify/pdf-text.ts";
import { checkTextCompleteness, hanCharacters } from "../../scripts/verify/text-completeness.ts";
import { fixture } from "../helpers.ts";

const source = new VFile({ path: "chapters/one.md" });
const segments = [{ file: source, text: "深圳发展活力得益于重视人才。以创新驱动实质上是人才驱动理念。" }];

// The EPUBs' check: every Han character of the manuscript in the spine's text, in order (the PDFs' exact check is in text-exact.test.ts).
test("EPUB text: complete text in order passes; the contents and labels around it are allowed", () => {
  const output = new VFile({ path: "book.epub" });
  const spine = hanCharacters("目录 深圳发展活力得益于重视人才。（标签）以创新驱动实质上是人才驱动理念。版权页");
  assert.deepEqual(checkTextCompleteness(segments, spine, output), { expected: 28, missing: 0 });
  assert.deepEqual(output.messages, []);
});

test("EPUB text: a lost passage is an error that quotes it and names its source", () => {
  const output = new VFile({ path: "book.epub" });
  const result = checkTextCompleteness(segments, hanCharacters("深圳发展活力得益于重视人才。以创新驱动实质上是理念。"), output);
  assert.equal(result.missing, 4);
  assert.match(String(output.messages[0]), /book\.epub.*loss of 4 Han character\(s\) “人才驱动” after “创新驱动实质上是” \(from one\.md\)/);
  assert.equal(output.messages[0]!.fatal, true);
});

test("EPUB text: reordered text counts as lost", () => {
  const output = new VFile({ path: "book.epub" });
  const result = checkTextCompleteness(segments, hanCharacters("以创新驱动实质上是人才驱动理念。深圳发展活力得益于重视人才。"), output);
  assert.ok(result.missing > 0);
});

test("font check: Type 3, unembedded and undeclared fonts are errors", () => {
  const output = new VFile({ path: "book.pdf" });
  checkPdfFonts(
    [
      { name: "ABCDEF+NotoSerifSC-Regular", type: "CID TrueType", embedded: true },
      { name: "BCDEFG+NotoSerifCJKsc-Regular", type: "Type 3", embedded: true },
      { name: "DejaVuSans", type: "TrueType", embedded: false },
    ],
    ["NotoSerifSC-Regular"],
    output,
  );
  const messages = output.messages.map(String);
  assert.equal(messages.length, 4, messages.join("\n"));
  assert.ok(messages.some((message) => /Type 3 font `BCDEFG\+NotoSerifCJKsc-Regular`/.test(message)));
  assert.ok(messages.some((message) => /`DejaVuSans` that is not embedded/.test(message)));
  assert.ok(messages.some((message) => /font `DejaVuSans` in the PDF, expected only the declared/.test(message)));
});

test("a low-resolution figure placed on many pages is one warning naming its pages, and one preflight entry", () => {
  const placed = [12, 40, 41, 77, 90, 120, 150].map((page) => ({ page, ppi: 164 })).concat([{ page: 60, ppi: 320 }, { page: 61, ppi: 150 }]);
  const figures = [...Array(7).fill("images/ornament.png"), "images/map.png", "images/photo.jpg"];
  const images = lowResolutionImages(placed, figures);
  assert.deepEqual(images, [
    { file: "images/ornament.png", ppi: 164, pages: [12, 40, 41, 77, 90, 120, 150] },
    { file: "images/photo.jpg", ppi: 150, pages: [61] },
  ]);
  const output: PreflightInput = { path: "book-print.pdf", edition: "print", trimMm: [148, 210], bleedMm: 3, pages: 160, blankPagesAdded: 0, bookmarks: 3, fonts: [], lowResolutionImages: images, text: { expected: 1, missing: 0 } };
  const file = new VFile({ path: "book-print.pdf" });
  checkImageResolution([output], false, () => file);
  assert.deepEqual(
    file.messages.map((message) => [message.reason, message.fatal]),
    [
      ["Unexpected image `images/ornament.png` at 164 ppi in print (book-print.pdf pages 12, 40, 41, 77, 90 and 2 more), expected at least 300 ppi: use a larger image or place it smaller", false],
      ["Unexpected image `images/photo.jpg` at 150 ppi in print (book-print.pdf page 61), expected at least 300 ppi: use a larger image or place it smaller", false],
    ],
  );
  assert.equal(preflightRows([output])[0]!.images, "images/ornament.png 164 ppi ×7; images/photo.jpg 150 ppi");
  const pressReady = new VFile({ path: "book-print.pdf" });
  checkImageResolution([output], true, () => pressReady);
  assert.deepEqual(pressReady.messages.map((message) => message.fatal), [true, true]);
  // Both layouts' print PDFs place the same figure: one message, at the manuscript's image.
  const chapter = new VFile({ path: "chapters/one.md" });
  const vertical = { ...output, path: "book-vertical-print.pdf", lowResolutionImages: [{ file: "images/photo.jpg", ppi: 140, pages: [70] }] };
  checkImageResolution([output, vertical], false, () => file, (image) => (image === "images/photo.jpg" ? { file: chapter, place: { line: 9, column: 1 } } : undefined));
  assert.deepEqual(chapter.messages.map(String), ["chapters/one.md:9:1: Unexpected image `images/photo.jpg` at 140 ppi in print (book-print.pdf page 61; book-vertical-print.pdf page 70), expected at least 300 ppi: use a larger image or place it smaller"]);
});

test("the print edition must draw every page of the screen edition unchanged; a changed page or text on an added blank page is an error", async () => {
  const screenDocument = await PDFDocument.create();
  const font = await screenDocument.embedFont(StandardFonts.Helvetica);
  for (const text of ["one", "two", "three"]) screenDocument.addPage([420, 595]).drawText(text, { x: 50, y: 500, font });
  const screen = await screenDocument.save();
  const print = await makePrintEdition(await PDFDocument.load(screen), { trimMm: [148, 210], bleedMm: 3, pageMultiple: 4 });
  assert.equal(print.blankPagesAdded, 1);
  const checked = async (bytes: Uint8Array) => {
    const output = new VFile({ path: "book-horizontal-print.pdf" });
    checkSamePages(await PDFDocument.load(screen), await PDFDocument.load(bytes), output);
    return output.messages.map((message) => message.reason);
  };
  assert.deepEqual(await checked(print.bytes), []);
  const damage = async (change: (document: PDFDocument) => void) => {
    const document = await PDFDocument.load(print.bytes);
    change(document);
    return document.save();
  };
  const redrawn = await damage((document) => document.getPage(1).node.set(PDFName.of("Contents"), document.context.register(document.context.flateStream("BT /F1 12 Tf (owt) Tj ET"))));
  assert.match((await checked(redrawn)).join("\n"), /Unexpected difference from the screen edition at page 2/);
  const written = await damage((document) => document.getPage(2).drawText("x", { x: 10, y: 10, font: document.embedStandardFont(StandardFonts.Helvetica) }));
  assert.match((await checked(written)).join("\n"), /added blank page 3, which carries text/);
  const short = await damage((document) => document.removePage(0));
  assert.match((await checked(short)).join("\n"), /page/);
});

test("images are listed from the pages that hold them, directly or inside a form, with their page and resolution", async () => {
  const document = await PDFDocument.create();
  const image = await document.embedPng(await readFile(fixture("media/figure.png")));
  const pages = Array.from({ length: 12 }, () => document.addPage([420, 595]));
  // An inch wide: the resolution is the image's width in pixels.
  const [width, height] = [72, (72 * image.height) / image.width];
  pages[1]!.drawImage(image, { x: 50, y: 300, width, height });
  const drawn = [pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 50, 300), drawObject("Im"), popGraphicsState()];
  const form = document.context.register(document.context.formXObject(drawn, { BBox: [0, 0, 420, 595], Resources: { XObject: { Im: image.ref } } }));
  pages[9]!.pushOperators(drawObject(pages[9]!.node.newXObject("Fm", form)));
  const folder = await mkdtemp(path.join(os.tmpdir(), "images-"));
  const pdfPath = path.join(folder, "book.pdf");
  await writeFile(pdfPath, await document.save());
  try {
    const placed = await readPdfImages(pdfPath, await PDFDocument.load(await readFile(pdfPath)));
    assert.deepEqual(placed.map((placement) => placement.page), [2, 10]);
    for (const { ppi } of placed) assert.ok(Math.abs(ppi - image.width) <= 1, `${ppi} ppi, expected ${image.width}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test("pages holding images are listed in at most so many stretches, split at the widest gaps", () => {
  assert.deepEqual(pageStretches([], 8), []);
  assert.deepEqual(pageStretches([5], 8), [[5, 5]]);
  assert.deepEqual(pageStretches([1, 2, 3, 7, 8, 20], 8), [[1, 3], [7, 8], [20, 20]]);
  assert.deepEqual(pageStretches([1, 2, 3, 7, 8, 20], 2), [[1, 8], [20, 20]]);
  assert.deepEqual(pageStretches([1, 2, 3, 7, 8, 20], 1), [[1, 20]]);
});

test("pdftotext's word boxes are read with their page numbers, coordinates and text, escapes decoded", () => {
  const xml = `<html><head><title>a &lt;page&gt; title</title></head><body><doc>
<page width="420.000000" height="594.960000">
    <word xMin="-1.500000" yMin="48.694382" xMax="119.541891" yMax="62.377324">书</word>
    <word xMin="10" yMin="20.25" xMax="30.125" yMax="40.0">R&amp;D&lt;&quot;</word>
</page>
<page width="420.000000" height="594.960000">
</page>
</doc></body></html>`;
  assert.deepEqual(parseWordBoxes(xml, 7), [
    {
      width: 420,
      height: 594.96,
      words: [
        { page: 7, text: "书", xMin: -1.5, yMin: 48.694382, xMax: 119.541891, yMax: 62.377324 },
        { page: 7, text: 'R&D<"', xMin: 10, yMin: 20.25, xMax: 30.125, yMax: 40 },
      ],
    },
    { width: 420, height: 594.96, words: [] },
  ]);
});
