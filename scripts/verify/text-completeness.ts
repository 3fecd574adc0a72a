import type { Point } from "unist";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import type { TextSegment } from "../render/expected-text.ts";
import type { Layout } from "../outputs.ts";
import type { PdfPage, PdfWord } from "./pdf-text.ts";
import { matchesPageByPage } from "./page-matching.ts";
import { wordsInReadingOrder } from "./reading-order.ts";
import { differences, matchedBefore, type Run } from "./text-differences.ts";
import { comparedCharacters, streamOf, type PrintedCharacters, type Stream } from "./compared-text.ts";
import { tableHeads, withoutContinuedHeads } from "./continued-tables.ts";

const hanCharacter = /\p{Script=Han}/gu;

export const hanCharacters = (text: string): string[] => text.match(hanCharacter) ?? [];

/** The text area of a page in PDF points: its distance from each edge (the narrower side margin for both sides). */
export interface TextArea {
  top: number;
  bottom: number;
  side: number;
}

/**
 * A glyph belongs to the text area when its centre does: pdftotext's boxes for vertical glyphs are
 * estimated from horizontal metrics and overhang the column's ends by a few points.
 */
export function isInTextArea(word: PdfWord, page: PdfPage, area: TextArea): boolean {
  const x = (word.xMin + word.xMax) / 2;
  const y = (word.yMin + word.yMax) / 2;
  return y >= area.top && y <= page.height - area.bottom && x >= area.side && x <= page.width - area.side;
}

export interface CompletenessResult {
  expected: number;
  missing: number;
  /** Letters and digits the PDF prints beyond the manuscript's (the EPUBs' check counts losses only). */
  added?: number;
}

/**
 * The EPUBs' check: every Han character of the manuscript must be in the output's text, in order: the text, and the
 * footnotes apart, since a page sets its notes between its text and the next page's. The output
 * also carries text the layout adds (contents, labels), which is allowed. Differences are found
 * with a diff, so a lost or reordered passage is reported where it is.
 */
export function checkTextCompleteness(segments: readonly TextSegment[], actual: readonly string[], output: VFile): CompletenessResult {
  const streams = [segments.filter((segment) => !segment.notes), segments.filter((segment) => segment.notes)];
  const results = streams.map((stream) => checkInOrder(stream, actual, output));
  return { expected: results[0]!.expected + results[1]!.expected, missing: results[0]!.missing + results[1]!.missing };
}

function checkInOrder(segments: readonly TextSegment[], actual: readonly string[], output: VFile): CompletenessResult {
  const expected: string[] = [];
  const owner: TextSegment[] = [];
  for (const segment of segments) {
    for (const character of hanCharacters(segment.text)) {
      expected.push(character);
      owner.push(segment);
    }
  }
  // A single pass shows that every character is there, as it nearly always is; only a loss needs the diff.
  if (isSubsequence(expected, actual)) return { expected: expected.length, missing: 0 };
  const { missing } = differences(expected, actual);
  const missingCount = missing.reduce((sum, run) => sum + run.count, 0);
  for (const run of missing.slice(0, 10)) {
    const passage = expected.slice(run.index, run.index + Math.min(run.count, 20)).join("");
    const before = expected.slice(Math.max(0, run.index - 8), run.index).join("");
    error(output, `Unexpected loss of ${run.count} Han character(s) “${passage}” after “${before}” (from ${owner[run.index]!.file.basename}), expected every character of the manuscript in the EPUB, in order`, undefined, "text-completeness");
  }
  if (missing.length > 10) error(output, `Unexpected further losses: ${missing.length - 10} more passage(s), ${missingCount} Han character(s) missing in all`, undefined, "text-completeness");
  return { expected: expected.length, missing: missingCount };
}

/** Whether `items` occur in `within` in order, with anything between them. */
function isSubsequence(items: readonly string[], within: readonly string[]): boolean {
  let next = 0;
  for (const item of within) if (next < items.length && item === items[next]) next++;
  return next === items.length;
}

