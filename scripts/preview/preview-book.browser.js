// @ts-check
// Runs in a preview frame's book document (served by scripts/preview/server.ts) before Paged.js
// and the build's own scripts (scripts/typeset/*.browser.js), and lays the book out with them as
// the build's tab does, when the preview's page asks (preview-shell.browser.js).
// Plain JavaScript on purpose: the browser runs this file as it is.

window.PagedConfig = { auto: false };

const bookLayout = /\/book\/(\w+)\.html$/.exec(location.pathname)?.[1];

window.previewBook = {
  version: 0,
  /** Each target's page in the last layout: the page numbers the contents show at the next. */
  knownPages: {},
  /** Settles once every face is loaded, as the build's tab waits for them before laying out. */
  ready: new Promise((resolve, reject) => window.addEventListener("load", () => window.bookPipeline.loadFaces().then(resolve, reject))),

  /**
   * Fetches the book's body and lays it out in this document (its fonts stay loaded), then scrolls
   * to `position` (from the frame shown before), or to `changedChapter` when the reader was
   * elsewhere. Resolves to what the status line shows.
   */
  async render(changedChapter, position, marksFor) {
    const started = performance.now();
    await this.ready;
    /** @type {{ version: number, body: string, pageReferences: string[], targets: string[] }} */
    const part = await (await fetch(`/book/${bookLayout}.json`, { cache: "no-store" })).json();
    // As the build does (scripts/typeset/typeset.ts, with the same rounds): the contents show the
    // pages of the last layout, and the book is laid out again until they hold, three times at most.
    const { settlePageReferences } = await import("../typeset/page-reference-rounds.js");
    // The index's page runs, which the build's tab gets as a classic script (scripts/typeset/paged.ts).
    Object.assign(window, await import("../render/page-runs.js"));
    let pages = 0;
    const rounds = await settlePageReferences([{ opensOnRecto: false, references: part.pageReferences }], {
      maxRounds: 3,
      known: this.knownPages,
      layOut: async (_, request) => {
        const laidOut = await window.bookPipeline.layOutPart(part.body, { firstPage: request.firstPage, pages: request.pages, targets: part.targets });
        pages = laidOut.pages;
        return { ...laidOut, done: true };
      },
    });
    this.knownPages = rounds.targetPages;
    this.version = part.version;
    // The last build's findings go on the pages before the reader is put back: they take room.
    this.mark(marksFor);
    this.restore(position, changedChapter);
    return { version: part.version, pages, seconds: (performance.now() - started) / 1000 };
  },

  pages() {
    return /** @type {HTMLElement[]} */ ([...document.querySelectorAll(".pagedjs_page")]);
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
    const chapterStart = (id) => document.getElementById(id)?.closest(".pagedjs_page");
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
    document.getElementById(id)?.closest(".pagedjs_page")?.scrollIntoView();
  },
};
