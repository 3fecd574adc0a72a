import type { ElementContent, Root } from "hast";
import { wrapMatches, wrapTexts } from "./wrap-text.ts";

/** A number of one or two digits standing alone (not part of 16.5, 1000, M0 or 40%). */
const shortNumber = /(?<![\p{Nd}A-Za-z.,%])\p{Nd}{1,2}(?![\p{Nd}A-Za-z.,%])/gu;

/** Splits a text into text and `<span class="tcy">` parts around its short numbers. */
export const markShortNumbers = (value: string): ElementContent[] => wrapMatches(value, shortNumber, "tcy");

/**
 * Marks 1–2 digit numbers for tate-chu-yoko (纵中横): in vertical text clreq sets them across the
 * column (8月20日). Horizontal layouts ignore the mark, so one tree serves every layout.
 */
export default function rehypeTateChuYoko() {
  return (tree: Root) => wrapTexts(tree, markShortNumbers);
}
