// What the preview's pages exchange, for the type check of preview-book.browser.js (a book frame's
// `window.previewBook`) and preview-shell.browser.js (the page around the frames, which calls it).
/// <reference lib="dom" />
import type { BuildFindings, Finding } from "./build-findings.ts";
import type { PreviewState } from "./server.ts";

export type { BuildFindings, Finding, PreviewState };

/** Where the reader is: the page at the top of the window, how far into it, and its chapter. */
export interface ReaderPosition {
  pageIndex: number;
  offset: number;
  chapter: string | undefined;
  pageInChapter: number | undefined;
}

/** The last build's findings on one page, as the frame shows them above it. */
export interface PageMark {
  page: number;
  severity: string;
  heading: string;
  items: Array<{ text: string; original: string }>;
}

/** The marks for a layout of `pageCount` pages. */
export type MarksFor = (pageCount: number) => PageMark[] | undefined;

/** `window.previewBook` of a book frame (preview-book.browser.js). */
export interface PreviewBook {
  version: number;
  /** Each target's page in the last layout: the page numbers the contents show at the next. */
  knownPages: Record<string, number>;
  ready: Promise<unknown>;
  render(changedChapter: string | undefined, position: ReaderPosition | undefined, marksFor?: MarksFor): Promise<{ version: number; pages: number; seconds: number }>;
  pages(): HTMLElement[];
  chapterOf(pageIndex: number): { id: string; firstPage: number } | undefined;
  position(): ReaderPosition | undefined;
  restore(position: ReaderPosition | undefined, changedChapter?: string): void;
  mark(marksFor: MarksFor | undefined): void;
  showPage(number: number): void;
  show(id: string): void;
}

declare global {
  var previewBook: PreviewBook;
}
