// Runs inside the tab that lays the book out, after Paged.js (pagedjs-cli's dist/browser.js) and
// before paged-handlers.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// A layout's parts are laid out one after the other in this one document, without navigating:
// the book's fonts stay decoded (a navigation costs 0.6–0.8 s a part to decode them again) and the
// stylesheets are read from the page once. Each part gets a Previewer of its own, as Paged.js
// keeps per-flow state in it.

const bookContent = () => document.querySelector(".pagedjs_pages") ?? document;

window.bookPipeline = {
  /** The document's stylesheets as Paged.js takes them, read (and taken out of the page) once. */
  stylesheets: undefined,
  pagesLaidOut: 0,
  // How much of the part's text is laid out, for the progress line's estimate of time left.
  charactersTotal: 0,
  charactersLaidOut: 0,
  /** Ids some link of the book points to (contents, cross-references): their pages are recorded. */
  targets: new Set(),
  /** The page each target first shows on, counted from this part's first page (1). */
  targetPages: {},
  /** Pages taken out of the document while the part is laid out, put back at the end. */
  setAside: [],

  /**
   * Loads every face of the document: Paged.js measures text as soon as it starts, and a later
   * part may use a face the first one does not.
   */
  loadFaces() {
    return Promise.all([...document.fonts].map((face) => face.load().catch((cause) => { throw new Error(`font ${face.family} ${face.weight} did not load: ${cause}`); })));
  },

  progress() {
    return { pages: this.pagesLaidOut, characters: this.charactersLaidOut, charactersTotal: this.charactersTotal };
  },

  /** Takes the part laid out before out of the document, so that its memory can be collected. */
  clear() {
    for (const old of document.querySelectorAll(".pagedjs_pages, style[data-pagedjs-inserted-styles], .outline-links")) old.remove();
    this.setAside = [];
  },

  /**
   * Lays out `body` (a part's HTML) as pages numbered from `firstPage`, its page references
   * (`[data-page-ref]`, the contents' and the text's 第N页) showing the pages in `pages` (id →
   * page; an id not there yet shows 0 until the build knows its page). `targets` are the ids any
   * link of the book points to; the part's page references are recorded as well.
   */
  async layOutPart(body, firstPage, pages, targets) {
    this.clear();
    this.stylesheets ??= window.PagedPolyfill.removeStyles();
    const template = document.createElement("template");
    template.innerHTML = body;
    this.setPageReferences(template.content, pages);
    // A page reference's target has its page recorded even when no link points to it (the colophon's figures refer to its own page).
    const referenced = [...template.content.querySelectorAll("[data-page-ref]")].map((reference) => reference.dataset.pageRef);
    Object.assign(this, { pagesLaidOut: 0, charactersLaidOut: 0, charactersTotal: template.content.textContent.length, targetPages: {}, targets: new Set([...targets, ...referenced]) });
    const previewer = new window.Paged.Previewer();
    this.splitEdgesByWritingMode(previewer.polisher);
    this.runPagesWithoutWaiting(previewer.chunker);
    await previewer.preview(template.content, this.stylesheets, document.body);
    // Page numbers (folios) from `firstPage` on: this part may start later in the book.
    document.querySelector(".pagedjs_page")?.style.setProperty("--pagedjs-page-counter-increment", String(firstPage));
    if (firstPage % 2 === 0) this.startOnVerso();
  },

  /**
   * Paged.js makes a part's first page a recto (`right`). A part that starts on an even page (the
   * colophon's, which takes the next page) has every page's side turned, and with it the margins
   * the @page :left/:right rules give; the text area is as wide on either side, so nothing moves
   * within it.
   */
  startOnVerso() {
    for (const page of bookContent().querySelectorAll(".pagedjs_page")) {
      const recto = page.classList.contains("pagedjs_right_page");
      page.classList.toggle("pagedjs_right_page", !recto);
      page.classList.toggle("pagedjs_left_page", recto);
    }
  },

  /**
   * Paged.js's own stylesheet drops the margin and padding a split element has at the break
   * (`[data-split-from] { margin-top: unset; padding-top: unset }`, and the bottom for
   * `[data-split-to]`), written for horizontal text. In vertical text top and bottom are the
   * line's start and end, so a list continued on a new page lost its indent and its numbers stood
   * in the top margin (the build's text check found list numbers missing on 16 pages of a real
   * book). The block-start and block-end edges are what Paged.js means in either writing mode.
   */
  splitEdgesByWritingMode(polisher) {
    const setUp = polisher.setup.bind(polisher);
    polisher.setup = () => {
      const sheet = setUp();
      const physical = { top: "block-start", bottom: "block-end" };
      polisher.base.textContent = polisher.base.textContent.replace(/\b(margin|padding)-(top|bottom): unset;/g, (_, box, edge) => `${box}-${physical[edge]}: unset;`);
      return sheet;
    };
  },

  /**
   * Paged.js lays out one page per animation frame (16.7 ms); a page takes less than that to lay
   * out, so a headless browser that shows nothing would mostly wait. A message to itself runs the
   * next page as soon as the current one is done.
   */
  runPagesWithoutWaiting(chunker) {
    const channel = new MessageChannel();
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()();
    chunker.q.tick = (callback) => {
      waiting.push(callback);
      channel.port2.postMessage(undefined);
    };
  },

  /**
   * Each page reference's number as the `page-ref` counter its `::after` shows in the book's folio
   * style. Chromium links only to anchors in the same document, so a link to an element of another
   * part gets a stand-in anchor inside it; joining the parts' PDFs points that name at the target's
   * own destination.
   */
  setPageReferences(root, pages) {
    for (const reference of root.querySelectorAll("[data-page-ref]")) reference.style.counterReset = `page-ref ${pages[reference.dataset.pageRef] ?? 0}`;
    for (const figure of root.querySelectorAll(".print-figure[data-page-ref]")) this.setPrintFigure(figure, pages[figure.dataset.pageRef] ?? 0);
    for (const link of root.querySelectorAll("a[href^='#']")) {
      const id = link.getAttribute("href").slice(1);
      if (!root.getElementById(id)) link.append(Object.assign(document.createElement("span"), { id, className: "stand-in" }));
    }
  },

  /**
   * A figure of the colophon's publication record (印张, 字数) from the book's page count, by the
   * formula scripts/render/colophon.ts pageCountFigure states and the build checks against the print
   * PDF: the print edition's pages (padded to a multiple) × times ÷ per, rounded up to 1/steps. A
   * number of one or two digits stands across a vertical line (纵中横), as the text's do.
   */
  setPrintFigure(figure, pages) {
    const [pageMultiple, times, per, steps] = ["pageMultiple", "times", "per", "steps"].map((name) => Number(figure.dataset[name]));
    const printPages = Math.ceil(pages / pageMultiple) * pageMultiple;
    const value = Math.ceil((printPages * times * steps) / per) / steps;
    figure.textContent = String(value);
    figure.classList.toggle("tcy", /^\d{1,2}$/.test(figure.textContent));
  },

  /**
   * The PDF outline: every part, chapter and section title, with its level and the id Chromium names its destination after.
   * Chromium writes a named destination only for an anchor some link points to, so each heading and
   * each chapter (the contents' target) gets a hidden link (as pagedjs-cli does for headings).
   */
  outline() {
    const linkHolder = Object.assign(document.createElement("div"), { className: "outline-links", hidden: true });
    document.body.prepend(linkHolder);
    const destinationOf = (element) => encodeURIComponent(element.id).replace(/%/g, "#25");
    for (const id of Object.keys(this.targetPages)) linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destinationOf({ id })}` }));
    // The title page's and chapters' h1 are bookmarks at the top level; parts, chapters in parts and sections carry their level.
    return [...bookContent().querySelectorAll("h1[id]:not([data-split-from]), [data-outline-level][id]:not([data-split-from])")].map((heading) => {
      const destination = destinationOf(heading);
      linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destination}` }));
      return { title: heading.textContent.trim(), destination, level: Number(heading.dataset.outlineLevel ?? 1) };
    });
  },
};
