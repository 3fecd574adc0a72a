import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";
import type { Layout } from "../outputs.ts";
import type { PdfPage, PdfWord } from "./pdf-text.ts";
import { linesOf } from "./reading-order.ts";
import { isInTextArea, type TextArea } from "./text-completeness.ts";

/** 孤字 on the pages of a PDF: how many lines were read, and each paragraph's last line of one character. */
export interface LoneCharacters {
  lines: number;
  found: Array<{ page: number; text: string }>;
}

/** Closing punctuation, which may follow the lone character on its line. */
const closing = /[。，、；：！？）》」』”’…—·〕】〉.,;:!?)\]"'\s]/gu;
const han = /^\p{Script=Han}$/u;

/** A line (a column in vertical text) along its own direction and across the page, in points. */
interface Line {
  /** Where its first and last characters start and end, along the line. */
  start: number;
  end: number;
  /** Where it stands across the lines, growing in reading order. */
  across: number;
  /** Its characters' extent across the line: about the type size. */
  size: number;
  text: string;
}

function lineOf(words: readonly PdfWord[], layout: Layout, page: PdfPage): Line {
  const along = words.map((word) => (layout === "horizontal" ? [word.xMin, word.xMax] : [word.yMin, word.yMax]));
  const sizes = words.map((word) => (layout === "horizontal" ? word.yMax - word.yMin : word.xMax - word.xMin)).sort((a, b) => a - b);
  return {
    start: Math.min(...along.map(([start]) => start!)),
    end: Math.max(...along.map(([, end]) => end!)),
    across: layout === "horizontal" ? Math.min(...words.map((word) => word.yMin)) : page.width - Math.max(...words.map((word) => word.xMax)),
    size: sizes[Math.floor(sizes.length / 2)]!,
    text: words.map((word) => word.text).join(""),
  };
}

/**
 * Paragraph-final lines of one Han character (with its closing punctuation), 孤字, which a Chinese
 * compositor does not let stand: a line that follows a line running to the full measure, one line
 * pitch after it (not a heading set apart by its margin, nor a table cell's line crowded beside
 * its row), starting where that paragraph's lines
 * start. The full measure ends where most lines of the pages of the same hand (recto, verso) end:
 * justified lines all end there. Lines are read inside the text area.
 */
export function findLoneCharacters(pages: readonly PdfPage[], layout: Layout, area: TextArea): LoneCharacters {
  const pageLines = pages.map((page) => linesOf({ ...page, words: page.words.filter((word) => isInTextArea(word, page, area)) }, layout).map((line) => lineOf(line, layout, page)));
  const measureEnds = [0, 1].map((hand) => mostCommonEnd(pageLines.filter((_, index) => index % 2 === hand).flat()));
  const result: LoneCharacters = { lines: 0, found: [] };
  pageLines.forEach((lines, index) => {
    result.lines += lines.length;
    const measureEnd = measureEnds[index % 2]!;
    for (let at = 1; at < lines.length; at++) {
      const [previous, line] = [lines[at - 1]!, lines[at]!];
      const em = line.size;
      const characters = [...line.text.replace(closing, "")];
      if (characters.length !== 1 || !han.test(characters[0]!)) continue;
      const previousFull = previous.end >= measureEnd - em / 2;
      // One line pitch on: not set apart (a heading's margin), nor crowded against the line before (a
      // table cell's second line, half a line beside the row's other cells).
      const pitch = line.across - previous.across;
      const nextLine = pitch > previous.size && pitch <= 2.2 * em;
      // The paragraph's first line is indented (2 em); its other lines start where the last one does.
      const sameParagraph = line.start <= previous.start + em / 2 && line.start >= previous.start - 2.5 * em;
      if (previousFull && nextLine && sameParagraph) result.found.push({ page: index + 1, text: line.text });
    }
  });
  return result;
}

/** Where most of `lines` end, to the point. */
const mostCommonEnd = (lines: readonly Line[]) => mostCommonValue(lines.map((line) => Math.round(line.end)));

function mostCommonValue(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [Infinity, 0])[0];
}

/** Each 孤字 the layout could not avoid, as a warning naming its page: the editor may reword the paragraph. */
export function reportLoneCharacters(found: LoneCharacters, pdfName: string, output: VFile): void {
  for (const { page, text } of found.found) {
    warn(output, `Unexpected paragraph ending in a line of one character “${text}” on ${pdfName} p. ${page} (孤字), expected at least two characters on a paragraph's last line: the layout could not avoid it; a word more or less in that paragraph will`, undefined, "lone-character");
  }
}
