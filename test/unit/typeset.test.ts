import assert from "node:assert/strict";
import { test } from "node:test";
import * as fontkit from "fontkit";
import { loadBook } from "../../scripts/book/load.ts";
import { declaredFonts } from "../../scripts/fonts/declared.ts";
import { subsetFontsForPrint } from "../../scripts/fonts/print-subset.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { renderBookParts } from "../../scripts/render/book-html.ts";
import { forChromium, stringSetsOf } from "../../scripts/typeset/chromium-pages.ts";
import { partCharacters } from "../../scripts/typeset/typeset.ts";
import { sampleManuscript } from "../helpers.ts";

interface Face {
  postscriptName: string;
  glyphForCodePoint(codePoint: number): { id: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as Face;

const book = await loadBook({ manuscriptDir: sampleManuscript });
const parts = renderBookParts({ config: book.config, chapters: parseChapters(book.chapters, book.manuscriptDir), layout: "vertical" }, await loadRenderAssets(), partCharacters(false));

test("an untagged book is set chapter by chapter: the title page and contents, then one part per chapter, the colophon with the last", () => {
  assert.equal(parts.length, 1 + book.chapters.length);
  assert.deepEqual(parts.map((part) => part.holdsContents), [true, ...book.chapters.map(() => false)]);
  parts.slice(1).forEach((part) => assert.equal(part.html.match(/<section class="chapter"/g)?.length, 1));
  assert.ok(parts.at(-1)!.html.includes('<section class="colophon"'));
});

test("for Chromium, string() in the stylesheets becomes a custom property and the string-set rules are found", () => {
  const { head, body } = forChromium(parts[1]!.html);
  assert.ok(!/\bstring\(/.test(head) && head.includes("var(--string-chapter-title)") && head.includes("var(--string-book-title)"));
  assert.ok(body.startsWith("<body>") && body.includes('<section class="chapter"'));
  assert.deepEqual(stringSetsOf(head), [
    { selector: ".book-title, .running-book-title", name: "book-title" },
    { selector: ".chapter-title", name: "chapter-title" },
  ]);
  assert.deepEqual(stringSetsOf("/* a { string-set: x content(text) } */ @page { @top-left { content: string(y); } } h2 { color: red; string-set: section content(text); }"), [{ selector: "h2", name: "section" }]);
});

test("the faces cut down for print keep the book's characters and page numbers at their glyph ids, the name, and little else", async () => {
  const fonts = await subsetFontsForPrint(parts.map((part) => part.html));
  assert.deepEqual([...fonts.keys()], declaredFonts.map((font) => font.file));
  for (const font of declaredFonts) {
    const [original, subset] = [fontkit.openSync(font.file) as unknown as Face, open(fonts.get(font.file)!)];
    assert.equal(subset.postscriptName, original.postscriptName);
    for (const character of "深圳创新，「」。一二三九十0123456789") {
      const codePoint = character.codePointAt(0)!;
      assert.ok(subset.hasGlyphForCodePoint(codePoint), `${font.file} lost ${character}`);
      assert.equal(subset.glyphForCodePoint(codePoint).id, original.glyphForCodePoint(codePoint).id);
    }
    assert.ok(!subset.hasGlyphForCodePoint("龘".codePointAt(0)!));
    assert.ok(fonts.get(font.file)!.length < 2_000_000, `${fonts.get(font.file)!.length} bytes`);
  }
});
