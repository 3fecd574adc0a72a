import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { degrees, PDFDocument, StandardFonts } from "pdf-lib";
import { tempDir } from "../helpers.ts";
import { faceOf, pagesOf, parsePdffonts, readFonts, readPages, squeezed, textOf, within, type Page } from "../pdf-reader.ts";

// The tests' own PDF reader, checked on PDFs written here with pdf-lib, whose text stands at known
// places and is drawn in an order other than the order of reading.

/** A PDF of 400 × 600 pt pages, each drawn by one of `pages` (pdf-lib measures y from the bottom). */
async function pdfOf(...pages: Array<(draw: (text: string, x: number, y: number, options?: { size?: number; rotate?: number }) => void) => void>): Promise<string> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const drawPage of pages) {
    const page = document.addPage([400, 600]);
    drawPage((text, x, y, options = {}) => page.drawText(text, { x, y, font, size: options.size ?? 12, ...(options.rotate === undefined ? {} : { rotate: degrees(options.rotate) }) }));
  }
  const file = path.join(await tempDir("pdf-reader-"), "test.pdf");
  await writeFile(file, await document.save());
  return file;
}

const lineTexts = (page: Page) => page.lines.map((line) => squeezed(line.map((word) => word.text).join("")));

test("horizontal: rows top to bottom, each left to right, whatever the order of drawing; a raised call and a page number set apart stay in their row", async () => {
  const pdf = await pdfOf(
    (draw) => {
      draw("second line", 50, 500);
      draw("17", 330, 540);
      draw("first line", 50, 520);
      draw("Contents", 50, 540);
      draw("2", 113, 505, { size: 7 });
      draw("5", 200, 30);
    },
    () => {},
  );
  const pages = await readPages(pdf, "horizontal");
  assert.equal(pages.length, 2);
  assert.deepEqual([pages[0]!.width, pages[0]!.height, pages[0]!.number], [400, 600, 1]);
  assert.deepEqual(lineTexts(pages[0]!), ["Contents17", "firstline", "secondline2", "5"]);
  assert.equal(textOf(pages[0]!).split("\n")[0], "Contents 17");
  assert.deepEqual(pages[1]!.lines, []);
  // Boxes are measured from the top left: the row drawn 540 pt up stands 60 pt (less its ascent) from the top.
  const contents = pages[0]!.lines[0]![0]!;
  assert.ok(contents.yMax > 55 && contents.yMax < 65 && Math.abs(contents.xMin - 50) < 1, JSON.stringify(contents));
  // Only what lies within an area, by the middle of each word.
  const foot = { top: 550, bottom: 600, left: 0, right: 400 };
  assert.equal(textOf(pages[0]!, (word) => within(word, foot)), "5");
  assert.equal(await pagesOf(pdf), 2);
});

test("vertical: columns right to left, each top to bottom; a narrow letter in its column's left half and a word turned on its side belong to their column", async () => {
  const pdf = await pdfOf((draw) => {
    // Two columns 20 pt apart, drawn out of order; a folio below the second.
    draw("C", 280, 470);
    draw("i", 300, 535);
    draw("B", 280, 550);
    draw("turned", 282, 535, { rotate: -90 });
    draw("W", 300, 550);
    draw("A", 300, 520);
    draw("7", 280, 40);
  });
  const [page] = await readPages(pdf, "vertical");
  assert.deepEqual(lineTexts(page!), ["WiA", "BturnedC7"]);
  const turned = page!.lines[1]![1]!;
  assert.ok(turned.yMax - turned.yMin > 2 * (turned.xMax - turned.xMin), `“turned” runs down the page: ${JSON.stringify(turned)}`);
});

test("fonts: pdffonts rows read from the right, the type may hold a space; a font's face is its name without the subset tag", async () => {
  const output = [
    "name                                 type              encoding         emb sub uni object ID",
    "------------------------------------ ----------------- ---------------- --- --- --- ---------",
    "ABCDEF+NotoSerifSC-Regular           CID TrueType      Identity-H       yes yes yes      8  0",
    "[none]                               Type 3            Custom           yes no  no      12  0",
    "Helvetica                            Type 1            WinAnsi          no  no  no       5  0",
    "",
  ].join("\n");
  assert.deepEqual(parsePdffonts(output), [
    { name: "ABCDEF+NotoSerifSC-Regular", type: "CID TrueType", encoding: "Identity-H", embedded: true, subset: true },
    { name: "[none]", type: "Type 3", encoding: "Custom", embedded: true, subset: false },
    { name: "Helvetica", type: "Type 1", encoding: "WinAnsi", embedded: false, subset: false },
  ]);
  assert.equal(faceOf(parsePdffonts(output)[0]!), "NotoSerifSC-Regular");
  // And on a real PDF: pdf-lib's standard Helvetica is not embedded.
  const fonts = await readFonts(await pdfOf((draw) => draw("x", 10, 10)));
  assert.deepEqual(
    fonts.map((font) => [font.name, font.type, font.embedded]),
    [["Helvetica", "Type 1", false]],
  );
});
