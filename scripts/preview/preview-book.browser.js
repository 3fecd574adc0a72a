// @ts-check
// Runs in a preview frame's book document (served by scripts/preview/server.ts) before Paged.js
// and the build's own scripts (scripts/typeset/*.browser.js), and lays the book out with them as
// the build's tab does, when the preview's page asks (preview-shell.browser.js).
// Plain JavaScript on purpose: the browser runs this file as it is.

window.PagedConfig = { auto: false };

const bookLayout = /\/book\/(\w+)\.html$/.exec(location.pathname)?.[1];

/**
 * The element with this id in the book's text: a part whose links point to another part holds a
 * stand-in of each target (page-references.browser.js), which comes first in the document.
 * @param {string} id
 */
const byId = (id) => document.querySelector(`[id="${CSS.escape(id)}"]:not(.stand-in)`);

/** Thrown out of a layout that a newer version of the book replaces. */
class Superseded extends Error {}

/** The element holding every part's pages, in book order. */
const partsHolder = () => {
  let holder = /** @type {HTMLElement | null} */ (document.querySelector(".preview-parts"));
  if (!holder) {
    holder = Object.assign(document.createElement("div"), { className: "preview-parts" });
    document.body.append(holder);
  }
  return holder;
};

/**
 * A blank verso, as the build puts before a part that opens on a recto after an odd page
 * (scripts/typeset/join-pdf.ts): sized by Paged.js's own rules for a left page, and left out of
 * the page count.
 */
function blankPage() {
  const blank = Object.assign(document.createElement("div"), { className: "pagedjs_page pagedjs_left_page preview-blank" });
  blank.style.counterIncrement = "none";
  return blank;
}

