/**
 * Where a bare web or e-mail address ends in running Chinese text: before the first character that
 * no address written bare can hold, a CJK character or full-width punctuation. GFM ends one only at
 * white space and ASCII punctuation, so `见 http://example.com。然后` linked `http://example.com。然后`,
 * and EPUBCheck refused the address. The parser (`remark-autolink-end.ts`) and the proofreading's
 * placeholders for addresses (`lint/rules.ts`) both end addresses here.
 */
const urlEndRanges: readonly (readonly [number, number])[] = [
  [0x00b7, 0x00b7], // · 间隔号
  [0x2014, 0x2014], // — of ——
  [0x2018, 0x201f], // ‘ ’ “ ” and their low forms
  [0x2026, 0x2026], // …
  [0x2e80, 0x9fff], // radicals, CJK symbols and punctuation (、。〈〉《》「」『』【】〔〕), kana, bopomofo, ideographs
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe10, 0xfe1f], // vertical punctuation
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // full-width forms (，：；？！（）) and half-width katakana
  [0x20000, 0x3ffff], // ideographs beyond the BMP (planes 2 and 3)
];

const hex = (code: number) => `\\u{${code.toString(16)}}`;

/** The characters ending an address, as the inside of a bracket expression of a `u` regular expression. */
export const urlEndCharacters = urlEndRanges.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`)).join("");

const urlEnd = new RegExp(`[${urlEndCharacters}]`, "u");

/**
 * Whether a UTF-16 code unit, as micromark reads text, ends an address. A high surrogate stands for
 * its block of 1,024 code points; the one range beyond the BMP starts and ends on such a block.
 */
export function endsUrl(codeUnit: number): boolean {
  const isHighSurrogate = codeUnit >= 0xd800 && codeUnit <= 0xdbff;
  return urlEnd.test(String.fromCodePoint(isHighSurrogate ? 0x10000 + (codeUnit - 0xd800) * 0x400 : codeUnit));
}

/** Where the first character that ends an address stands in `text`, or -1. */
export const urlEndIn = (text: string): number => text.search(urlEnd);
