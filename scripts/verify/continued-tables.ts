import { comparedCharacters, type PrintedCharacters, type Stream } from "./compared-text.ts";

// 续表: what the layout sets again over each page a table continues on (scripts/typeset/table-continuations.browser.js), for the exact text check.

/** The letters and digits of each table's head, counted, alone and with the word over its continuations. */
export function tableHeads(stream: Stream): Array<{ head: Array<[string, number]>; withWord: Array<[string, number]> }> {
  const heads = new Map<number, { head: Map<string, number>; word: string }>();
  stream.characters.forEach((character, index) => {
    const table = stream.owners[index]!.table;
    if (!table?.header) return;
    const entry = heads.get(table.index) ?? { head: new Map<string, number>(), word: table.continued ?? "" };
    entry.head.set(character, (entry.head.get(character) ?? 0) + 1);
    heads.set(table.index, entry);
  });
  return [...heads.values()].map(({ head, word }) => {
    const withWord = new Map(head);
    for (const character of comparedCharacters(word)) withWord.set(character, (withWord.get(character) ?? 0) + 1);
    return { head: [...head], withWord: [...withWord] };
  });
}

/**
 * The printed characters without what the layout sets over each page a table continues on: the word
 * 续表 followed by the table's whole head, read as one run (scripts/typeset/table-continuations.browser.js).
 * Taken out before the pages are matched, a long table's repeated heads cost no diff (a diff of a
 * 120-row table of repetitive cells paired them with the wrong copies of their letters, even on other
 * pages). A head without the word is the table's own, on its first page, and stays; a head whose
 * cells are read apart (wrapped lines read across the row) is left to the diff's allowance below.
 */
export function withoutContinuedHeads(printed: PrintedCharacters, text: Stream): PrintedCharacters {
  const runs = continuedHeadRuns(text);
  if (runs.length === 0) return printed;
  const { characters: all, pageStarts: starts } = printed;
  // The word, then the head: in order, or with its cells' wrapped lines read across the row (the same letters).
  const isRunAt = (run: ContinuedHead, index: number, end: number) => {
    if (index + run.letters.length > end) return false;
    if (run.letters.every((character, offset) => all[index + offset] === character)) return true;
    if (!run.word.every((character, offset) => all[index + offset] === character)) return false;
    const left = new Map(run.headCounts);
    for (let offset = run.word.length; offset < run.letters.length; offset++) {
      const count = left.get(all[index + offset]!) ?? 0;
      if (count === 0) return false;
      left.set(all[index + offset]!, count - 1);
    }
    return true;
  };
  // Every run begins with the word: other letters are passed at once.
  const firsts = new Set(runs.map((run) => run.letters[0]));
  const characters: string[] = [];
  const pageStarts: number[] = [];
  for (const [page, start] of starts.entries()) {
    const end = starts[page + 1] ?? all.length;
    pageStarts.push(characters.length);
    for (let index = start; index < end; ) {
      const run = firsts.has(all[index]!) ? runs.find((candidate) => isRunAt(candidate, index, end)) : undefined;
      if (run) index += run.letters.length;
      else characters.push(all[index++]!);
    }
  }
  return { characters, pageStarts };
}

/** What a continued table's page begins with: the word and the head's letters and digits, in order, and the head's counted. */
interface ContinuedHead {
  word: string[];
  letters: string[];
  headCounts: Map<string, number>;
}

/** Each headed table's word over its continuations and its head. */
function continuedHeadRuns(stream: Stream): ContinuedHead[] {
  const runs = new Map<number, ContinuedHead>();
  stream.characters.forEach((character, index) => {
    const table = stream.owners[index]!.table;
    if (!table?.header || !table.continued) return;
    const word = comparedCharacters(table.continued);
    const run = runs.get(table.index) ?? { word, letters: [...word], headCounts: new Map<string, number>() };
    run.letters.push(character);
    run.headCounts.set(character, (run.headCounts.get(character) ?? 0) + 1);
    runs.set(table.index, run);
  });
  return [...runs.values()];
}
