import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";

/** The manuscript folder's file of conversion fixes for the Traditional editions. */
export const phrasesFileName = "opencc-phrases.txt";

const example = "`发布 發佈`";

interface Word {
  text: string;
  column: number;
}

/** The words of a line and their 1-based columns; whitespace (an ideographic space too) separates, `#` after whitespace starts a comment. */
function wordsOf(line: string): Word[] {
  const words: Word[] = [];
  for (const match of line.matchAll(/[^\s\uFEFF]+/g)) {
    if (match[0].startsWith("#")) break;
    words.push({ text: match[0], column: match.index + 1 });
  }
  return words;
}

function placeOf(line: number, word: Word) {
  return { start: { line, column: word.column }, end: { line, column: word.column + word.text.length } };
}

/**
 * The pairs of an opencc-phrases.txt: one `原文 目标` a line, blank lines and `#` comments allowed.
 * A line that is not a pair is an error at its place; a 原文 given twice is a warning, and its first
 * line is kept, so the conversion never depends on which line happens to come last.
 */
export function readPhrases(file: VFile): Array<[string, string]> {
  const phrases: Array<[string, string]> = [];
  const firstLineOf = new Map<string, number>();
  String(file.value ?? "")
    .split(/\r\n|\r|\n/)
    .forEach((text, index) => {
      const line = index + 1;
      const [source, target, extra] = wordsOf(text);
      if (!source) return;
      if (!target) {
        error(file, `Unexpected \`${source.text}\` alone, expected \`原文 目标\`: the Simplified text, a space and the Traditional text it becomes, such as ${example}`, placeOf(line, source), "opencc-phrases");
      } else if (extra) {
        error(file, `Unexpected third word \`${extra.text}\`, expected one \`原文 目标\` pair a line, such as ${example} (start a comment with \`#\`)`, placeOf(line, extra), "opencc-phrases");
      } else if (firstLineOf.has(source.text)) {
        warn(file, `Unexpected second \`${source.text}\`, expected each 原文 once: line ${firstLineOf.get(source.text)} is used, delete this line or that one`, placeOf(line, source), "opencc-phrases");
      } else {
        firstLineOf.set(source.text, line);
        phrases.push([source.text, target.text]);
      }
    });
  return phrases;
}
