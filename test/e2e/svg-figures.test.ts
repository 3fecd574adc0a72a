import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import JSZip from "jszip";
import { copyOfFixture, fixture, runCli, tempDir } from "../helpers.ts";
import { layoutOf, readPages, squeezed, textOf } from "../pdf-reader.ts";

// A chapter with an SVG flow chart (viewBox only, Chinese and Latin <text>), an SVG icon in a line
// of text through <img> (with the SVG 1.1 DOCTYPE editors write) and a PNG photo.
const execute = promisify(execFile);
const pdfs = ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"];
let out: string;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", fixture("svg-figures"), "--out", out]);
  assert.equal(run.code, 0, run.stderr);
});

/** The 1-based page of `pdf` whose text holds `text`. */
async function pageWith(pdf: string, text: string): Promise<number> {
  const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", pdf, "-"]);
  const page = stdout.split("\f").findIndex((pageText) => pageText.replace(/\s/g, "").includes(text));
  assert.notEqual(page, -1, `${text} in ${pdf}`);
  return page + 1;
}

/** How many pixels of the page, rendered at 40 dpi, are within 24 of an RGB colour on each channel. */
async function pixelsOfColour(pdf: string, page: number, colour: readonly [number, number, number]): Promise<number> {
  const { stdout } = await execute("pdftoppm", ["-r", "40", "-f", String(page), "-l", String(page), "-singlefile", pdf], { encoding: "buffer", maxBuffer: 1 << 26 });
  // Binary PPM: "P6\n<width> <height>\n255\n" and then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(stdout.subarray(0, 40).toString("latin1"))!;
  const pixels = stdout.subarray(header[0].length);
  let count = 0;
  for (let index = 0; index + 2 < pixels.length; index += 3) {
    if (colour.every((channel, offset) => Math.abs(pixels[index + offset]! - channel) <= 24)) count += 1;
  }
  return count;
}

test("the SVGs print as vector graphics: pdfimages lists only the PNG, and the figure page draws their colours", async () => {
  for (const pdf of pdfs) {
    const file = path.join(out, pdf);
    const { stdout } = await execute("pdfimages", ["-list", file]);
    const images = stdout.split("\n").slice(2).filter((line) => line.trim());
    assert.equal(images.length, 1, `${pdf}: only the photo is a raster image\n${stdout}`);
    assert.equal(Number(images[0]!.trim().split(/\s+/)[0]), await pageWith(file, "照片是位图"), pdf);
    // The flow chart's right box (#fda) on the page of its caption, the icon's disc (#e63) on its line's.
    assert.ok((await pixelsOfColour(file, await pageWith(file, "经过排版成为"), [0xff, 0xdd, 0xaa])) > 500, `${pdf}: the flow chart is drawn`);
    assert.ok((await pixelsOfColour(file, await pageWith(file, "这个图标和文字"), [0xee, 0x66, 0x33])) > 10, `${pdf}: the icon is drawn`);
  }
});

test("the flow chart's text is printed as text on its caption's page, upright in the vertical book too", async () => {
  // The SVG's own <text> elements, as the manuscript has them: 书稿 over Markdown in the left box, 排版 over PDF 2 in the right one.
  const svg = await readFile(path.join(fixture("svg-figures"), "chapters", "images", "pipeline.svg"), "utf8");
  const labels = [...svg.matchAll(/<text [^>]*>([^<]+)<\/text>/g)].map((match) => match[1]!);
  assert.deepEqual(labels, ["书稿", "Markdown", "排版", "PDF 2"]);
  for (const pdf of pdfs) {
    const pages = await readPages(path.join(out, pdf), layoutOf(pdf));
    const page = pages[(await pageWith(path.join(out, pdf), "经过排版成为")) - 1]!;
    const text = squeezed(textOf(page));
    // Word by word: a vertical page reads a figure's row of words as columns.
    for (const word of labels.flatMap((label) => label.split(" "))) assert.ok(text.includes(word), `${pdf}: ${word} on the caption's page`);
    const markdown = page.lines.flat().filter((word) => word.text === "Markdown");
    assert.equal(markdown.length, 1, pdf);
    const box = markdown[0]!;
    assert.ok(box.xMax - box.xMin > 2 * (box.yMax - box.yMin), `${pdf}: “Markdown” runs across the page, as the figure draws it`);
    // The figure is drawn upright: its left box's words stand left of its right box's, level with them, in either layout.
    const words = page.lines.flat();
    const middle = (word: (typeof words)[number]) => (word.yMin + word.yMax) / 2;
    const beside = (left: string, right: string) => {
      const first = words.find((word) => word.text === left)!;
      return words.some((word) => word.text === right && Math.abs(middle(word) - middle(first)) < 3 && word.xMin > first.xMax);
    };
    assert.ok(beside("书稿", "排版") && beside("Markdown", "PDF"), `${pdf}: the figure's boxes side by side`);
    if (layoutOf(pdf) === "horizontal") assert.match(text, /书稿排版MarkdownPDF2/);
  }
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("the EPUBs keep the SVGs as image/svg+xml, without the DOCTYPE EPUB 3 refuses", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; format: string }> };
  const epubs = report.outputs.filter((output) => output.format === "epub");
  assert.equal(epubs.length, 2);
  for (const epub of epubs) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, epub.path)));
    const opf = await zip.file("OEBPS/content.opf")!.async("string");
    const svgItems = [...opf.matchAll(/<item [^>]*href="(images\/[^"]+\.svg)" media-type="([^"]+)"/g)];
    assert.deepEqual(svgItems.map((item) => item[2]), ["image/svg+xml", "image/svg+xml"], epub.path);
    const svgs = await Promise.all(svgItems.map((item) => zip.file(`OEBPS/${item[1]}`)!.async("string")));
    assert.ok(svgs.some((svg) => svg.includes("<text") && svg.includes("书稿")), "the flow chart, text and all");
    assert.ok(svgs.every((svg) => !svg.includes("<!DOCTYPE")), "no DOCTYPE");
  }
});

test("an SVG with a script, an onload or an outside link is refused at the Markdown image, naming what was found", async () => {
  const manuscript = await copyOfFixture("svg-figures");
  const images = path.join(manuscript, "chapters", "images");
  const chart = await readFile(path.join(images, "pipeline.svg"), "utf8");
  await writeFile(path.join(images, "pipeline.svg"), chart.replace("<title>", "<script>alert('图')</script>\n  <title>"));
  const icon = await readFile(path.join(images, "tip.svg"), "utf8");
  await writeFile(path.join(images, "tip.svg"), icon.replace('<circle cx="8"', '<a href="http://example.com/"><circle onload="track()" cx="8"').replace('fill="#e63"/>', 'fill="#e63"/></a>'));
  const run = await runCli(["--manuscript", manuscript, "--out", await tempDir()]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /chapters\/one\.md:5:1-5:\d+\s+error\s+Unexpected `<script>` in SVG image `images\/pipeline\.svg` \(its line 3:3\), expected a figure without scripts/);
  assert.match(run.stderr, /chapters\/one\.md:7:3-7:\d+\s+error\s+Unexpected `href="http:\/\/example\.com\/"` in SVG image `images\/tip\.svg` \(its line 4:3\), expected references only to a `#fragment`/);
  assert.match(run.stderr, /chapters\/one\.md:7:3-7:\d+\s+error\s+Unexpected event attribute `onload` in SVG image `images\/tip\.svg` \(its line 4:\d+\), expected a figure without scripts/);
});
