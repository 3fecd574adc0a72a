import assert from "node:assert/strict";
import { test } from "node:test";
import * as fontkit from "fontkit";
import { loadBook } from "../../scripts/book/load.ts";
import { charactersSetBy } from "../../scripts/fonts/coverage.ts";
import { declaredFonts, facesByFile } from "../../scripts/fonts/declared.ts";
import { subsetFontsForPrint } from "../../scripts/fonts/print-subset.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { renderBookHead, renderBookParts, splitAtBody } from "../../scripts/render/book-html.ts";
import { pagedjsProblem, pagedjsVersion, supportedPagedjs } from "../../scripts/typeset/paged.ts";
import { sampleManuscript } from "../helpers.ts";

interface Face {
  postscriptName: string;
  glyphForCodePoint(codePoint: number): { id: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as Face;

const book = await loadBook({ manuscriptDir: sampleManuscript });
const input = { config: book.config, chapters: parseChapters(book.chapters, book.manuscriptDir), layout: "vertical" as const };
const assets = await loadRenderAssets();
const parts = renderBookParts(input, assets);

test("an untagged book is set in parts: the title page and contents alone, then whole chapters up to the part size, then the colophon alone", () => {
  assert.deepEqual(parts.map((part) => part.holdsContents), [true, false, false]);
  assert.equal(parts[1]!.html.match(/<section class="chapter"/g)?.length, book.chapters.length);
  const byChapter = renderBookParts(input, assets, 0);
  assert.deepEqual(byChapter.map((part) => part.html.match(/<section class="chapter"/g)?.length ?? 0), [0, ...book.chapters.map(() => 1), 0]);
  for (const split of [parts, byChapter]) assert.ok(split.at(-1)!.html.includes('<section class="colophon"') && !split.at(-2)!.html.includes('<section class="colophon"'));
  assert.equal(renderBookParts({ ...input, config: { ...book.config, taggedPdf: true } }, assets).length, 1);
});

test("each document carries the word over a continued table in the book's script (续表, 續表)", () => {
  assert.match(parts[0]!.html, /<html [^>]*data-table-continued="续表"/);
  const traditional = renderBookParts({ ...input, config: { ...book.config, language: "zh-TW" } }, assets);
  assert.match(traditional[0]!.html, /<html [^>]*data-table-continued="續表"/);
});

test("a part splits at its body into the head its layout shares and the content Paged.js lays out", () => {
  const byChapter = renderBookParts(input, assets, 0);
  const { head, body } = splitAtBody(byChapter[1]!.html);
  assert.ok(head.includes("<style data-pagedjs-ignore>") && head.includes("@font-face") && !head.includes("<section"));
  assert.ok(body.trimStart().startsWith('<section class="chapter"') && !body.includes("</body>"));
  assert.equal(splitAtBody(byChapter[2]!.html).head, head);
  // The preview serves the head before it renders any part.
  assert.equal(renderBookHead(input, assets), head);
  assert.notEqual(renderBookHead({ ...input, layout: "horizontal" }, assets), head);
});

test("a part lists the ids whose pages it prints and the ids its links point to, each once, as its HTML has them", () => {
  assert.deepEqual(parts[0]!.pageReferences, book.chapters.map((_, index) => `chapter-${index + 1}`));
  const decoded = (value: string) => value.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&#x([\da-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16))).replaceAll("&amp;", "&");
  const inHtml = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((match) => decoded(match[1]!)))];
  for (const part of [...parts, ...renderBookParts(input, assets, 0)]) {
    assert.deepEqual(part.pageReferences, inHtml(part.html, /\bdata-page-ref="([^"]*)"/g));
    assert.deepEqual(part.linkTargets, inHtml(part.html, /\bhref="#([^"]*)"/g));
  }
  assert.ok(parts.some((part) => part.linkTargets.length > 0));
});

test("the faces cut down for print keep the book's characters and page numbers at their glyph ids, the name, and little else", async () => {
  const fonts = await subsetFontsForPrint(parts.map((part) => part.html));
  // One cut per file: a file may serve several faces (Noto Serif: the Western letters, and the Western marks).
  assert.deepEqual([...fonts.keys()], [...facesByFile(declaredFonts).keys()]);
  for (const [file, faces] of facesByFile(declaredFonts)) {
    const font = { file };
    const [original, subset] = [fontkit.openSync(font.file) as unknown as Face, open(fonts.get(font.file)!)];
    assert.equal(subset.postscriptName, original.postscriptName);
    for (const character of "深圳创新，「」。一二三九十0123456789") {
      const codePoint = character.codePointAt(0)!;
      // A face with a unicode-range sets only those characters (the fallback face only those the others lack), so only those are kept.
      if (faces.every((face) => charactersSetBy(face, [character]).length === 0) || !original.hasGlyphForCodePoint(codePoint)) {
        assert.ok(!subset.hasGlyphForCodePoint(codePoint), `${font.file} kept ${character}`);
        continue;
      }
      assert.ok(subset.hasGlyphForCodePoint(codePoint), `${font.file} lost ${character}`);
      assert.equal(subset.glyphForCodePoint(codePoint).id, original.glyphForCodePoint(codePoint).id);
    }
    assert.ok(!subset.hasGlyphForCodePoint("龘".codePointAt(0)!));
    assert.ok(fonts.get(font.file)!.length < 2_000_000, `${fonts.get(font.file)!.length} bytes`);
  }
});

test("a Paged.js other than the one its corrections were written for is refused with what to do", () => {
  assert.equal(pagedjsVersion, supportedPagedjs, "the installed pagedjs-cli bundles the supported Paged.js");
  assert.equal(pagedjsProblem("0.4.3"), undefined);
  assert.match(pagedjsProblem("0.5.0") ?? "", /^Unexpected Paged\.js 0\.5\.0 .*expected 0\.4\.3: .*run `npm ci`/);
});
