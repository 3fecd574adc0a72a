/**
 * Half-width punctuation typed in Chinese text (common when it comes from a Western keyboard): the
 * one detector of the pipeline. The lint reports and mends what it finds (`halfwidth-punctuation`),
 * the typesetter prints it full-width (rehype-cjk-punctuation.ts), so a book the lint passes and a
 * book it would mend print the same.
 *
 * clreq (“Composition of Chinese and Western Mixed Text”): where the main text is Chinese, Chinese
 * punctuation is used. What counts as Chinese here is a Han character or a full-width mark; Western
 * text keeps its own marks, so `Hello, world!`, `f(x)`, `:)`, `3.14`, `1,000` and `12:30` stay.
 */

/**
 * Stands for something in the text that is not prose (inline code, math, HTML, an image, an address,
 * a note mark). Written by the prose walker (prose.ts); a mark beside it is judged by the other side.
 */
export const atom = "\uFFFC";

export const isHan = (character: string | undefined) => character !== undefined && /\p{Script=Han}/u.test(character);
export const isCjkPunctuation = (character: string | undefined) =>
  character !== undefined && /[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·]/.test(character);
/** A Han character or a full-width mark: what Chinese text is made of. */
export const isChinese = (character: string | undefined) => isHan(character) || isCjkPunctuation(character);
export const isLatinOrDigit = (character: string | undefined) => character !== undefined && /[A-Za-z0-9]/.test(character);
const isBoundary = (character: string | undefined) => character === undefined || character === atom || /\s/.test(character);

/**
 * Marks after Chinese text belong to it; a mark after a Western word ends Western text
 * (`Hello, world!然后` keeps its `!`). A mark at a boundary or after digits is Chinese when Chinese
 * follows it (`16,然后`, `` `ls`,然后 ``).
 */
export function isChineseContext(text: string, start: number, end: number): boolean {
  const before = characterBefore(text, start);
  if (isChinese(before)) return true;
  return (isBoundary(before) || /[0-9]/.test(before!)) && isChinese(characterAt(text, end));
}

/** The whole character ending before `index` (a Han character outside the BMP is two code units). */
export const characterBefore = (text: string, index: number) => (/[\udc00-\udfff]/.test(text[index - 1] ?? "") && index > 1 ? text.slice(index - 2, index) : text[index - 1]);
/** The whole character starting at `index`. */
export const characterAt = (text: string, index: number) => (index < text.length ? String.fromCodePoint(text.codePointAt(index)!) : undefined);

export const fullWidthOf: Readonly<Record<string, string>> = { ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", '"': "”" };

/** `:)`, `;-)`, `:D`, `=P`: a face, not a colon. */
const emoticon = /^[:;=][-^']?[()DPpOo3|\\/[\]*]/;

export interface HalfwidthMark {
  index: number;
  /** The full-width form to print or write instead. */
  fullWidth: string;
}

export interface HalfwidthOptions {
  /**
   * Text around `text` that is read to judge the marks at its edges but never reported (the
   * typesetter sees a text node at a time, with the characters of the nodes beside it).
   */
  before?: string;
  after?: string;
  /**
   * Also straight double quotes around Chinese (`"你好"` → `“你好”`). The typesetter asks for them; the
   * lint does not, because its `quote-style` rule reports them with the quotes of the book's language.
   */
  straightQuotes?: boolean;
}

/**
 * Every half-width `,;:!?()` (and, when asked, `"`) of `text` that Chinese text needs full-width,
 * in order. A run of marks (`?!`, `,,`) goes together; brackets and quotes go in pairs, both or
 * neither, and only pairs closed within `text`.
 */
export function halfwidthPunctuation(text: string, options: Readonly<HalfwidthOptions> = {}): HalfwidthMark[] {
  const before = options.before ?? "";
  const whole = before + text + (options.after ?? "");
  const from = before.length;
  const to = from + text.length;
  const found: HalfwidthMark[] = [];
  const report = (index: number, fullWidth = fullWidthOf[whole[index]!]!) => {
    if (index >= from && index < to) found.push({ index: index - from, fullWidth });
  };
  for (const match of whole.matchAll(/[,;:!?]+/g)) {
    const end = match.index + match[0].length;
    if (emoticon.test(whole.slice(match.index)) || !isChineseContext(whole, match.index, end)) continue;
    for (let index = match.index; index < end; index++) report(index);
  }
  for (const [open, close] of pairs(whole, "(", ")", from, to)) {
    if (!isChineseBracket(whole, open, close)) continue;
    report(open);
    report(close);
  }
  if (options.straightQuotes) {
    for (const [open, close] of pairs(whole, '"', '"', from, to)) {
      if (!isChineseStraightQuotation(whole, open, close)) continue;
      report(open, "“");
      report(close, "”");
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Brackets paired by nesting (quotes, whose two ends are the same mark, in turn), both ends within `from`–`to`. */
function pairs(text: string, opening: string, closing: string, from: number, to: number): [number, number][] {
  const found: [number, number][] = [];
  const opens: number[] = [];
  for (let index = from; index < to; index++) {
    if (text[index] === closing && opens.length > 0) found.push([opens.pop()!, index]);
    else if (text[index] === opening) opens.push(index);
  }
  return found;
}

/** `(绍兴)`, `柯桥区(Keqiao)` and `(2024)年` are Chinese; `f(x)`, `print()` and `(^_^)` are not. */
function isChineseBracket(text: string, open: number, close: number): boolean {
  const inside = text.slice(open + 1, close);
  if (!/[\p{L}\p{N}]/u.test(inside)) return false;
  const before = characterBefore(text, open);
  return [...inside].some(isHan) || isChinese(before) || (!isLatinOrDigit(before) && isChinese(characterAt(text, close + 1)));
}

/** `"你好"` and `说"OK"` quote in Chinese; `"quoted"` in English does not (the lint's quote-style rule asks this too). */
export function isChineseStraightQuotation(text: string, open: number, close: number): boolean {
  return [...text.slice(open + 1, close)].some(isHan) || isChinese(characterBefore(text, open));
}