export function pdfBodyText(pages: readonly PdfPage[], layout: Layout, area: TextArea): PrintedCharacters {
  const characters: string[] = [];
  const pageStarts: number[] = [];
  for (const page of pages) {
    pageStarts.push(characters.length);
    const text = wordsInReadingOrder(page, layout)
      .filter((word) => isInTextArea(word, page, area))
      .map((word) => word.text)
      .join("");
    for (const character of comparedCharacters(text)) characters.push(character);
  }
  return { characters, pageStarts };
}

/**
 * The PDF's letters and digits, page by page, must be the book's (printedText): nothing lost,
 * nothing added or set twice. A page prints a run of the text and then, at its foot, a run of the
 * page notes. Each page is matched in one pass, which is all a book whose text is right costs; only
 * a difference is looked for with a diff. Within a page, order is the reading order's guess: a
 * table's cells are read line by line across the row, an upright digit may stand beside its
 * column, so what a page lacks in one place and has in another is not a difference. Each loss and
 * addition is an error at the manuscript's line, naming the PDF's page.
 */
export function checkPrintedText(segments: readonly TextSegment[], printedAll: PrintedCharacters, output: VFile): Required<CompletenessResult> {
  const text = streamOf(segments.filter((segment) => !segment.notes));
  const notes = streamOf(segments.filter((segment) => segment.notes));
  const printed = withoutContinuedHeads(printedAll, text);
  const expected = text.characters.length + notes.characters.length;
  if (matchesPageByPage(text.characters, notes.characters, printed)) return { expected, missing: 0, added: 0 };
  const pageOf = (index: number) => upperBound(printed.pageStarts, index);
  const fromText = differences(text.characters, printed.characters);
  const strays = fromText.added.flatMap((run) => Array.from({ length: run.count }, (_, offset) => run.index + offset));
  const fromNotes = differences(notes.characters, strays.map((index) => printed.characters[index]!));
  // Every lost character with the page it was due on (that of the character printed before it), and every added one.
  const lost = [
    ...fromText.missing.flatMap((run) => indicesOf(run).map((index) => ({ stream: text, index, page: pageOf(Math.max(0, run.at - 1)) }))),
    ...fromNotes.missing.flatMap((run) => indicesOf(run).map((index) => ({ stream: notes, index, page: pageOf(strays[Math.max(0, run.at - 1)] ?? 0) }))),
  ];
  const added = fromNotes.added.flatMap((run) => indicesOf(run).map((index) => strays[index]!));
  const addedOnPage = new Map<string, number[]>();
  const key = (page: number, character: string) => `${page} ${character}`;
  for (const index of added) {
    const onPage = key(pageOf(index), printed.characters[index]!);
    const indices = addedOnPage.get(onPage);
    if (indices) indices.push(index);
    else addedOnPage.set(onPage, [index]);
  }
  const reordered = new Set<number>();
  const takeAdded = (page: number, character: string) => {
    const match = addedOnPage.get(key(page, character))?.pop();
    if (match !== undefined) reordered.add(match);
    return match !== undefined;
  };
  // A loss's page is that of the character printed before it, and where a page is read out of order
  // the diff may pair its text with the next page's: a character missing in one place and printed
  // on the same page or the next or last is not a difference (a turned table's rows also run on).
  const lostForGood = lost.filter(({ stream, index, page }) => {
    const character = stream.characters[index]!;
    return ![page, page + 1, page - 1].some((near) => takeAdded(near, character));
  });
  // A table's head is set again on each page it runs on to, under the word 续表 (a turned table's
  // head, on each turned page, without it): the word is furniture only where a whole head stands
  // again with it on the same page.
  const isAddedOnPage = (page: number, counted: ReadonlyArray<readonly [string, number]>) => counted.every(([character, count]) => (addedOnPage.get(key(page, character))?.length ?? 0) >= count);
  const takeAllAdded = (page: number, counted: ReadonlyArray<readonly [string, number]>) => {
    for (const [character, count] of counted) for (let copy = 0; copy < count; copy++) takeAdded(page, character);
  };
  for (const { head, withWord } of tableHeads(text)) {
    for (let page = 1; page <= printed.pageStarts.length; page++) {
      while (isAddedOnPage(page, withWord)) takeAllAdded(page, withWord);
      while (isAddedOnPage(page, head)) takeAllAdded(page, head);
    }
  }
  const addedForGood = added.filter((index) => !reordered.has(index));
  const pdf = output.basename;
  const lostRuns = runsOf(lostForGood, (a, b) => a.stream === b.stream && a.index + 1 === b.index && a.page === b.page);
  for (const run of lostRuns.slice(0, reportedRuns)) {
    const { stream, index, page } = run[0]!;
    const passage = stream.characters.slice(index, index + Math.min(run.length, 20)).join("");
    const before = stream.characters.slice(Math.max(0, index - 8), index).join("");
    const [file, place] = sourceOf(stream, index, output);
    error(file, `Unexpected loss of ${run.length} letter(s) or digit(s) “${passage}” after “${before}” in ${pdf} p. ${page}, expected every letter and digit of the manuscript in the PDF, in order`, place, "text-completeness");
  }
  const addedRuns = runsOf(addedForGood, (a, b) => a + 1 === b && pageOf(a) === pageOf(b));
  for (const run of addedRuns.slice(0, reportedRuns)) {
    const index = run[0]!;
    const passage = printed.characters.slice(index, index + Math.min(run.length, 20)).join("");
    const before = printed.characters.slice(Math.max(0, index - 8), index).join("");
    // Added text is reported at the manuscript's text it follows.
    const [file, place] = sourceOf(text, Math.max(0, matchedBefore(fromText.matches, index) - 1), output);
    error(file, `Unexpected text “${passage}” (${run.length} letter(s) or digit(s)) after “${before}” in ${pdf} p. ${pageOf(index)}, expected only the manuscript's text, each passage once`, place, "text-completeness");
  }
  const unreported = Math.max(0, lostRuns.length - reportedRuns) + Math.max(0, addedRuns.length - reportedRuns);
  if (unreported > 0) error(output, `Unexpected further differences from the manuscript: ${unreported} more passage(s); ${lostForGood.length} letter(s) or digit(s) lost and ${addedForGood.length} added in all`, undefined, "text-completeness");
  return { expected, missing: lostForGood.length, added: addedForGood.length };
}

