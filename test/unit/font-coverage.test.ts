import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import * as fontkit from "fontkit";
import { VFile } from "vfile";
import { charactersSetBy, checkFontCoverage, hasDeclaredGlyph, isInvisible } from "../../scripts/fonts/coverage.ts";
import { declaredFonts, inUnicodeRange, type DeclaredFace } from "../../scripts/fonts/declared.ts";
import { scriptOf, unicodeScripts } from "../../scripts/fonts/unicode-scripts.ts";

/** The Unicode blocks books use, first and last code point. */
export const bookBlocks: ReadonlyArray<readonly [string, number, number]> = [
  ["Latin-1 Supplement", 0x0080, 0x00ff],
  ["Latin Extended-A", 0x0100, 0x017f],
  ["Latin Extended-B", 0x0180, 0x024f],
  ["Greek and Coptic", 0x0370, 0x03ff],
  ["Cyrillic", 0x0400, 0x04ff],
  ["General Punctuation", 0x2000, 0x206f],
  ["Superscripts and Subscripts", 0x2070, 0x209f],
  ["Letterlike Symbols", 0x2100, 0x214f],
  ["Number Forms", 0x2150, 0x218f],
  ["Arrows", 0x2190, 0x21ff],
  ["Mathematical Operators", 0x2200, 0x22ff],
  ["Miscellaneous Technical", 0x2300, 0x23ff],
  ["Enclosed Alphanumerics", 0x2460, 0x24ff],
  ["Box Drawing", 0x2500, 0x257f],
  ["Geometric Shapes", 0x25a0, 0x25ff],
  ["Miscellaneous Symbols", 0x2600, 0x26ff],
  ["Dingbats", 0x2700, 0x27bf],
  ["CJK Symbols and Punctuation", 0x3000, 0x303f],
  ["Halfwidth and Fullwidth Forms", 0xff00, 0xffef],
];

/** Characters of those blocks that no declared face has, each with the reason. */
const exceptions = new Map<number, string>([
  ...[0x23b7, 0x23b8, 0x23b9, 0x23ba, 0x23bb, 0x23bc, 0x23bd].map((codePoint) => [codePoint, "radical and scan-line pieces for terminal graphics: no freely licensed static TrueType face we ship draws them"] as const),
]);

const assigned = /\p{Assigned}/u;
const control = /\p{Cc}/u;

