// @ts-check
// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js), pagedjs-patches.browser.js
// and book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// The pages of the part being laid out: how many are done and how much of the text they hold (the
// progress line), the page each link target first shows on, and the finished pages taken out of
// the layout's way. Paged.js makes a handler of each kind per part; the one laying out the current
// part is `PageCollectionHandler.current`, which book-pipeline.browser.js reads.

class PageCollectionHandler extends window.Paged.Handler {
  /** The handler of the part being laid out, or of the last one laid out. */
  static current = /** @type {PageCollectionHandler | undefined} */ (undefined);

  /**
   * @param {import("./book-page.js").PagedChunker} chunker
   * @param {import("./book-page.js").PagedPolisher} polisher
   * @param {import("./book-page.js").PagedPreviewer} caller
   */
  constructor(chunker, polisher, caller) {
    super(chunker, polisher, caller);
    this.pagesLaidOut = 0;
    /** Characters of the part's text, and of its pages laid out so far: the progress line's estimate of time left. */
    this.charactersTotal = 0;
    this.charactersLaidOut = 0;
    /** Ids some link of the book points to (contents, cross-references): their pages are recorded. */
    this.targets = new Set(window.bookPipeline.part.targets);
    /** @type {Record<string, number>} The page each target first shows on, counted from this part's first page (1). */
    this.targetPages = {};
    /** @type {HTMLElement[]} Pages taken out of the document while the part is laid out, put back at the end. */
    this.setAside = [];
    PageCollectionHandler.current = this;
  }

  /** @returns {import("./book-page.js").PartProgress} */
  progress() {
    return { pages: this.pagesLaidOut, characters: this.charactersLaidOut, charactersTotal: this.charactersTotal };
  }

  /** @param {DocumentFragment} content */
  beforeParsed(content) {
    this.charactersTotal = content.textContent?.length ?? 0;
    // A page reference's target has its page recorded even when no link points to it (the colophon's figures refer to its own page).
    for (const reference of content.querySelectorAll("[data-page-ref]")) this.targets.add(/** @type {HTMLElement} */ (reference).dataset.pageRef ?? "");
  }

  /** @param {import("./book-page.js").PagedParsedContent} parsed */
  afterParsed(parsed) {
    pagedjsPatches.indexSource(parsed);
  }

  /**
   * @param {HTMLElement} pageElement
   * @param {unknown} _page
   * @param {unknown} _breakToken
   * @param {import("./book-page.js").PagedChunker} chunker
   */
  afterPageLayout(pageElement, _page, _breakToken, chunker) {
    this.pagesLaidOut += 1;
    this.charactersLaidOut += pageElement.querySelector(".pagedjs_page_content")?.textContent?.length ?? 0;
    for (const element of pageElement.querySelectorAll("[id]:not(.stand-in)")) {
      if (this.targets.has(element.id) && !(element.id in this.targetPages)) this.targetPages[element.id] = Number(pageElement.dataset.pageNumber);
    }
    // Finished pages leave the layout tree, and the one before leaves the document: otherwise every
    // measurement on the new page lays out or searches all earlier pages again, and a book's cost
    // grows with its square. Paged.js still reads the page just before (split paragraphs).
    const previous = /** @type {HTMLElement | null} */ (pageElement.previousElementSibling);
    if (!previous) return;
    pagedjsPatches.stopWatching(chunker, previous);
    previous.style.display = "none";
    const older = /** @type {HTMLElement | null} */ (previous.previousElementSibling);
    if (older) {
      this.setAside.push(older);
      older.remove();
    }
  }

  afterRendered() {
    pagedjsPatches.putPagesBack(this.chunker.pagesArea, this.setAside);
  }
}

window.PagedPolyfill.registerHandlers(PageCollectionHandler);

/** @typedef {typeof PageCollectionHandler} PageCollectionHandlerClass the type of the global book-pipeline.browser.js reads (book-page.d.ts) */
