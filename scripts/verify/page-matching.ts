import type { PrintedCharacters } from "./compared-text.ts";

// The exact check's single pass: whether the PDF's pages print the book's text and notes in order, page by page.

/** Whether every page prints a run of the text followed by a run of the notes, the runs in order and nothing else. */
export function matchesPageByPage(text: readonly string[], notes: readonly string[], printed: PrintedCharacters): boolean {
  const { characters, pageStarts } = printed;
  let [inText, inNotes] = [0, 0];
  for (const [page, start] of pageStarts.entries()) {
    const end = pageStarts[page + 1] ?? characters.length;
    let split = start;
    while (split < end && inText < text.length && characters[split] === text[inText]) [split, inText] = [split + 1, inText + 1];
    // A note may begin with the letters the text goes on with: the text's run is then shorter.
    let textRun = split;
    while (textRun >= start && !startsWith(notes, inNotes, characters, textRun, end)) textRun--;
    if (textRun >= start) {
      inText -= split - textRun;
      inNotes += end - textRun;
      continue;
    }
    const readOutOfOrder = sameLettersOnPage(text, notes, inText - (split - start), inNotes, characters, start, end, pageStarts[page + 2] ?? characters.length);
    if (!readOutOfOrder) return false;
    [inText, inNotes] = readOutOfOrder;
  }
  return inText === text.length && inNotes === notes.length;
}

/** Letters of the next page that show where the text goes on. */
const nextPageProbe = 24;

/**
 * A page whose letters are the book's but read in another order (a table's wrapped cells read line
 * by line across the row): its letters, with the notes after them, must be those of the text and
 * notes up to where its text ends. That end is where the next page's first letters are found, or,
 * when those are out of order too (the table goes on with wrapped cells) or the page prints no
 * notes, as many letters on as the page has. A diff of the whole book for such a page took more than
 * a minute on a real book. The positions after the page, or undefined when the page is not that.
 */
function sameLettersOnPage(text: readonly string[], notes: readonly string[], inText: number, inNotes: number, printed: readonly string[], start: number, end: number, nextEnd: number): [number, number] | undefined {
  const pageLength = end - start;
  const probe = printed.slice(end, Math.min(nextEnd, end + nextPageProbe));
  let probedEnd: number | undefined = text.length;
  if (probe.length > 0) {
    const limit = Math.min(text.length - probe.length, inText + 2 * pageLength);
    probedEnd = undefined;
    for (let at = inText; at <= limit && probedEnd === undefined; at++) if (startsWith(text, at, probe, 0, probe.length)) probedEnd = at;
  }
  for (const textEnd of new Set([probedEnd, Math.min(text.length, inText + pageLength)])) {
    if (textEnd === undefined) continue;
    const noteLength = pageLength - (textEnd - inText);
    if (noteLength < 0 || inNotes + noteLength > notes.length) continue;
    if (sameLetters(printed.slice(start, end), [...text.slice(inText, textEnd), ...notes.slice(inNotes, inNotes + noteLength)])) return [textEnd, inNotes + noteLength];
  }
  return undefined;
}

/** Whether `printed` and `expected` hold the same letters as many times each. */
function sameLetters(printed: readonly string[], expected: readonly string[]): boolean {
  if (printed.length !== expected.length) return false;
  const counts = new Map<string, number>();
  for (const character of printed) counts.set(character, (counts.get(character) ?? 0) + 1);
  for (const character of expected) {
    const left = counts.get(character) ?? 0;
    if (left === 0) return false;
    counts.set(character, left - 1);
  }
  return true;
}

/** Whether `within[from, to)` is `items` from `at` on. */
function startsWith(items: readonly string[], at: number, within: readonly string[], from: number, to: number): boolean {
  if (at + to - from > items.length) return false;
  for (let index = from; index < to; index++) if (within[index] !== items[at + index - from]) return false;
  return true;
}