test("the declared faces together have a glyph for every assigned character of the blocks books use, but the listed exceptions", () => {
  const missing: string[] = [];
  let checked = 0;
  for (const [block, first, last] of bookBlocks) {
    for (let codePoint = first; codePoint <= last; codePoint++) {
      const character = String.fromCodePoint(codePoint);
      if (!assigned.test(character) || control.test(character) || isInvisible(character)) continue;
      checked++;
      const covered = hasDeclaredGlyph(codePoint);
      if (exceptions.has(codePoint)) assert.ok(!covered, `U+${codePoint.toString(16)} is covered now: take it off the exceptions`);
      else if (!covered) missing.push(`${block}: U+${codePoint.toString(16).toUpperCase()} ${character}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked > 2800, `only ${checked} characters checked`);
});

test("the characters real books stopped on are covered: ✓ ✗ → ≤ ⁵ ₂ ① ※ │ ▲, emoji, Latin Extended", () => {
  for (const character of "✓✗→≤⁵⁶₂①※│▲★⇒↔∞≥±×÷∑√‰№℃⑴⒈²●◆ğłćŚŁžıİ😀👍") assert.ok(hasDeclaredGlyph(character.codePointAt(0)!), character);
});

/** One letter of each script books quote, and the fallback family that sets it ("" when the book's own Western or Chinese face does). */
const scriptSamples: ReadonlyArray<readonly [script: string, sample: string, family: string]> = [
  ["Tamil", "ஷ", "Book NotoSerifTamil"],
  ["Devanagari", "ह", "Book NotoSerifDevanagari"],
  ["Bengali", "ব", "Book NotoSerifBengali"],
  ["Arabic", "ع", "Book NotoNaskhArabic"],
  ["Hebrew", "ש", "Book NotoSerifHebrew"],
  ["Thai", "ก", "Book NotoSerifThai"],
  ["Hangul", "한", "Book Hangul"],
  ["Georgian", "ქ", "Book NotoSerifGeorgian"],
  ["Armenian", "Հ", "Book NotoSerifArmenian"],
  ["Ethiopic", "አ", "Book NotoSerifEthiopic"],
  ["Khmer", "ខ", "Book NotoSerifKhmer"],
  ["Lao", "ລ", "Book NotoSerifLao"],
  ["Myanmar", "မ", "Book NotoSerifMyanmar"],
  ["Sinhala", "ස", "Book NotoSerifSinhala"],
  ["Gujarati", "ગ", "Book NotoSerifGujarati"],
  ["Gurmukhi", "ਪ", "Book NotoSerifGurmukhi"],
  ["Kannada", "ಕ", "Book NotoSerifKannada"],
  ["Malayalam", "മ", "Book NotoSerifMalayalam"],
  ["Telugu", "త", "Book NotoSerifTelugu"],
  ["Tibetan", "བ", "Book NotoSerifTibetan"],
  ["Oriya", "ଓ", "Book NotoSansOriya"],
  ["Syriac", "ܐ", "Book NotoSansSyriac"],
  ["Thaana", "ދ", "Book NotoSansThaana"],
  ["Mongolian", "ᠮ", "Book NotoSansMongolian"],
  ["Yi", "ꆈ", "Book NotoSansYi"],
  ["Cherokee", "Ꮳ", "Book NotoSansCherokee"],
  ["Canadian Aboriginal", "ᐃ", "Book NotoSansCanadianAboriginal"],
  ["Tifinagh", "ⵜ", "Book NotoSansTifinagh"],
  ["Nko", "ߊ", "Book NotoSansNKo"],
  ["Javanese", "ꦗ", "Book NotoSansJavanese"],
  ["Tangut", "𗀀", "Book NotoSerifTangut"],
  ["Egyptian Hieroglyphs", "𓀀", "Book NotoSansEgyptianHieroglyphs"],
  ["Cuneiform", "𒀀", "Book NotoSansCuneiform"],
  ["Runic", "ᚠ", "Book NotoSansRunic"],
  ["Gothic", "𐌰", "Book NotoSansGothic"],
  ["Latin", "ł", ""],
  ["Greek", "λ", ""],
  ["Cyrillic", "Ж", ""],
  ["Hiragana", "あ", ""],
  ["Katakana", "カ", ""],
  ["Bopomofo", "ㄅ", ""],
  ["Han", "中", ""],
  ["Han", "𠀀", "Book Han Ext"],
];

/** The fallback families that set `character`: those the build loads and cuts for it. */
const fallbackFamiliesSetting = (character: string) => [...new Set(declaredFonts.filter((face) => face.fallback && charactersSetBy(face, [character]).length > 0).map((face) => face.family))];

test("a letter of each script books quote is covered, by its script's face", () => {
  for (const [script, sample, family] of scriptSamples) {
    assert.equal(scriptOf(sample), script, sample);
    assert.ok(hasDeclaredGlyph(sample.codePointAt(0)!), `${script} ${sample}`);
    assert.deepEqual(fallbackFamiliesSetting(sample), family ? [family] : [], `${script} ${sample}`);
  }
});

/** Scripts no declared face has: Debian 12's fonts-noto-core (2020) has no face for them. */
const scriptsWithoutFace = new Set([
  "Makasar", "Nandinagari",
  // Unicode 13 to 17, later than those fonts.
  "Chorasmian", "Dives_Akuru", "Khitan_Small_Script",
  "Cypro_Minoan", "Old_Uyghur", "Tangsa", "Toto", "Vithkuqi",
  "Kawi", "Nag_Mundari",
  "Garay", "Gurung_Khema", "Kirat_Rai", "Ol_Onal", "Sunuwar", "Todhri", "Tulu_Tigalari",
  "Beria_Erfe", "Sidetic", "Tai_Yo", "Tolong_Siki",
]);

/** Every character up to the end of the Supplementary Ideographic Plane, surrogates left out. */
function allCharacters(): string {
  const codePoints: number[] = [];
  for (let codePoint = 0; codePoint <= 0x3ffff; codePoint++) if (codePoint < 0xd800 || codePoint > 0xdfff) codePoints.push(codePoint);
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += 4096) pieces.push(String.fromCodePoint(...codePoints.slice(start, start + 4096)));
  return pieces.join("");
}

test("the first letter (or symbol) of every script of Unicode is covered, but for the scripts no face has", () => {
  const characters = allCharacters();
  const uncovered: string[] = [];
  let checked = 0;
  for (const script of unicodeScripts.filter((script) => script !== "Common" && script !== "Inherited")) {
    const first = characters.match(new RegExp(`[\\p{Script=${script}}&&[\\p{L}\\p{So}]]`, "v"))?.[0];
    assert.ok(first, script);
    checked++;
    const covered = hasDeclaredGlyph(first.codePointAt(0)!);
    if (scriptsWithoutFace.has(script)) assert.ok(!covered, `${script} is covered now: take it off scriptsWithoutFace`);
    else if (!covered) uncovered.push(`${script} ${first}`);
  }
  assert.deepEqual(uncovered, []);
  assert.ok(checked > 160, `only ${checked} scripts checked`);
});

test("a character several script faces have comes from its own script's face, which is tried first", () => {
  const scriptFaces = declaredFonts.filter((face) => face.scripts && face.weight === 400);
  const facesHaving = new Map<number, DeclaredFace[]>();
  for (const face of scriptFaces) {
    const { characterSet } = fontkit.openSync(face.file) as unknown as { characterSet: number[] };
    for (const codePoint of characterSet.filter((codePoint) => inUnicodeRange(face, codePoint))) facesHaving.set(codePoint, [...(facesHaving.get(codePoint) ?? []), face]);
  }
  const wrong: string[] = [];
  let shared = 0;
  for (const [codePoint, faces] of facesHaving) {
    const character = String.fromCodePoint(codePoint);
    if (faces.length < 2 || hasDeclaredGlyph(codePoint, declaredFonts.filter((face) => !face.fallback))) continue;
    shared++;
    const script = scriptOf(character).replaceAll(" ", "_");
    const own = faces.find((face) => face.scripts!.includes(script));
    const setBy = fallbackFamiliesSetting(character);
    if (own && setBy[0] !== own.family) wrong.push(`U+${codePoint.toString(16).toUpperCase()} (${script}) from ${setBy.join(", ")}`);
  }
  assert.ok(shared > 40, `${shared} shared characters`);
  assert.deepEqual(wrong, []);
  // Common characters go to the first face that has them: the Indic danda to Devanagari's, the comma of Arabic, Syriac and Thaana to Arabic's.
  assert.deepEqual(fallbackFamiliesSetting("।"), ["Book NotoSerifDevanagari"]);
  assert.deepEqual(fallbackFamiliesSetting("،"), ["Book NotoNaskhArabic"]);
});

test("every declared face is a static TrueType-outline font, which Chromium embeds as CID TrueType rather than Type 3", () => {
  for (const face of declaredFonts) {
    const tables = (fontkit.openSync(face.file) as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
    assert.ok("glyf" in tables && !("CFF " in tables) && !("fvar" in tables), path.basename(face.file));
  }
});

test("a character no face has is an error at its line and column naming it, its code point and its script", () => {
  const chapter = new VFile({ path: "chapters/one.md", value: "# 标题\n\n扩展 G 区的 𱍊，爪哇古文 𑼄，私用区 \u{e000}。\n" });
  assert.deepEqual([...checkFontCoverage([chapter])], ["𱍊", "𑼄", "\u{e000}"]);
  const messages = chapter.messages.map((message) => `${message.line}:${message.column} ${message.reason}`);
  assert.match(messages[0]!, /^3:9 Unexpected character “𱍊” \(U\+3134A, Han\) that no font can print, expected characters of the declared fonts \(Noto Serif \/ Noto Sans \/ Noto Serif SC \/ Noto Sans SC, and fallbacks for symbols, emoji, rare Han and \d+ other scripts\): replace it, or describe it in words$/);
  assert.match(messages[1]!, /^3:17 Unexpected character “𑼄” \(U\+11F04, Kawi\)/);
  assert.match(messages[2]!, /^3:24 Unexpected character “\u{e000}” \(U\+E000, Unknown\)/u);
});
