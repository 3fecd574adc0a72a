// What Node and a book's page exchange, and the part of Paged.js 0.4.3 (pagedjs-cli's
// dist/browser.js) the page's scripts use: the types `npx tsc --noEmit` checks the
// `// @ts-check` browser files (scripts/typeset/*.browser.js, scripts/preview/*.browser.js) and
// scripts/typeset/paged.ts against. The browser files are classic scripts: what one declares at
// its top level the later ones see, in the page and in the type check alike.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { OutlineEntry } from "./outline.ts";

/** What the in-page progress reports: pages laid out and characters of the part's text they hold. */
export interface PartProgress {
  pages: number;
  characters: number;
  charactersTotal: number;
}

/** What a part is laid out with: its first page's number, the pages its references show (id → page), and the ids any link of the book points to. */
export interface PartRequest {
  firstPage: number;
  pages: Readonly<Record<string, number>>;
  targets: readonly string[];
}

/** A part as Paged.js leaves it: its page count, and the page each target first shows on (from the part's first page, 1). */
export interface PartPages {
  pages: number;
  targetPages: Record<string, number>;
}

/** `window.bookPipeline` (book-pipeline.browser.js): the one object through which Node drives the page and reads it back. */
export interface BookPipeline {
  /** The document's stylesheets as Paged.js takes them, read (and taken out of the page) once. */
  stylesheets: PagedStylesheets | undefined;
  /** The part being laid out, or the last one laid out. */
  part: PartRequest;
  loadFaces(): Promise<unknown>;
  /** The pages area of the part being laid out, or of the last one laid out. */
  pagesArea: HTMLElement | undefined;
  /** Lays a part's body out in this document: in place of the part before, or beside the others in an element of its own (`renderTo`). */
  layOutPart(body: string, request: PartRequest, renderTo?: HTMLElement): Promise<PartPages>;
  /** How far the part being laid out is, polled by Node for the progress line and the stall watchdog. */
  progress(): PartProgress;
  clear(): void;
  /** After layOutPart: the part's bookmarks (writing the hidden links Chromium needs to name their destinations). */
  outline(): OutlineEntry[];
}

// Paged.js 0.4.3's internals the pipeline reaches, as that version has them (pagedjs-patches.browser.js checks them).

export type PagedStylesheets = Array<string | Record<string, string>>;

export interface PagedLayout {
  /** Pixels Paged.js adds to the text area's right edge where it looks for overflow (its column gap, less the left margin). */
  gap: number;
  textBreak(node: Text, start: number, end: number, vStart: number, vEnd: number): number | undefined;
}

export interface PagedBreakToken {
  node: Node | undefined;
  offset: number;
  /** The key Paged.js compares to find a page that would begin where an earlier one began ("Layout repeated"). */
  toJSON(hash?: boolean): string | object;
}

export interface PagedPage {
  element: HTMLElement;
  removeListeners(): void;
}

export interface PagedQueue {
  /** Schedules the next task: `requestAnimationFrame` in Paged.js, called as `tick.call(window, callback)`. */
  tick: (callback: () => void) => unknown;
}

/** One of Paged.js's hooks (utils/hook.js): a handler's method of the hook's name is registered on it. */
export interface PagedHook {
  register(...functions: Array<(...args: never[]) => unknown>): void;
}

export interface PagedChunker {
  pages: PagedPage[];
  /** The element the part's pages are laid out in (`.pagedjs_pages`), made by its setup. */
  pagesArea: HTMLElement;
  q: PagedQueue;
  /** The layout's hooks by name (onPageLayout, renderNode, onBreakToken …). */
  hooks?: Record<string, PagedHook | undefined>;
}

export interface PagedPolisher {
  /** Paged.js's own base stylesheet, inserted by `setup`. */
  base: HTMLStyleElement;
  /** The element, and its sheet, the handlers add their rules to (`setup` makes a new one). */
  styleEl: HTMLStyleElement;
  styleSheet: CSSStyleSheet;
  setup(): CSSStyleSheet;
  /** Appends a style element with `text` to the head. */
  insert(text: string): HTMLStyleElement;
}

export interface PagedPreviewer {
  chunker: PagedChunker;
  polisher: PagedPolisher;
  preview(content: DocumentFragment, stylesheets: PagedStylesheets, renderTo: HTMLElement): Promise<unknown>;
  removeStyles(doc?: Document): PagedStylesheets;
}

/** The source Paged.js lays out, with the index of its elements by `data-ref` its findElement reads when present. */
export interface PagedParsedContent extends DocumentFragment {
  indexOfRefs?: Record<string, Element>;
}

/** A Paged.js handler: its methods named after hooks (beforeParsed, layout, onOverflow, afterPageLayout …) are registered on construction. */
export declare class PagedHandler {
  constructor(chunker: PagedChunker, polisher: PagedPolisher, caller: PagedPreviewer);
  chunker: PagedChunker;
  polisher: PagedPolisher;
  caller: PagedPreviewer;
}

export interface PagedModule {
  Handler: typeof PagedHandler;
  Previewer: { new (settings?: object): PagedPreviewer; prototype: PagedPreviewer };
  Chunker: { new (): PagedChunker; prototype: PagedChunker };
  Polisher: { new (setup?: boolean): PagedPolisher; prototype: PagedPolisher };
}

/** The previewer Paged.js's polyfill makes on load (not started: `PagedConfig.auto` is false), through which handlers are registered. */
export interface PagedPolyfill extends PagedPreviewer {
  registerHandlers(...handlers: Array<typeof PagedHandler>): void;
}

declare global {
  var Paged: PagedModule;
  var PagedPolyfill: PagedPolyfill;
  var PagedConfig: { auto: boolean } | undefined;
  var bookPipeline: BookPipeline;
  // Declared at the top level of one classic script, seen by the later ones (TypeScript takes each file for a module, as package.json's "type" says).
  var pagedjsPatches: import("./pagedjs-patches.browser.js").PagedjsPatches;
  var PageCollectionHandler: import("./page-collection.browser.js").PageCollectionHandlerClass;
  // scripts/render/page-runs.js, run as a classic script (paged.ts) or set by the preview (preview-book.browser.js).
  var pageRuns: typeof import("../render/page-runs.js").pageRuns;
  var runSeparator: typeof import("../render/page-runs.js").runSeparator;
  var rangeDash: typeof import("../render/page-runs.js").rangeDash;
}
