import type { TextSegment } from "../render/expected-text.ts";

// The characters the exact text check compares, as the PDF printed them and as the book's text expects them.

/**
 * What the exact check compares: letters and digits of every script, as NFKC makes them
 * (full-width forms, ligatures). Punctuation, symbols and spaces are the typesetter's to change
 * (full-width punctuation, added hyphens, emphasis dots, continuation marks), combining marks may
 * come back from the PDF in drawing order, and circled numbers are note numbers, which the layout
 * counts afresh on each page.
 */
const comparedCharacter = /[\p{L}\p{N}]/gu;
const circledNumber = /[\u2460-\u2473\u3251-\u325F\u32B1-\u32BF]/gu;

export const comparedCharacters = (text: string): string[] => text.replace(circledNumber, "").normalize("NFKC").match(comparedCharacter) ?? [];

/** The letters and digits of the text area of every page, in reading order, and where each page's begin. */
export interface PrintedCharacters {
  characters: string[];
  /** The index in `characters` of each page's first; a page's number is its index + 1. */
  pageStarts: number[];
}

/** One stream of expected characters (the text, or the page notes), each with the segment it comes from. */
export interface Stream {
  characters: string[];
  owners: TextSegment[];
  /** Each character's index in its segment's compared characters, for its line. */
  offsets: number[];
}

export function streamOf(segments: readonly TextSegment[]): Stream {
  const stream: Stream = { characters: [], owners: [], offsets: [] };
  for (const segment of segments) {
    comparedCharacters(segment.text).forEach((character, offset) => {
      stream.characters.push(character);
      stream.owners.push(segment);
      stream.offsets.push(offset);
    });
  }
  return stream;
}
