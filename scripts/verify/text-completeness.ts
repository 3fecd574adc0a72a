import { diffArrays } from "diff";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import type { TextSegment } from "../render/book-html.ts";
import type { Layout } from "../outputs.ts";
import type { PdfPage, PdfWord } from "./pdf-text.ts";
import { wordsInReadingOrder } from "./reading-order.ts";

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
}

/** Han characters of the text area of every page, in reading order. */
export function pdfBodyHan(pages: readonly PdfPage[], layout: Layout, area: TextArea): string[] {
  return pages.flatMap((page) =>
    hanCharacters(
      wordsInReadingOrder(page, layout)
        .filter((word) => isInTextArea(word, page, area))
        .map((word) => word.text)
        .join(""),
    ),
  );
}

/**
 * Every Han character of the manuscript must be in the output's text, in order: the text, and the
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
  const changes = diffArrays(expected, [...actual], { timeout: 20_000 });
  const missing: Array<{ index: number; count: number }> = [];
  if (changes) {
    let index = 0;
    for (const change of changes) {
      if (change.removed) missing.push({ index, count: change.count ?? change.value.length });
      if (!change.added) index += change.count ?? change.value.length;
    }
  } else {
    // Too different for a diff in reasonable time: count characters instead.
    const remaining = new Map<string, number>();
    for (const character of actual) remaining.set(character, (remaining.get(character) ?? 0) + 1);
    expected.forEach((character, index) => {
      const left = remaining.get(character) ?? 0;
      if (left === 0) missing.push({ index, count: 1 });
      else remaining.set(character, left - 1);
    });
  }
  const missingCount = missing.reduce((sum, run) => sum + run.count, 0);
  for (const run of missing.slice(0, 10)) {
    const passage = expected.slice(run.index, run.index + Math.min(run.count, 20)).join("");
    const before = expected.slice(Math.max(0, run.index - 8), run.index).join("");
    error(output, `Unexpected loss of ${run.count} Han character(s) “${passage}” after “${before}” (from ${owner[run.index]!.file.basename}), expected every character of the manuscript in the PDF, in order`, undefined, "text-completeness");
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
