import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { VFile } from "vfile";
import { imageFileProblem } from "../../scripts/book/images.ts";
import { checkImages } from "../../scripts/markdown/image-files.ts";
import { readSvg } from "../../scripts/book/svg.ts";
import type { ParsedChapter } from "../../scripts/markdown/parse.ts";
import { fixture, tempDir } from "../helpers.ts";

const svg = (body: string, rootAttributes = "") => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50"${rootAttributes}>\n${body}\n</svg>`;

const found = (source: string) => readSvg(source).findings.map((finding) => finding.found);

test("a plain figure: shapes, gradients, markers, a <style> of its own, a data: PNG, an editor's metadata", () => {
  const reading = readSvg(
    svg(`<?xml-comment ignored?>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#abc"/></linearGradient></defs>
  <style>rect { fill: url(#g); stroke: url( "#g" ) }</style>
  <rect width="10" height="10" style="fill: url('#g')"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"/>
  <use xlink:href="#g"/>
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>`),
  );
  assert.deepEqual(reading.findings, []);
});

test("script in any form is refused, each finding at its line in the SVG", () => {
  const reading = readSvg(svg(`<script>alert(1)</script>\n<rect onclick="x()"/>\n<a href="javascript:alert(1)"><text>t</text></a>\n<set attributeName="href" to="javascript:alert(1)"/>`, ' onload="go()"'));
  assert.deepEqual(
    reading.findings.map(({ found, line }) => [found, line]),
    [
      ["event attribute `onload`", 1],
      ["`<script>`", 2],
      ["event attribute `onclick`", 3],
      ['`href="javascript:alert(1)"`', 4],
      ['`<set attributeName="href">`', 5],
    ],
  );
  assert.match(reading.findings[0]!.expected, /without scripts/);
  assert.match(reading.findings[3]!.expected, /without scripts/);
});

test("anything from outside the SVG is refused: links, images, CSS, stylesheets, HTML", () => {
  assert.deepEqual(found(svg('<a href="http://example.com/"><text>x</text></a>')), ['`href="http://example.com/"`']);
  assert.deepEqual(found(svg('<image xlink:href="https://example.com/a.png"/>')), ['`xlink:href="https://example.com/a.png"`']);
  assert.deepEqual(found(svg('<image href="../secret.png"/>')), ['`href="../secret.png"`']);
  assert.deepEqual(found(svg('<use href="other.svg#shape"/>')), ['`href="other.svg#shape"`']);
  assert.deepEqual(found(svg('<image href="data:image/svg+xml,&lt;svg/>"/>')), ['`href="data:image/svg+xml,<svg/>"`']);
  assert.deepEqual(found(svg("<style>@import url(http://example.com/a.css);</style>")), ["`@import` in `<style>`", "`url(http://example.com/a.css)` in `<style>`"]);
  assert.deepEqual(found(svg('<rect fill="url(http://example.com/p.svg#g)"/>')), ["`url(http://example.com/p.svg#g)` in `fill`"]);
  assert.deepEqual(found(svg('<rect style="fill: url(file:///etc/passwd)"/>')), ["`url(file:///etc/passwd)` in `style`"]);
  assert.deepEqual(found(`<?xml-stylesheet href="http://example.com/a.css"?>\n${svg("")}`), ["`<?xml-stylesheet?>`"]);
  assert.deepEqual(found(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">HTML</div></foreignObject>')), ["`<foreignObject>`"]);
  assert.match(readSvg(svg('<a href="http://example.com/"/>')).findings[0]!.expected, /#fragment.*data: PNG/);
});

test("a file browsers would not draw is refused: malformed XML, entities of its DOCTYPE, no SVG root", () => {
  assert.match(found(svg("<rect>"))[0]!, /^malformed XML \(/);
  const bomb = `<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${svg("<text>&b;</text>")}`;
  assert.match(found(bomb)[0]!, /^malformed XML \(.*entity/);
  assert.deepEqual(found("<svg><rect/></svg>"), ["root element `<svg>` outside the SVG namespace"]);
  assert.deepEqual(found('<html xmlns="http://www.w3.org/1999/xhtml"/>'), ["root element `<html>`"]);
});

test("drawn text: <text> and its <tspan>s, once per <use>, not <title>, <defs>, display none or a <switch>'s other choices", () => {
  const reading = readSvg(
    svg(`<title>标题不画</title>
  <defs><text id="label">复用<tspan>Label</tspan></text><text>定义不画</text></defs>
  <symbol id="icon"><text>符号</text></symbol>
  <g><text x="1" y="2">书稿<tspan> Markdown</tspan><desc>说明不画</desc></text></g>
  <use href="#label"/><use xlink:href="#label"/><use href="#icon"/>
  <text display="none">隐藏</text>
  <switch><text systemLanguage="zh">中文</text><text>English</text></switch>
  <text><![CDATA[PDF 2]]></text>`),
  );
  assert.deepEqual(reading.findings, []);
  assert.equal(reading.drawnText, "书稿 Markdown 复用Label 复用Label 符号 中文 PDF 2");
});

test("a <use> that leads to itself is followed only so deep", () => {
  const reading = readSvg(svg('<g id="loop"><text>环</text><use href="#loop"/></g>'));
  assert.equal(reading.drawnText.split("环").length - 1, 9);
});

test("nested ten thousand deep, an SVG is read without a stack overflow", () => {
  const depth = 10_000;
  const reading = readSvg(svg(`${"<g>".repeat(depth)}<text>深</text><script/>${"</g>".repeat(depth)}`));
  assert.equal(reading.drawnText, "深");
  assert.deepEqual(reading.findings.map((finding) => finding.found), ["`<script>`"]);
});

test("checkImages: an SVG's findings are errors at the Markdown image, naming the file and its line; its drawn text is kept", async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, "images"));
  await writeFile(path.join(dir, "images", "bad.svg"), svg('<rect/>\n<a href="http://example.com/"><text>外链</text></a>'));
  await writeFile(path.join(dir, "images", "good.svg"), svg("<text>图中字</text>"));
  const file = new VFile({ path: path.join(dir, "one.md") });
  const image = (name: string, line: number) => ({ url: `images/${name}`, absolutePath: path.join(dir, "images", name), position: { start: { line, column: 1 }, end: { line, column: 20 } } });
  const chapter = { file, images: [image("bad.svg", 3), image("good.svg", 5)] } as unknown as ParsedChapter;
  await checkImages([chapter], dir);
  assert.deepEqual(
    file.messages.map((message) => [message.line, message.column, message.ruleId, message.reason]),
    [[3, 1, "svg-image", 'Unexpected `href="http://example.com/"` in SVG image `images/bad.svg` (its line 3:1), expected references only to a `#fragment` of the same SVG or to a data: PNG, JPEG, GIF or WebP image: an SVG image loads nothing from outside itself, so the PDF would lack it']],
  );
  assert.equal(chapter.images[1]!.drawnText, "图中字");
});

test("the cover stays a raster image: an SVG is refused there, where figures take it", async () => {
  const manuscript = fixture("svg-figures");
  const icon = path.join(manuscript, "chapters", "images", "tip.svg");
  assert.match((await imageFileProblem("images/tip.svg", icon, manuscript)) ?? "", /^Unexpected file `images\/tip\.svg` that is not a PNG, JPEG, GIF or WebP image/);
  assert.equal(await imageFileProblem("images/tip.svg", icon, manuscript, true), undefined);
});