window.previewBook = {
  version: 0,
  /** Each target's page in the last layout: the page numbers the contents show at the next. */
  knownPages: {},
  /** @type {Map<string, import("./preview-page.js").LaidPart>} The parts laid out, by key, each with its element. */
  laid: new Map(),
  /** Counts the calls of render: a render that sees a newer one started stops between two parts. */
  generation: 0,
  /** Settles once every face is loaded, as the build's tab waits for them before laying out. */
  ready: new Promise((resolve, reject) => window.addEventListener("load", () => window.bookPipeline.loadFaces().then(resolve, reject))),

  /**
   * Fetches the book's parts and lays them out in this document (its fonts stay loaded), in book
   * order, each shown as soon as it is laid out. A part whose body and side did not change keeps its
   * pages, numbered anew if they moved, so an edit lays out only its chapter (and the contents, when
   * page numbers moved) again. Calls `onShowable` once, when the reader's place (`position` from the
   * frame shown before, or `changedChapter`) is on the page, or the first part when neither is
   * given; and `onProgress` after each part. Resolves to what the status line shows once the page
   * numbers are settled, or to `superseded` when a newer render started.
   * @type {import("./preview-page.js").PreviewBook["render"]}
   */
  async render(changedChapter, position, { marksFor, onShowable, onProgress } = {}) {
    const started = performance.now();
    const generation = ++this.generation;
    await this.ready;
    /** @type {import("./preview-page.js").BookParts} */
    const book = await (await fetch(`/book/${bookLayout}.json`, { cache: "no-store" })).json();
    // As the build does (scripts/typeset/typeset.ts, with the same rounds): the contents show the
    // pages of the last layout, and parts are laid out again until they hold.
    const { settlePageReferences } = await import("../typeset/page-reference-rounds.js");
    // The index's page runs, which the build's tab gets as a classic script (scripts/typeset/paged.ts).
    Object.assign(window, await import("../render/page-runs.js"));
    const keys = new Set(book.parts.map((part) => part.key));
    /** @type {import("./preview-page.js").LaidPart[]} */
    const placed = [];
    /** @type {number[]} pages up to each part's end */
    const ends = [];
    const target = changedChapter ?? position?.chapter;
    let shown = false;
    const showIfReady = (/** @type {boolean} */ last) => {
      if (shown || !(last || !target || byId(target)?.closest(".preview-part:not(.preview-laying-out)"))) return;
      shown = true;
      this.restore(position, changedChapter);
      onShowable?.();
    };
    try {
      const rounds = await settlePageReferences(
        book.parts.map((part) => ({ opensOnRecto: part.opensOnRecto, references: part.references })),
        {
          maxRounds: 5,
          known: this.knownPages,
          layOut: async (index, request) => {
            if (generation !== this.generation) throw new Superseded();
            const part = /** @type {import("./preview-page.js").PreviewPart} */ (book.parts[index]);
            const laid = await this.layOut(part, request, book.targets);
            placed[index] = laid;
            return { pages: laid.pages, targetPages: laid.targetPages, done: true };
          },
          afterPart: (index, _round, pagesBefore) => {
            ends[index] = pagesBefore;
            const laid = /** @type {import("./preview-page.js").LaidPart} */ (placed[index]);
            const part = /** @type {import("./preview-page.js").PreviewPart} */ (book.parts[index]);
            this.place(laid, placed[index - 1], keys, part.opensOnRecto && (ends[index - 1] ?? 0) % 2 === 1);
            showIfReady(false);
            onProgress?.({ pages: pagesBefore });
          },
        },
      );
      this.knownPages = rounds.targetPages;
    } catch (cause) {
      if (cause instanceof Superseded) return { version: book.version, pages: this.pages().length, seconds: (performance.now() - started) / 1000, superseded: true };
      throw cause;
    }
    // What the new version no longer has: deleted chapters, the last versions of edited ones.
    const elements = new Set(placed.map((laid) => laid.element));
    for (const old of [...partsHolder().children]) if (!elements.has(/** @type {HTMLElement} */ (old))) old.remove();
    this.laid = new Map(placed.map((laid, index) => [/** @type {import("./preview-page.js").PreviewPart} */ (book.parts[index]).key, laid]));
    this.version = book.version;
    // The last build's findings go on the pages before the reader is put back: they take room.
    const before = shown ? this.position() : position;
    this.mark(marksFor);
    this.restore(before, shown ? undefined : changedChapter);
    showIfReady(true);
    return { version: book.version, pages: this.pages().length, seconds: (performance.now() - started) / 1000, superseded: false };
  },

  /**
   * A part's pages for `request`: the ones laid out before when its body, side and the page numbers it
   * prints are the same (numbered anew when only its first page moved, by an even number of pages),
   * else laid out now, in an element of their own kept out of sight until placed.
   * @param {import("./preview-page.js").PreviewPart} part
   * @param {import("../typeset/page-reference-rounds.js").RoundRequest} request
   * @param {string[]} targets
   * @returns {Promise<import("./preview-page.js").LaidPart>}
   */
  async layOut(part, request, targets) {
    const referencedPages = JSON.stringify(request.pages);
    const before = this.laid.get(part.key);
    if (before && before.referencedPages === referencedPages && before.firstPage % 2 === request.firstPage % 2) {
      if (before.firstPage !== request.firstPage) pagedjsPatches.numberPagesFrom(before.pagesArea, request.firstPage);
      before.firstPage = request.firstPage;
      return before;
    }
    // A part placed just before is painted first: Paged.js keeps the page busy until a part is done.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const element = Object.assign(document.createElement("div"), { className: "preview-part preview-laying-out" });
    element.dataset.key = part.key;
    partsHolder().append(element);
    const partRequest = { firstPage: request.firstPage, pages: request.pages, targets };
    let laidOut;
    if (document.querySelector("style[data-pagedjs-handler-rules]")) {
      // Laid out where the build lays it out, alone in a document, and moved here when done: in
      // this document, which holds the book's other pages, every page Paged.js adds makes Chromium
      // count the CSS counters of all of them again (15 ms a time at 900 pages, a dozen times a page).
      const layoutWindow = await this.layoutWindow();
      laidOut = await layoutWindow.bookPipeline.layOutPart(part.body, partRequest);
      pagedjsPatches.copyStyles(layoutWindow.document, document);
      element.append(document.adoptNode(/** @type {HTMLElement} */ (layoutWindow.bookPipeline.pagesArea)));
    } else {
      // The first part is laid out here, which sets up the styles Paged.js makes from the book's
      // stylesheets in this document. The layout frame is loaded after it: the two documents share
      // one thread, and the first page is the one the reader waits for.
      laidOut = await window.bookPipeline.layOutPart(part.body, partRequest, element);
    }
    element.classList.remove("preview-laying-out");
    /** @type {import("./preview-page.js").LaidPart} */
    const laid = { element, pagesArea: /** @type {HTMLElement} */ (element.querySelector(":scope > .pagedjs_pages")), firstPage: request.firstPage, referencedPages, pages: laidOut.pages, targetPages: laidOut.targetPages };
    // The last layout of the same part goes when this one is placed (place() takes an element without a key for stale).
    if (before) delete before.element.dataset.key;
    this.laid.set(part.key, laid);
    return laid;
  },

  /** @type {Promise<Window & typeof globalThis> | undefined} */
  layoutFrame: undefined,

  /**
   * The window of a hidden frame holding this same book document, where parts after the first are
   * laid out one at a time, as in the build's tab; loaded once, with its faces.
   */
  layoutWindow() {
    this.layoutFrame ??= new Promise((resolve, reject) => {
      const frame = Object.assign(document.createElement("iframe"), { className: "preview-layout-frame", src: `${location.pathname}${location.search}`, tabIndex: -1 });
      frame.setAttribute("aria-hidden", "true");
      frame.addEventListener("load", () => {
        const layoutWindow = /** @type {Window & typeof globalThis} */ (frame.contentWindow);
        layoutWindow.previewBook.ready.then(() => resolve(layoutWindow), reject);
      }, { once: true });
      document.body.append(frame);
    });
    return this.layoutFrame;
  },

  /**
   * Puts a part's element right after the part before it (or first), in place of the elements there
   * that the new version no longer has (an edited chapter's last layout), with a blank page before
   * it when the build puts one there. The reader's place holds when pages above it change.
   * @param {import("./preview-page.js").LaidPart} laid
   * @param {import("./preview-page.js").LaidPart | undefined} previous
   * @param {Set<string>} keys
   * @param {boolean} blankBefore
   */
  place(laid, previous, keys, blankBefore) {
    const holder = partsHolder();
    let next = previous ? previous.element.nextElementSibling : holder.firstElementChild;
    const stale = [];
    while (next && next !== laid.element && !keys.has(/** @type {HTMLElement} */ (next).dataset.key ?? "") && !next.classList.contains("preview-laying-out")) {
      stale.push(next);
      next = next.nextElementSibling;
    }
    const blank = laid.element.querySelector(":scope > .preview-blank");
    if (next === laid.element && stale.length === 0 && Boolean(blank) === blankBefore) return;
    const position = stale.length > 0 || next !== laid.element ? this.position() : undefined;
    for (const old of stale) old.remove();
    if (next !== laid.element) holder.insertBefore(laid.element, next);
    if (blank && !blankBefore) blank.remove();
    if (!blank && blankBefore) laid.pagesArea.before(blankPage());
    if (position) this.restore(position);
  },

  /** Stops the render under way at its next part: a newer version is coming. */
  stop() {
    this.generation += 1;
  },

  /** The pages placed, blank ones included, in book order: the screen PDF's pages. */
  pages() {
    return /** @type {HTMLElement[]} */ ([...document.querySelectorAll(".preview-part:not(.preview-laying-out) .pagedjs_page")]);
  },

  /** The chapter a page belongs to: the last chapter that starts on or before it. */
  chapterOf(pageIndex) {
    const pages = this.pages();
    let chapter;
    for (const start of document.querySelectorAll("section.chapter[id]")) {
      const firstPage = pages.indexOf(/** @type {HTMLElement} */ (start.closest(".pagedjs_page")));
      if (firstPage >= 0 && firstPage <= pageIndex) chapter = { id: start.id, firstPage };
    }
    return chapter;
  },

  /** The page at the top of the window, its chapter, and how far into the page the window is scrolled. */
  position() {
    const pages = this.pages();
    const pageIndex = pages.findIndex((candidate) => candidate.getBoundingClientRect().bottom > 0);
    if (pageIndex < 0) return undefined;
    const chapter = this.chapterOf(pageIndex);
    return { pageIndex, offset: -pages[pageIndex].getBoundingClientRect().top, chapter: chapter?.id, pageInChapter: chapter ? pageIndex - chapter.firstPage : undefined };
  },

  restore(position, changedChapter) {
    const pages = this.pages();
    /** @param {string} id */
    const chapterStart = (id) => byId(id)?.closest(".pagedjs_page");
    /** @type {Element | null | undefined} */
    let page;
    let offset = 0;
    if (position && (!changedChapter || position.chapter === changedChapter)) {
      const start = position.chapter ? chapterStart(position.chapter) : undefined;
      page = pages[Math.min(pages.length - 1, start ? pages.indexOf(/** @type {HTMLElement} */ (start)) + /** @type {number} */ (position.pageInChapter) : position.pageIndex)];
      offset = position.offset;
    } else if (changedChapter) page = chapterStart(changedChapter);
    window.scrollTo(0, page ? window.scrollY + page.getBoundingClientRect().top + offset : 0);
  },

  /**
   * Puts the last build's findings on their pages (preview-shell.browser.js works out which): a
   * banner above each page with its messages, and a coloured frame round the page. `marksFor(pages)`
   * gives, for the number of pages laid out, [{ page (from 1), severity, heading, items: [{ text,
   * original }] }]. Marks from before are taken off first. A mark that fails is left out: the pages
   * are shown whatever the findings hold.
   */
  mark(marksFor) {
    for (const old of document.querySelectorAll(".preview-finding")) old.remove();
    for (const page of document.querySelectorAll(".pagedjs_page[data-finding]")) delete /** @type {HTMLElement} */ (page).dataset.finding;
    if (!marksFor) return;
    const pages = this.pages();
    /** @type {import("./preview-page.js").PageMark[]} */
    let marks = [];
    try {
      marks = marksFor(pages.length) ?? [];
    } catch (cause) {
      console.error("preview: findings", cause);
    }
    for (const mark of marks) {
      const page = pages[mark.page - 1];
      if (!page) continue;
      try {
        const banner = document.createElement("aside");
        banner.className = "preview-finding";
        banner.dataset.page = String(mark.page);
        banner.dataset.severity = mark.severity;
        banner.style.width = `${page.getBoundingClientRect().width}px`;
        const heading = document.createElement("div");
        heading.className = "preview-finding-heading";
        heading.textContent = mark.heading;
        const list = document.createElement("ul");
        for (const item of mark.items) {
          const entry = document.createElement("li");
          entry.textContent = item.text;
          const original = document.createElement("details");
          const summary = document.createElement("summary");
          summary.textContent = "原文 Original";
          const code = document.createElement("code");
          code.textContent = item.original;
          original.append(summary, code);
          entry.append(original);
          list.append(entry);
        }
        banner.append(heading, list);
        page.before(banner);
        page.dataset.finding = mark.severity;
      } catch (cause) {
        console.error("preview: findings", cause);
      }
    }
  },

  /** Scrolls to a page (from 1), its findings' banner first when it has one. */
  showPage(number) {
    const page = this.pages()[number - 1];
    const banner = page?.previousElementSibling?.classList.contains("preview-finding") ? page.previousElementSibling : undefined;
    (banner ?? page)?.scrollIntoView();
  },

  /** Scrolls to the page an element (a chapter) starts on. */
  show(id) {
    byId(id)?.closest(".pagedjs_page")?.scrollIntoView();
  },
};
