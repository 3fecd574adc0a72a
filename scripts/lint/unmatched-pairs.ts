import { isChinese, isLatinOrDigit } from "../markdown/cjk-punctuation.ts";
import { finding, type RunFinding } from "./finding.ts";

const closerOf: Record<string, string> = { "（": "）", "《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "‘": "’", "【": "】", "〔": "〕", "〖": "〗" };
const openerOf = Object.fromEntries(Object.entries(closerOf).map(([open, close]) => [close, open]));

/** A list numbered `1）`, `一）` or `a）` at the start of a paragraph has a closing bracket alone on purpose. */
const listNumber = /^[0-9a-zA-Z一二三四五六七八九十]{1,3}）/;

/**
 * Brackets and quotes must close within their paragraph, except a quotation running over several
 * paragraphs: each of its paragraphs opens with the quote and only the last one closes it.
 */
export function unmatchedPairs(text: string, nextRunText: string | undefined): RunFinding[] {
  const lonely: number[] = [];
  const open: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character in closerOf && !(character === "‘" && isLatinOrDigit(text[index - 1]))) open.push(index);
    else if (character in openerOf) {
      const at = open.findLastIndex((opening) => text[opening] === openerOf[character]);
      if (at >= 0) lonely.push(...open.splice(at).slice(1));
      else if (character !== "’" && !(index < 4 && listNumber.test(text))) lonely.push(index);
    }
  }
  const continuesQuotation = (index: number) => index === 0 && "“「『‘".includes(text[0]!) && nextRunText?.[0] === text[0];
  lonely.push(...open.filter((index) => !continuesQuotation(index) && !(text[index] === "‘" && !isChinese(text[index + 1]))));
  return lonely
    .sort((a, b) => a - b)
    .map((index) => {
      const mark = text[index]!;
      const partner = closerOf[mark] ?? openerOf[mark]!;
      const reason = mark in closerOf ? `Unexpected \`${mark}\` without \`${partner}\` in its paragraph, expected a closing \`${partner}\`` : `Unexpected \`${mark}\` without \`${partner}\` before it in its paragraph, expected an opening \`${partner}\` or no \`${mark}\``;
      return finding("unmatched-pair", "error", index, index + 1, reason);
    });
}