/** The indices a run covers. */
const indicesOf = (run: Run) => Array.from({ length: run.count }, (_, offset) => run.index + offset);

/** Items grouped into runs of neighbours. */
function runsOf<T>(items: readonly T[], follows: (before: T, after: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const run = runs.at(-1);
    if (run && follows(run.at(-1)!, item)) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** Passages reported one by one; the rest are counted. */
const reportedRuns = 10;

/** The file and line of an expected character: its segment's place, lines on by the line breaks before it. */
function sourceOf(stream: Stream, index: number, fallback: VFile): [VFile, Point | undefined] {
  const owner = stream.owners[index] ?? stream.owners.at(-1);
  if (!owner?.place) return [owner?.file ?? fallback, undefined];
  return [owner.file, { ...owner.place, line: owner.place.line + linesBefore(owner.text, stream.offsets[index] ?? 0) }];
}

/** Line breaks in `text` before its `count`th compared character. */
function linesBefore(text: string, count: number): number {
  let [seen, lines] = [0, 0];
  for (const character of text) {
    if (seen >= count) break;
    if (character === "\n") lines++;
    else seen += comparedCharacters(character).length;
  }
  return lines;
}

/** The number of items in the sorted `starts` that are ≤ `index`: the page (from 1) a character index lies on. */
function upperBound(starts: readonly number[], index: number): number {
  let [low, high] = [0, starts.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= index) low = middle + 1;
    else high = middle;
  }
  return low;
}
