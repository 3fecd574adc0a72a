import type { QuoteStyle } from "../book/language.ts";
import { isChinese, isChineseStraightQuotation, isHan, isLatinOrDigit } from "../markdown/cjk-punctuation.ts";
import { finding, type Finding, type RunFinding, type RunText } from "./finding.ts";

type QuoteFamily = QuoteStyle["family"] | '""';

interface QuotePair {
  open?: number;
  close?: number;
  depth: number;
}

const openingQuotes = "“‘「『";
const closingQuotes = "”’」』";

/**
 * Quote marks paired by nesting. `’` after no `‘`/`『` is an apostrophe (`don’t`), `‘` after a
 * letter is one typed the wrong way round; straight `"` open and close in turn.
 */
function quotePairs(text: string): QuotePair[] {
  const pairs: QuotePair[] = [];
  const open: QuotePair[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    const top = open.at(-1);
    if (character === '"' && top?.open !== undefined && text[top.open] === '"') {
      top.close = index;
      open.pop();
    } else if (character === '"' || (openingQuotes.includes(character) && !(character === "‘" && isLatinOrDigit(text[index - 1])))) {
      const pair = { open: index, depth: open.length };
      pairs.push(pair);
      open.push(pair);
    } else if (character === "’") {
      if (top?.open !== undefined && "‘『".includes(text[top.open]!)) {
        top.close = index;
        open.pop();
      }
    } else if (closingQuotes.includes(character)) {
      if (top) {
        top.close = index;
        open.pop();
      } else pairs.push({ close: index, depth: 0 });
    }
  }
  return pairs;
}

function quotedText(text: string, pair: QuotePair): string {
  return text.slice((pair.open ?? -1) + 1, pair.close ?? text.length);
}

/** Straight quotes count only around Chinese; curly and corner quotes also when Chinese is beside them. */
function isChineseQuotation(text: string, pair: QuotePair): boolean {
  const hasHan = [...quotedText(text, pair)].some(isHan);
  if (pair.open !== undefined && text[pair.open] === '"') return pair.close === undefined ? hasHan : isChineseStraightQuotation(text, pair.open, pair.close);
  return hasHan || (pair.open !== undefined && isChinese(text[pair.open - 1])) || (pair.close !== undefined && isChinese(text[pair.close + 1]));
}

const familyOf = (mark: string): QuoteFamily => ("“”‘’".includes(mark) ? "“”" : "「」『』".includes(mark) ? "「」" : '""');

export function quoteStyle(text: string, style: QuoteStyle, language: string): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const pair of quotePairs(text).filter((pair) => isChineseQuotation(text, pair))) {
    const [expectedOpen, expectedClose] = pair.depth % 2 === 0 ? style.outer : style.inner;
    for (const [index, expected] of [[pair.open, expectedOpen], [pair.close, expectedClose]] as const) {
      if (index === undefined || text[index] === expected) continue;
      const reason =
        text[index] === '"'
          ? `Unexpected straight quote \`"\` around Chinese text, expected \`${expected}\``
          : `Unexpected \`${text[index]}\` in a ${language} book, expected \`${expected}\`${pair.depth % 2 === 0 ? "" : " (inside other quotes)"}`;
      findings.push(finding("quote-style", "error", index, index + 1, reason, expected));
    }
  }
  return findings;
}

/** The first quote mark of each family the runs use around Chinese, in reading order. */
function firstQuoteOfEachFamily(runs: readonly RunText[]): Map<QuoteFamily, { run: number; index: number }> {
  const first = new Map<QuoteFamily, { run: number; index: number }>();
  runs.forEach(({ text }, run) => {
    for (const pair of quotePairs(text).filter((pair) => isChineseQuotation(text, pair))) {
      const index = pair.open ?? pair.close!;
      const family = familyOf(text[index]!);
      if (!first.has(family)) first.set(family, { run, index });
    }
  });
  return first;
}

/** One warning for a file that quotes in more than one way, at the first mark of the second way. */
export function mixedQuotes(runs: readonly RunText[], style: QuoteStyle, language: string): Finding[] {
  const families = [...firstQuoteOfEachFamily(runs)];
  if (families.length < 2) return [];
  const { run, index } = families[1]![1];
  const used = families.map(([family]) => family).join(" and ");
  const reason = `Unexpected mix of ${used} quotes in one file, expected ${style.outer.join("")} and ${style.inner.join("")} throughout (the book is ${language})`;
  return [{ ...finding("mixed-quotes", "warning", index, index + 1, reason), run }];
}
