// What the preview's pages exchange, for the type check of preview-book.browser.js (a book frame's
// `window.previewBook`) and preview-shell.browser.js (the page around the frames, which calls it).
/// <reference lib="dom" />
import type { BuildFindings, Finding } from "./build-findings.ts";
import type { PreviewContent, PreviewPart } from "./book-pages.ts";
import type { PreviewState } from "./server.ts";

export type { BuildFindings, Finding, PreviewPart, PreviewState };

/** What `/book/<layout>.json` answers: the book's parts for this layout, at a version. */
export interface BookParts extends PreviewContent {
  version: number;
  headVersion: string;
}

/** A part laid out in a book frame: its element (and pages area) and what the rounds need of it. */
export interface LaidPart {
  element: HTMLElement;
  pagesArea: HTMLElement;
  firstPage: number;
  /** The page numbers it prints, as laid out (JSON): another set of numbers lays it out again. */
  referencedPages: string;
  pages: number;
  targetPages: Record<string, number>;
}

/** How a render goes: the frame may be shown, and parts are placed one after another. */
export interface RenderHooks {
  marksFor?: MarksFor;
  /** Once, when the reader's place (or the first part) is on the page. */
  onShowable?: () => void;
  /** After each part placed, with the pages up to its end. */
  onProgress?: (progress: { pages: number }) => void;
}

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
  laid: Map<string, LaidPart>;
  generation: number;
  ready: Promise<unknown>;
  render(changedChapter: string | undefined, position: ReaderPosition | undefined, hooks?: RenderHooks): Promise<{ version: number; pages: number; seconds: number; superseded: boolean }>;
  layOut(part: PreviewPart, request: import("../typeset/page-reference-rounds.js").RoundRequest, targets: string[]): Promise<LaidPart>;
  layoutFrame: Promise<Window & typeof globalThis> | undefined;
  layoutWindow(): Promise<Window & typeof globalThis>;
  place(laid: LaidPart, previous: LaidPart | undefined, keys: Set<string>, blankBefore: boolean): void;
  stop(): void;
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
