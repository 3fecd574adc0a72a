import { languageOf, type QuoteStyle } from "../book/language.ts";
import { urlEndCharacters } from "../markdown/url-end.ts";
import { atom } from "./prose.ts";
import { halfwidthPunctuationCandidates } from "./zhlint-detector.ts";

export type RuleId =
  | "halfwidth-punctuation"
  | "quote-style"
  | "mixed-quotes"
  | "repeated-punctuation"
  | "stray-space"
  | "ellipsis"
  | "dash"
  | "fullwidth-alphanumeric"
  | "unmatched-pair";

/** Errors are clearly wrong and, but for `unmatched-pair`, mended by `--fix`; warnings are for an editor to judge. */
export type Severity = "error" | "warning";

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Index of the run in the list given to `lintProse`. */
  run: number;
  /** Range in the run's text. */
  start: number;
  end: number;
  reason: string;
  /** What `--fix` writes over the range; only errors that have one safe mend carry it. */
  fix?: string;
}

export interface RunText {
  text: string;
  kind: "paragraph" | "heading" | "tableCell";
}

type QuoteFamily = QuoteStyle["family"] | '""';

const isHan = (character: string | undefined) => character !== undefined && /\p{Script=Han}/u.test(character);
const isCjkPunctuation = (character: string | undefined) =>
  character !== undefined && /[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·]/.test(character);
/** A Han character or a full-width mark: what Chinese text is made of. */
const isChinese = (character: string | undefined) => isHan(character) || isCjkPunctuation(character);
const isLatinOrDigit = (character: string | undefined) => character !== undefined && /[A-Za-z0-9]/.test(character);
const isBoundary = (character: string | undefined) => character === undefined || character === atom || /\s/.test(character);

/**
 * Marks after Chinese text belong to it; a mark after an English word ends English ("Hello, world!"
 * stays). A mark at a boundary or after digits is Chinese when Chinese follows it ("16,然后").
 */
function isChineseContext(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (isChinese(before)) return true;
  return (isBoundary(before) || /[0-9]/.test(before!)) && isChinese(text[end]);
}

const finding = (ruleId: RuleId, severity: Severity, start: number, end: number, reason: string, fix?: string): Omit<Finding, "run"> => ({
  ruleId,
  severity,
  start,
  end,
  reason,
  ...(fix === undefined ? {} : { fix }),
});

type RunFinding = Omit<Finding, "run">;

// ---- halfwidth-punctuation ----------------------------------------------------------------------

const fullWidthOf: Record<string, string> = { ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）" };
const emoticon = /^[:;=][-^']?[()DPpOo3|\\/[\]*]/;

function halfwidthPunctuation(text: string): RunFinding[] {
  const candidates = halfwidthPunctuationCandidates(text);
  const findings: RunFinding[] = [];
  const report = (index: number) =>
    findings.push(finding("halfwidth-punctuation", "error", index, index + 1, `Unexpected half-width \`${text[index]}\` in Chinese text, expected \`${fullWidthOf[text[index]!]}\``, fullWidthOf[text[index]!]));
  for (const match of text.matchAll(/[,;:!?]+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const detected = [...match[0]].some((_, offset) => candidates.has(start + offset));
    if (detected && !emoticon.test(text.slice(start)) && isChineseContext(text, start, end)) {
      for (let index = start; index < end; index++) report(index);
    }
  }
  for (const [open, close] of bracketPairs(text)) {
    if ((candidates.has(open) || candidates.has(close)) && isChineseBracket(text, open, close)) {
      report(open);
      report(close);
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

function bracketPairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const opens: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "(") opens.push(index);
    else if (text[index] === ")" && opens.length > 0) pairs.push([opens.pop()!, index]);
  }
  return pairs;
}

/** `(绍兴)`, `柯桥区(Keqiao)` and `(2024)年` are Chinese; `f(x)`, `print()` and `(^_^)` are not. */
function isChineseBracket(text: string, open: number, close: number): boolean {
  const inside = text.slice(open + 1, close);
  if (!/[\p{L}\p{N}]/u.test(inside)) return false;
  return [...inside].some(isHan) || isChinese(text[open - 1]) || (!isLatinOrDigit(text[open - 1]) && isChinese(text[close + 1]));
}

// ---- quotes ---------------------------------------------------------------------------------------

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
  if (pair.open !== undefined && text[pair.open] === '"') return hasHan;
  return hasHan || (pair.open !== undefined && isChinese(text[pair.open - 1])) || (pair.close !== undefined && isChinese(text[pair.close + 1]));
}

const familyOf = (mark: string): QuoteFamily => ("“”‘’".includes(mark) ? "“”" : "「」『』".includes(mark) ? "「」" : '""');

function quoteStyle(text: string, style: QuoteStyle, language: string): RunFinding[] {
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
function mixedQuotes(runs: readonly RunText[], style: QuoteStyle, language: string): Finding[] {
  const families = [...firstQuoteOfEachFamily(runs)];
  if (families.length < 2) return [];
  const { run, index } = families[1]![1];
  const used = families.map(([family]) => family).join(" and ");
  const reason = `Unexpected mix of ${used} quotes in one file, expected ${style.outer.join("")} and ${style.inner.join("")} throughout (the book is ${language})`;
  return [{ ...finding("mixed-quotes", "warning", index, index + 1, reason), run }];
}

// ---- repeated punctuation, ellipsis, dash, full-width letters --------------------------------------

function repeatedPunctuation(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/([，。、；：！？])\1+/g)) {
    const [marks, mark] = match as unknown as [string, string];
    const end = match.index + marks.length;
    if (mark === "。" && marks.length > 2) continue; // an ellipsis typed as 。。。, reported by `ellipsis`
    // GB/T 15834 allows ！！ and ？？ (up to three) for strong feeling; more is never right.
    const emphatic = "！？".includes(mark) && marks.length <= 3;
    const reason = `Unexpected repeated \`${marks}\`, expected \`${mark}\`${emphatic ? " (two or three only for strong feeling)" : ""}`;
    findings.push(emphatic ? finding("repeated-punctuation", "warning", match.index, end, reason) : finding("repeated-punctuation", "error", match.index, end, reason, mark));
  }
  return findings;
}

function ellipsis(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  // `…` three times is taken for a slip of `……`; two, four or six are right (six dots, or twelve for a whole line left out).
  for (const match of text.matchAll(/\.{3,}|。{3,}|[·・．]{3,}|…+/g)) {
    const written = match[0];
    const end = match.index + written.length;
    const isWrongEllipsisChar = written[0] === "…" ? written.length === 1 || written.length === 3 : true;
    const needsChineseContext = written[0] === "." || written === "…";
    if (!isWrongEllipsisChar || (needsChineseContext && !isChineseContext(text, match.index, end))) continue;
    findings.push(finding("ellipsis", "error", match.index, end, `Unexpected \`${written}\` as an ellipsis in Chinese text, expected \`……\``, "……"));
  }
  return findings;
}

function dash(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/[ \t]*(?:(?<!-)-{2,3}(?!-)|(?<!－)－－(?!－)|(?<!—)—(?!—))[ \t]*/g)) {
    const end = match.index + match[0].length;
    if (!isChinese(text[match.index - 1]) || !isChinese(text[end])) continue;
    findings.push(finding("dash", "error", match.index, end, `Unexpected \`${match[0].trim()}\` as a dash between Chinese characters, expected \`——\``, "——"));
  }
  return findings;
}

