// @ts-check
// Runs inside the tab that lays the book out (and in the preview's book frames), after Paged.js
// (pagedjs-cli's dist/browser.js) and pagedjs-patches.browser.js, before the handlers
// (page-references, page-collection, page-breaks, page-continuations, wide-tables, vertical-text).
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// `window.bookPipeline` is the one object through which Node (scripts/typeset/paged.ts) and the
// preview (scripts/preview/preview-book.browser.js) drive the page; its shape is in book-page.d.ts.
// A layout's parts are laid out one after the other in this one document, without navigating:
// the book's fonts stay decoded (a navigation costs 0.6–0.8 s a part to decode them again) and the
// stylesheets are read from the page once. Each part gets a Previewer of its own, as Paged.js
// keeps per-flow state in it, and with it a handler of each kind.

window.bookPipeline = {
  stylesheets: undefined,
  part: { firstPage: 1, pages: {}, targets: [] },
  /** The pages area of the part being laid out, or of the last one laid out. */
  pagesArea: undefined,

  /**
   * Loads every face of the document: Paged.js measures text as soon as it starts, and a later
   * part may use a face the first one does not.
   */
  loadFaces() {
    return Promise.all([...document.fonts].map((face) => face.load().catch((cause) => { throw new Error(`font ${face.family} ${face.weight} did not load: ${cause}`); })));
  },

  progress() {
    return PageCollectionHandler.current?.progress() ?? { pages: 0, characters: 0, charactersTotal: 0 };
  },

  /** Takes the part laid out before out of the document, so that its memory can be collected. */
  clear() {
    for (const old of document.querySelectorAll(".pagedjs_pages, .outline-links")) old.remove();
    PageCollectionHandler.current = undefined;
    this.pagesArea = undefined;
  },

  /**
   * Lays out `body` (a part's HTML) as pages numbered from `request.firstPage`, its page references
   * (`[data-page-ref]`, the contents' and the text's 第N页) showing the pages in `request.pages` (id →
   * page; an id not there yet shows 0 until the build knows its page: page-references.browser.js).
   * `request.targets` are the ids any link of the book points to; the part's page references are
   * recorded as well (page-collection.browser.js). Resolves to the part's page count and its targets' pages.
   *
   * The build lays each part out in place of the one before (`renderTo` the body). The preview keeps
   * every part's pages, each in an element of its own (`renderTo`). Either way the parts share one
   * copy of the styles Paged.js makes from the book's stylesheets (pagedjsPatches.shareStyles).
   */
  async layOutPart(body, request, renderTo = document.body) {
    if (renderTo === document.body) this.clear();
    this.stylesheets ??= window.PagedPolyfill.removeStyles();
    this.part = request;
    const template = document.createElement("template");
    template.innerHTML = body;
    const previewer = new window.Paged.Previewer();
    pagedjsPatches.shareStyles(previewer.polisher);
    pagedjsPatches.runPagesWithoutWaiting(previewer.chunker);
    await previewer.preview(template.content, this.stylesheets, renderTo);
    this.pagesArea = previewer.chunker.pagesArea;
    // Page numbers (folios) from `firstPage` on: this part may start later in the book.
    pagedjsPatches.numberPagesFrom(this.pagesArea, request.firstPage);
    if (request.firstPage % 2 === 0) pagedjsPatches.startOnVerso(this.pagesArea);
    const { pagesLaidOut, targetPages } = PageCollectionHandler.current ?? { pagesLaidOut: 0, targetPages: {} };
    return { pages: pagesLaidOut, targetPages };
  },

  /**
   * The PDF outline: every part, chapter and section title, with its level and the id Chromium names its destination after.
   * Chromium writes a named destination only for an anchor some link points to, so each heading and
   * each chapter (the contents' target) gets a hidden link (as pagedjs-cli does for headings).
   */
  outline() {
    const linkHolder = Object.assign(document.createElement("div"), { className: "outline-links", hidden: true });
    document.body.prepend(linkHolder);
    /** @param {{ id: string }} element */
    const destinationOf = (element) => encodeURIComponent(element.id).replace(/%/g, "#25");
    for (const id of Object.keys(PageCollectionHandler.current?.targetPages ?? {})) linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destinationOf({ id })}` }));
    // The title page's and chapters' h1 are bookmarks at the top level; parts, chapters in parts and sections carry their level.
    return [...(this.pagesArea ?? document).querySelectorAll("h1[id]:not([data-split-from]), [data-outline-level][id]:not([data-split-from])")].map((heading) => {
      const destination = destinationOf(heading);
      linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destination}` }));
      return { title: (heading.textContent ?? "").trim(), destination, level: Number(/** @type {HTMLElement} */ (heading).dataset.outlineLevel ?? 1) };
    });
  },
};
