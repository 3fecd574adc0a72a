import assert from "node:assert/strict";
import { test } from "node:test";
import { bookSchema } from "../../scripts/book/schema.ts";
import { isbnBarcode } from "../../scripts/cover/barcode.ts";
import { coverSpreadHtml, frontCoverHtml } from "../../scripts/cover/design.ts";
import { coverGeometry, spineWidthMm } from "../../scripts/cover/geometry.ts";
import { coverTexts } from "../../scripts/output/cover.ts";

const config = bookSchema.parse({ title: "示例书名", subtitle: "副题", authors: ["甲", "乙"], publisher: "某出版社", chapters: ["a.md"], isbn: "978-7-213-08888-9", price: 58, cover: { back: "第一段。\n\n第二段。", flaps: 80 } });
const template = "<style>{{sheet}}</style>{{body}}";
const geometry = (direction: "ltr" | "rtl", printPages = 240) => coverGeometry({ pageMm: [148, 210], printPages, leafThicknessMm: 0.1, flapsMm: 80, bleedMm: 3, direction });

test("the spine is pages ÷ 2 × leaf thickness; the spread is flaps, covers and spine, mirrored for a right-bound book", () => {
  assert.equal(spineWidthMm(512, 0.08), 20.48, "the norms' worked example: 512 pages at 0.08 mm");
  const left = geometry("ltr");
  assert.deepEqual(left.panels.map((panel) => panel.name), ["back-flap", "back", "spine", "front", "front-flap"]);
  assert.deepEqual(left.trimMm, [80 + 148 + 12 + 148 + 80, 210]);
  assert.deepEqual(left.foldsMm, [80, 228, 240, 388]);
  const right = geometry("rtl");
  assert.deepEqual(right.panels.map((panel) => panel.name), ["front-flap", "front", "spine", "back", "back-flap"]);
  assert.deepEqual(right.trimMm, left.trimMm);
  const noFlaps = coverGeometry({ pageMm: [130, 184], printPages: 100, leafThicknessMm: 0.1, bleedMm: 3, direction: "ltr" });
  assert.deepEqual(noFlaps.panels.map((panel) => panel.name), ["back", "spine", "front"]);
});

test("the spine carries title, authors and publisher from 5 mm on; the back the blurb, the ISBN over its barcode and the price", () => {
  const barcode = isbnBarcode(config.isbn!.ean13);
  const spineOf = (html: string) => /<section class="panel spine"[^]*?<\/section>/.exec(html)![0];
  const lettered = coverSpreadHtml({ config, template, fontsCss: "" }, geometry("ltr", 100), barcode);
  assert.match(spineOf(lettered), /示例书名[^]*甲　乙[^]*某出版社/);
  assert.doesNotMatch(spineOf(coverSpreadHtml({ config, template, fontsCss: "" }, geometry("ltr", 98), barcode)), /示例书名/, "4.9 mm: blank");
  assert.match(lettered, /<div class="isbn">ISBN 978-7-213-08888-9<\/div><svg width="[\d.]+mm"[^]*<div class="price">定价：58.00元<\/div>/);
  assert.match(lettered, /<p>第一段。<\/p><p>第二段。<\/p>/);
  assert.match(lettered, /@page \{ size: 467mm 216mm; margin: 0; \}/, "the spread plus 3 mm bleed on every side");
});

test("a picture on the front replaces the typographic design, in print and in the EPUB's cover alike", () => {
  const design = { config, template, fontsCss: "", pictureUrl: "file:///book/front.png" };
  for (const html of [coverSpreadHtml(design, geometry("ltr"), undefined), frontCoverHtml(design, 1600, 2560)]) {
    assert.match(html, /<img class="picture" src="file:\/\/\/book\/front.png"/);
    assert.doesNotMatch(html, /<h1>/);
    assert.doesNotMatch(html, /class="band/, "no bands over the picture");
  }
  assert.deepEqual(coverTexts(config, { picture: true, letteredSpine: false }), ["第一段。\n\n第二段。", "ISBN 978-7-213-08888-9", "定价：58.00元"]);
  assert.match(frontCoverHtml({ config, template, fontsCss: "" }, 1600, 2560), /<h1>示例书名<\/h1>/);
});

test("the barcode is vector paths only, at GB/T 12906's 0.8 magnification", () => {
  const barcode = isbnBarcode("9787213088889");
  assert.doesNotMatch(barcode.svg, /<text|<image/);
  assert.match(barcode.svg, /<path/);
  // 95 modules of 0.264 mm plus the quiet zones and guard mark.
  assert.ok(barcode.widthMm > 95 * 0.264 && barcode.widthMm < 32, `${barcode.widthMm} mm`);
});
