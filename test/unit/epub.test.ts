import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import JSZip from "jszip";
import { VFile } from "vfile";
import { bookSchema } from "../../scripts/book/schema.ts";
import { sourceAt } from "../../scripts/epub/source-marks.ts";
import { normalizeEpubArchive } from "../../scripts/epub/archive.ts";
import { epubFootnotes } from "../../scripts/epub/footnotes.ts";
import { bookIdentifier } from "../../scripts/epub/identifier.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";

const base = { title: "书", authors: ["甲"], publisher: "社", chapters: ["a.md"] };

test("the identifier: ISBN as urn:isbn, else the given one, else a UUID derived from title and publisher", () => {
  assert.equal(bookIdentifier(bookSchema.parse({ ...base, isbn: "978-7-213-08888-9" })), "urn:isbn:9787213088889");
  assert.equal(bookIdentifier(bookSchema.parse({ ...base, identifier: "urn:uuid:1" })), "urn:uuid:1");
  const derived = bookIdentifier(bookSchema.parse(base));
  assert.match(derived, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(bookIdentifier(bookSchema.parse(base)), derived);
  assert.notEqual(bookIdentifier(bookSchema.parse({ ...base, title: "另一本书" })), derived);
});

test("GFM footnotes become EPUB noterefs and footnote asides, without touching the shared tree", () => {
  const [chapter] = parseChapters([new VFile({ path: "/b/a.md", value: "# 题\n\n正文[^1]。\n\n[^1]: 注文。\n" })], "/b");
  const section: Element = { type: "element", tagName: "section", properties: {}, children: chapter!.tree.children as Element[] };
  const before = toHtml(section);
  const html = toHtml(epubFootnotes(section));
  assert.match(html, /<a href="#c1-fn-1" id="c1-fnref-1" aria-describedby="c1-footnote-label" epub:type="noteref"[^>]*><span class="tcy">1<\/span><\/a>/);
  assert.match(html, /<aside id="c1-fn-1"/);
  assert.match(html, /<h2 class="sr-only" id="c1-footnote-label">/);
  assert.match(html, /<a href="#c1-fnref-1"[^>]*role="doc-backlink"/);
  assert.match(html, /<section[^>]*epub:type="footnotes"[^>]*>[\s\S]*<aside[^>]*epub:type="footnote"[^>]*>[\s\S]*注文/);
  assert.doesNotMatch(html, /data-footnote[a-z-]*=/);
  assert.equal(toHtml(section), before);
});

test("GFM table alignment is CSS, not the obsolete align attribute", () => {
  const [chapter] = parseChapters([new VFile({ path: "/b/a.md", value: "# 题\n\n| 甲 | 乙 |\n| :- | -: |\n| 1 | 2 |\n" })], "/b");
  const html = toHtml(chapter!.tree);
  assert.doesNotMatch(html, /align=/);
  assert.match(html, /<td style="text-align: right">/);
});

test("an image alone in its paragraph becomes a figure with its description as caption, numbered unless numberAll is false", () => {
  const parse = (numberAll: boolean) => parseChapters([new VFile({ path: "/b/c/a.md", value: "# 题\n\n![柯桥夜景](images/night.png)\n" })], "/b", "/b", undefined, { captions: { numbering: "chapter", numberAll } });
  assert.equal(toHtml(parse(true)[0]!.tree), '<figure class="image-figure" id="c1-numbered-figure-1" data-number="1-1"><img src="file:///b/c/images/night.png" alt="柯桥夜景"><figcaption><span class="caption-label">图 <span class="tcy">1</span>-<span class="tcy">1</span></span>　柯桥夜景</figcaption></figure>');
  assert.equal(toHtml(parse(false)[0]!.tree), '<figure class="image-figure"><img src="file:///b/c/images/night.png" alt="柯桥夜景"><figcaption>柯桥夜景</figcaption></figure>');
});

test("the archive is reproducible: mimetype first and stored, fixed dates, stable names, characters unescaped", async () => {
  const messy = new JSZip();
  messy.file("OEBPS/images/4f1c.png", new Uint8Array([1, 2, 3]));
  messy.file("mimetype", "application/epub+zip");
  messy.file("OEBPS/a.xhtml", '<p data-source="0:3:1">&#x4E2D;&#x6587; &amp; &#x3C; <img data-source="0:3:9" src="images/4f1c.png"/></p>\n<p data-source="0:5:1">x</p>');
  const date = new Date("2019-08-20T00:00:00Z");
  const { bytes: normalized, sourceMarks } = await normalizeEpubArchive(await messy.generateAsync({ type: "uint8array" }), { date, renames: new Map([["4f1c", "cover"]]) });
  const { bytes: again } = await normalizeEpubArchive(await messy.generateAsync({ type: "uint8array" }), { date, renames: new Map([["4f1c", "cover"]]) });
  assert.deepEqual(normalized, again);
  assert.equal(Buffer.from(normalized.subarray(30, 38)).toString(), "mimetype");
  assert.equal(normalized[8], 0, "mimetype is stored, not deflated");
  const zip = await JSZip.loadAsync(normalized);
  assert.deepEqual(Object.keys(zip.files), ["mimetype", "OEBPS/images/cover.png", "OEBPS/a.xhtml"]);
  assert.equal(await zip.file("OEBPS/a.xhtml")!.async("string"), '<p>中文 &amp; &#x3C; <img src="images/cover.png"/></p>\n<p>x</p>');
  // The source marks are gone from the page, and remembered where their elements start.
  const marks = sourceMarks.get("OEBPS/a.xhtml")!;
  assert.deepEqual(marks.map(({ line, column, sourceLine, sourceColumn }) => [line, column, sourceLine, sourceColumn]), [[1, 1, 3, 1], [1, 20, 3, 9], [2, 1, 5, 1]]);
  assert.equal(sourceAt(marks, 1, 25)?.sourceColumn, 9);
  assert.equal(sourceAt(marks, 2, 3)?.sourceLine, 5);
  assert.equal(zip.files["OEBPS/a.xhtml"]!.date.toISOString(), date.toISOString());
});
