import type { ElementContent, Root } from "hast";
import { wrapMatches, wrapTexts } from "./wrap-text.ts";

/** A character of a run set sideways in vertical text: neither white space nor Chinese, Japanese or Korean (nor their full-width marks). */
const sideways = String.raw`[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]`;

/**
 * A number of one or two digits standing alone (not part of 16.5, 1000, M0 or 40%), and not inside
 * a run of Latin text either: the 1 of `append(1)` in a URL, the 11 of `C++11`, set across the
 * column, broke the run they belong to (the rest of the URL sideways, the digit upright).
 */
const shortNumber = new RegExp(String.raw`(?<![\p{Nd}A-Za-z.,%])(?<![A-Za-z]${sideways}*)\p{Nd}{1,2}(?![\p{Nd}A-Za-z.,%])(?!${sideways}*[A-Za-z])`, "gu");

/** Splits a text into text and `<span class="tcy">` parts around its short numbers. */
export const markShortNumbers = (value: string): ElementContent[] => wrapMatches(value, shortNumber, "tcy");

/**
 * Marks 1–2 digit numbers for tate-chu-yoko (纵中横): in vertical text clreq sets them across the
 * column (8月20日). Horizontal layouts ignore the mark, so one tree serves every layout.
 */
export default function rehypeTateChuYoko() {
  return (tree: Root) => wrapTexts(tree, markShortNumbers);
}
