import { scriptsPattern } from "./unicode-scripts.ts";

// The characters each face is used for, as runs of code points: those @font-face's unicode-range names and the coverage check tests.

/** First and last code point of a run of characters a face is used for. */
export type CodePointRange = readonly [number, number];

/** The runs of code points between `first` and `last` whose characters match `pattern`, a one-character pattern. */
function runsOf(pattern: RegExp, first: number, last: number): CodePointRange[] {
  // One regular-expression scan of the characters in order is a hundred times faster than testing each.
  const characters = codePointsText(`${first.toString(16)}-${last.toString(16)}`);
  return [...characters.matchAll(new RegExp(`(?:${pattern.source})+`, `${pattern.flags}g`))].map(([run]) => [run.codePointAt(0)!, [...run].at(-1)!.codePointAt(0)!]);
}

/** `compute`, remembering each key's result. */
function memoized<T>(compute: (key: string) => T): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    if (!results.has(key)) results.set(key, compute(key));
    return results.get(key)!;
  };
}

/** The characters from first to last ("first-last", hexadecimal) in order, without the surrogates (no characters by themselves). */
const codePointsText = memoized((firstToLast) => {
  const [first, last] = firstToLast.split("-").map((bound) => parseInt(bound, 16)) as [number, number];
  const codePoints: number[] = [];
  for (let codePoint = first; codePoint <= last; codePoint++) if (codePoint < 0xd800 || codePoint > 0xdfff) codePoints.push(codePoint);
  // In pieces, as a call takes only so many arguments; a character at a time is ten times slower.
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += 4096) pieces.push(String.fromCodePoint(...codePoints.slice(start, start + 4096)));
  return pieces.join("");
});

/**
 * Latin (with its extensions and combining marks), Greek, Cyrillic and the superscript and
 * subscript digits and letters (x², H₂O): what the Western companion faces set. Not U+00B7 (the 间隔号 of Chinese names), nor General Punctuation (“” ‘’ — …), whose
 * full-width forms belong to the Chinese face: those are `westernMarks`, for Western text only.
 */
export const western: readonly CodePointRange[] = [
  [0x0020, 0x007e], [0x00a0, 0x00b6], [0x00b8, 0x036f], [0x0370, 0x03ff], [0x0400, 0x052f], [0x1e00, 0x1fff], [0x2070, 0x209f],
];

/**
 * Quotation marks, apostrophes, dashes and the ellipsis, which Chinese and Western text share: in
 * Western text (markdown/rehype-western-marks.ts) they take the Western face's proportional forms.
 */
export const westernMarks: readonly CodePointRange[] = [[0x2013, 0x2014], [0x2018, 0x2019], [0x201c, 0x201d], [0x2026, 0x2026]];

/** Han characters beyond the Chinese faces: radicals, strokes, Extension A and the compatibility ideographs. */
export const rareHanBasic: readonly CodePointRange[] = [[0x2e80, 0x2fdf], [0x31c0, 0x31ef], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
/** The Supplementary Ideographic Plane and beyond: Extension B to G and the compatibility supplement. */
export const rareHanSupplementary: readonly CodePointRange[] = [[0x20000, 0x3134f]];

/**
 * Emoji: the emoji blocks of the Supplementary Multilingual Plane, and the characters of the Basic
 * Multilingual Plane that are shown as emoji by default (✅ ❌ ⏰ ⭐), so every emoji picture comes
 * from one face.
 */
export const emoji: readonly CodePointRange[] = [...runsOf(/\p{Emoji_Presentation}/u, 0x2000, 0x2bff), [0x1f000, 0x1faff]];

/** Every script but Han lies in the first two planes. */
const lastNonHanCodePoint = 0x1ffff;

// Keyed by the scripts' names joined with spaces: a face's weights share them.
export const scriptPatternOf = memoized((scripts) => scriptsPattern(scripts.split(" ")));
export const scriptRunsOf = memoized((scripts) => runsOf(scriptPatternOf(scripts), 0, lastNonHanCodePoint));
