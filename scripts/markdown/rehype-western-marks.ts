import type { Element, ElementContent, Root, RootContent, Text } from "hast";

/**
 * Quotation marks, apostrophes, dashes and ellipses have one code point each for Chinese and
 * Western text; clreq asks for the form of the text around them: full-width in a Chinese
 * sentence, proportional in a Western one. Chinese faces draw them full-width, so in a reference
 * list `“C-Store: A Column-oriented DBMS,” at …` read `DBMS, ” at`. The marks that stand in
 * Western text are marked `<span class="western-marks">`, which styles/base.css sets in the
 * Western face; the rest keep the Chinese face (and, in vertical text, its vertical forms).
 */
export default function rehypeWesternMarks() {
  return (tree: Root) => {
    for (const block of textBlocks(tree)) markBlock(block);
  };
}

const chinese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const western = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u;
const marks = /[‘’“”–—…]/u;
const openings: Record<string, string> = { "“": "”", "‘": "’" };
const quotationMarks = new Set(["“", "”", "‘", "’"]);

/** A run of text nodes read as one: a paragraph, a heading, a list item's or a cell's own text. */
interface TextBlock {
  text: string;
  /** Each text node that may be split, and where its text starts in `text`. */
  pieces: Array<{ node: Text; parent: Element | Root; start: number }>;
}

const blockTags = new Set(["p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "div", "section", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details", "table", "thead", "tbody", "tr", "ul", "ol", "dl", "figure", "hr", "br"]);
/** Text that reads as Western context for the marks beside it but is never restyled. */
const codeLike = new Set(["code", "kbd", "samp", "pre", "math", "svg"]);

function textBlocks(tree: Root): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock = { text: "", pieces: [] };
  const close = () => {
    if (marks.test(current.text)) blocks.push(current);
    current = { text: "", pieces: [] };
  };
  const walk = (node: RootContent | Root, parent: Element | Root | undefined) => {
    if (node.type === "text") {
      if (parent) current.pieces.push({ node, parent, start: current.text.length });
      current.text += node.value;
      return;
    }
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element" && codeLike.has(node.tagName)) {
      // Code is Western context (`“npm ci”`), but a code block is a block of its own.
      if (node.tagName === "pre") close();
      else current.text += "x";
      return;
    }
    const block = node.type === "element" && blockTags.has(node.tagName);
    if (block) close();
    for (const child of [...node.children]) walk(child, node);
    if (block) close();
  };
  walk(tree, undefined);
  close();
  return blocks;
}

/** The nearest character beside `index` that is not a space, looking back (-1) or on (+1). */
function neighbour(text: string, index: number, step: -1 | 1): string | undefined {
  for (let at = index + step; at >= 0 && at < text.length; at += step) if (!/\s/u.test(text[at]!)) return text[at];
  return undefined;
}

const isChinese = (character: string | undefined) => character !== undefined && chinese.test(character);
const isWestern = (character: string | undefined) => character !== undefined && western.test(character);

/** The indices of `text`'s marks that stand in Western text. */
export function westernMarks(text: string): Set<number> {
  const found = new Set<number>();
  const paired = new Set<number>();
  const open: Array<{ mark: string; at: number }> = [];
  for (let at = 0; at < text.length; at++) {
    const mark = text[at]!;
    // An apostrophe inside a word (don’t, O’Reilly) is no quotation mark.
    if (mark === "’" && isWestern(text[at - 1]) && isWestern(text[at + 1])) {
      found.add(at);
      paired.add(at);
      continue;
    }
    if (mark in openings) open.push({ mark, at });
    else if (mark === "”" || mark === "’") {
      const start = open.findLastIndex((candidate) => openings[candidate.mark] === mark);
      if (start < 0) continue;
      const [{ at: opening }] = open.splice(start);
      paired.add(opening!).add(at);
      // A quotation is Western when what it quotes is, and so is the sentence around it.
      const quoted = text.slice(opening! + 1, at);
      if (!chinese.test(quoted) && western.test(quoted) && !isChinese(neighbour(text, opening!, -1)) && !isChinese(neighbour(text, at, 1))) found.add(opening!).add(at);
    }
  }
  for (let at = 0; at < text.length; at++) {
    if (paired.has(at) || !marks.test(text[at]!)) continue;
    // A doubled dash or ellipsis (——, ……) is Chinese punctuation, one mark two ems long, wherever it stands.
    let end = at + 1;
    while (text[end] === text[at]) end++;
    const [before, after] = [neighbour(text, at, -1), neighbour(text, end - 1, 1)];
    // A quotation mark without its pair may close or open a Chinese quotation (`（见 http://…”`): Western only between Western words.
    const western = quotationMarks.has(text[at]!) ? isWestern(before) && isWestern(after) : !isChinese(before) && !isChinese(after) && (isWestern(before) || isWestern(after));
    if (end - at === 1 && western) found.add(at);
    at = end - 1;
  }
  return found;
}

function markBlock(block: TextBlock): void {
  const found = westernMarks(block.text);
  if (found.size === 0) return;
  for (const { node, parent, start } of block.pieces) {
    const parts: ElementContent[] = [];
    let last = 0;
    for (let offset = 0; offset < node.value.length; offset++) {
      if (!found.has(start + offset)) continue;
      let end = offset + 1;
      while (end < node.value.length && found.has(start + end)) end++;
      if (offset > last) parts.push({ type: "text", value: node.value.slice(last, offset) });
      parts.push({ type: "element", tagName: "span", properties: { className: ["western-marks"] }, children: [{ type: "text", value: node.value.slice(offset, end) }] });
      last = end;
      offset = end - 1;
    }
    if (parts.length === 0) continue;
    if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
    parent.children.splice(parent.children.indexOf(node), 1, ...(parts as typeof parent.children));
  }
}
