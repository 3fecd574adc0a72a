import assert from "node:assert/strict";
import { test } from "node:test";
import { toText } from "hast-util-to-text";
import { fromHtml } from "hast-util-from-html";
import { loadBook } from "../../scripts/book/load.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { renderBookHtml, renderBookParts } from "../../scripts/render/book-html.ts";
import { bookTextInReadingOrder } from "../../scripts/render/expected-text.ts";
import { hanCharacters } from "../../scripts/verify/text-completeness.ts";
import { sampleManuscript } from "../helpers.ts";

const book = await loadBook({ manuscriptDir: sampleManuscript });
const chapters = parseChapters(book.chapters, book.manuscriptDir);
const html = renderBookHtml({ config: book.config, chapters, layout: "horizontal" }, await loadRenderAssets());
const document = fromHtml(html);

test("the book HTML is Chinese, with title page, contents, chapters and colophon in order", () => {
  assert.match(html, /<html lang="zh-CN"/);
  const order = ['<section class="title-page"', '<nav class="toc"', 'id="chapter-1"', 'id="chapter-2"', 'id="chapter-3"', '<section class="colophon"'].map((marker) => html.indexOf(marker));
  assert.ok(order.every((position, index) => position > 0 && (index === 0 || position > order[index - 1]!)), String(order));
});

test("the contents list links every chapter by id", () => {
  for (const id of ["chapter-1", "chapter-2", "chapter-3"]) {
    assert.match(html, new RegExp(`<a href="#${id}">`));
    assert.match(html, new RegExp(`<section class="chapter" id="${id}"`));
  }
});

test("the colophon carries 主办单位 and its three units", () => {
  const colophon = html.slice(html.indexOf('class="colophon"'));
  assert.match(colophon, /<dt>主办单位<\/dt><dd>柯桥区委宣传部<\/dd><dd>柯桥区社科联<\/dd><dd>柯桥日报社<\/dd>/);
});

test("every Han character of the manuscript is in the HTML text", () => {
  const sourceText = [String(book.source.value), ...book.chapters.map((file) => String(file.value))].join("");
  const htmlHan = new Set(hanCharacters(toText(document)));
  const sourceHan = hanCharacters(sourceText.replace(/^#.*$/gm, "").replace(/^[a-z]+:/gm, ""));
  assert.deepEqual(sourceHan.filter((character) => !htmlHan.has(character)), []);
  const expected = bookTextInReadingOrder(book.config, book.source, chapters).map((segment) => segment.text).join("");
  // The seed's 2,981 Han characters, less the three 作者单位 labels (12) the layout sets itself, plus
  // the title page's author list (8) and publisher (5), which book.yaml holds, and the colophon's
  // record of them again: title (17), authors (8), publisher (5).
  assert.equal(hanCharacters(expected).length, 2981 - 12 + 8 + 5 + 17 + 8 + 5);
});

test("the affiliation closes the chapter in full-width brackets", () => {
  assert.match(html, /<p class="chapter-affiliation">（作者单位：柯桥区科技局）<\/p>\s*<\/section>/);
});

test("a book set in parts splits only before chapters, holds each chapter once, and carries the running title into later parts", async () => {
  const input = { config: book.config, chapters, layout: "vertical" as const };
  const assets = await loadRenderAssets();
  assert.equal(renderBookParts(input, assets, Number.POSITIVE_INFINITY).length, 1);
  // The sample's chapters are about 1,100 characters each: each opens a part of its own, after the
  // title page and contents; the colophon, laid out again once the page count is known, is alone.
  const parts = renderBookParts(input, assets, 1500);
  assert.equal(parts.length, 5);
  assert.deepEqual(parts.map((part) => part.holdsContents), [true, false, false, false, false]);
  assert.deepEqual(parts.map((part) => part.opensOnRecto), [false, true, true, true, false]);
  parts.slice(0, 4).forEach((part, index) => {
    const expected = index > 0 ? `<section class="chapter" id="chapter-${index}"` : "";
    assert.equal((part.html.match(/<section class="chapter" id="chapter-\d+"/g) ?? []).join(), expected);
    assert.equal(part.html.includes('class="running-book-title"'), index > 0, `part ${index + 1}`);
    assert.ok(index === 0 || (part.characters > 1000 && part.characters <= 1500), `part ${index + 1}: ${part.characters} characters`);
  });
  assert.ok(parts[0]!.html.includes('<section class="title-page"') && parts[4]!.html.includes('<section class="colophon"') && !parts[3]!.html.includes('<section class="colophon"'));
  assert.equal(renderBookParts(input, assets, 3000).length, 4, "chapters that fit share a part");
});