function fullwidthAlphanumeric(text: string): RunFinding[] {
  return [...text.matchAll(/[０-９Ａ-Ｚａ-ｚ]+/g)].map((match) => {
    const halfWidth = [...match[0]].map((character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0)).join("");
    return finding("fullwidth-alphanumeric", "error", match.index, match.index + match[0].length, `Unexpected full-width \`${match[0]}\`, expected \`${halfWidth}\``, halfWidth);
  });
}

// ---- stray-space ----------------------------------------------------------------------------------

/**
 * Spaces next to full-width punctuation are always stray (the mark carries its own space). Between
 * two Han characters a space is sometimes a deliberate separator (`排头兵 桥头堡`, a title and its
 * second part), so it is a warning, and not reported in headings and table cells at all. Spaces
 * between Han and Latin or digits are the typesetter's business.
 */
function straySpace(text: string, kind: RunText["kind"]): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/[ \t\u3000]+/g)) {
    const end = match.index + match[0].length;
    const before = text[match.index - 1];
    const after = text[end];
    if (!isChinese(before) || !isChinese(after)) continue;
    const kindOfSpace = match[0].includes("\u3000") ? "ideographic space" : "space";
    if (isCjkPunctuation(before) || isCjkPunctuation(after)) {
      findings.push(finding("stray-space", "error", match.index, end, `Unexpected ${kindOfSpace} beside \`${isCjkPunctuation(before) ? before : after}\`, expected none`, ""));
    } else if (kind === "paragraph") {
      findings.push(finding("stray-space", "warning", match.index, end, `Unexpected ${kindOfSpace} between \`${before}\` and \`${after}\`, expected none (or \`、\` or \`·\` as a separator)`));
    }
  }
  return findings;
}

// ---- unmatched-pair -------------------------------------------------------------------------------

const closerOf: Record<string, string> = { "（": "）", "《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "‘": "’", "【": "】", "〔": "〕", "〖": "〗" };
const openerOf = Object.fromEntries(Object.entries(closerOf).map(([open, close]) => [close, open]));

/** A list numbered `1）`, `一）` or `a）` at the start of a paragraph has a closing bracket alone on purpose. */
const listNumber = /^[0-9a-zA-Z一二三四五六七八九十]{1,3}）/;

/**
 * Brackets and quotes must close within their paragraph, except a quotation running over several
 * paragraphs: each of its paragraphs opens with the quote and only the last one closes it.
 */
function unmatchedPairs(text: string, nextRunText: string | undefined): RunFinding[] {
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

// ---- all rules ------------------------------------------------------------------------------------

/**
 * Web addresses the Markdown did not make links (one glued to a letter before it, `Ａhttps://…`,
 * is no autolink), up to the first space or character that ends an address as the parser ends
 * literal autolinks (url-end.ts): nothing inside is prose.
 */
const bareUrl = new RegExp(String.raw`[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s${urlEndCharacters}]+`, "gu");

const outsideUrls = (text: string) => {
  const urls = [...text.matchAll(bareUrl)].map((match) => [match.index, match.index + match[0].length] as const);
  return (found: RunFinding) => urls.every(([start, end]) => found.end <= start || found.start >= end);
};

/** Every finding for the prose runs of one file, in reading order. */
export function lintProse(runs: readonly RunText[], language: string): Finding[] {
  const style = languageOf(language).quotes;
  const perRun = runs.flatMap(({ text, kind }, run) =>
    [
      ...halfwidthPunctuation(text),
      ...quoteStyle(text, style, language),
      ...repeatedPunctuation(text),
      ...ellipsis(text),
      ...dash(text),
      ...fullwidthAlphanumeric(text),
      ...straySpace(text, kind),
      ...unmatchedPairs(text, runs[run + 1]?.text),
    ]
      .filter(outsideUrls(text))
      .map((found) => ({ ...found, run })),
  );
  return [...perRun, ...mixedQuotes(runs, style, language)].sort((a, b) => a.run - b.run || a.start - b.start);
}
