import assert from "node:assert/strict";
import { test } from "node:test";
import { hasDeclaredGlyph, isInvisible } from "../../scripts/fonts/coverage.ts";

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
  [0xffa0, "the half-width Hangul filler, which has no visible form"],
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
