// Runs in the preview's book document (served by scripts/preview/server.ts) before Paged.js and
// the build's own scripts (scripts/typeset/*.browser.js), then lays the book out with them as
// the build's tab does. Plain JavaScript on purpose: the browser runs this file as it is.

window.PagedConfig = { auto: false };

const layout = /\/book\/(\w+)\.html$/.exec(location.pathname)[1];
/** Where the reader was, kept over a reload of the document (a style or book.yaml change). */
const positionKey = `preview-position-${layout}`;

window.previewBook = {
  version: 0,
  /** Each target's page in the last layout: the page numbers the contents show at the next. */
  knownPages: {},
  running: undefined,
  again: undefined,

  /**
   * Fetches the book's body and lays it out again in this document (its fonts stay loaded),
   * keeping the reader where they were, or at `changedChapter` when they were elsewhere. A call
   * while a layout runs makes one more layout after it.
   */
  render(changedChapter) {
    if (this.running) {
      this.again = { changedChapter: changedChapter ?? this.again?.changedChapter };
      return this.running;
    }
    this.running = this.layOut(changedChapter).catch((cause) => parent.postMessage({ type: "failed", layout, reason: String(cause) }, location.origin)).finally(() => {
      this.running = undefined;
      const again = this.again;
      this.again = undefined;
      if (again) this.render(again.changedChapter);
    });
    return this.running;
  },

  async layOut(changedChapter) {
    const started = performance.now();
    const stored = sessionStorage.getItem(positionKey);
    sessionStorage.removeItem(positionKey);
    const position = stored ? JSON.parse(stored) : this.position();
    const part = await (await fetch(`/book/${layout}.json`, { cache: "no-store" })).json();
    // As the build does (scripts/typeset/typeset.ts): the contents show the pages of the last
    // layout, and the book is laid out again until they hold.
    for (let round = 1; round <= 3; round++) {
      const pages = Object.fromEntries(part.pageReferences.filter((id) => id in this.knownPages).map((id) => [id, this.knownPages[id]]));
      await window.bookPipeline.layOutPart(part.body, 1, pages, part.targets);
      this.knownPages = { ...window.bookPipeline.targetPages };
      if (part.pageReferences.every((id) => pages[id] === this.knownPages[id])) break;
    }
    this.version = part.version;
    this.restore(position, changedChapter);
    parent.postMessage({ type: "laid-out", layout, version: part.version, pages: window.bookPipeline.pagesLaidOut, seconds: (performance.now() - started) / 1000 }, location.origin);
  },

  pages() {
    return [...document.querySelectorAll(".pagedjs_page")];
  },

  /** The chapter a page belongs to: the last chapter that starts on or before it. */
  chapterOf(page) {
    const pages = this.pages();
    const index = pages.indexOf(page);
    let chapter;
    for (const start of document.querySelectorAll("section.chapter[id]")) {
      const startPage = start.closest(".pagedjs_page");
      if (pages.indexOf(startPage) <= index) chapter = { id: start.id, firstPage: pages.indexOf(startPage) };
    }
    return chapter;
  },

  /** The page at the top of the window, and how far into it the window is scrolled. */
  position() {
    const page = this.pages().find((candidate) => candidate.getBoundingClientRect().bottom > 0);
    if (!page) return undefined;
    const chapter = this.chapterOf(page);
    const pageIndex = this.pages().indexOf(page);
    return { pageIndex, offset: -page.getBoundingClientRect().top, chapter: chapter?.id, pageInChapter: chapter ? pageIndex - chapter.firstPage : undefined };
  },

  restore(position, changedChapter) {
    const pages = this.pages();
    const chapterStart = (id) => document.getElementById(id)?.closest(".pagedjs_page");
    let page;
    let offset = 0;
    if (position && (!changedChapter || position.chapter === changedChapter)) {
      const start = position.chapter ? chapterStart(position.chapter) : undefined;
      page = start ? pages[Math.min(pages.length - 1, pages.indexOf(start) + position.pageInChapter)] : pages[Math.min(pages.length - 1, position.pageIndex)];
      offset = position.offset;
    } else if (changedChapter) page = chapterStart(changedChapter);
    if (page) window.scrollTo(0, window.scrollY + page.getBoundingClientRect().top + offset);
  },

  /** Scrolls to the page an element (a chapter) starts on. */
  show(id) {
    document.getElementById(id)?.closest(".pagedjs_page")?.scrollIntoView();
  },

  /** Called before the document is loaded again, so that the reader stays where they are. */
  keepPosition() {
    const position = this.position();
    if (position) sessionStorage.setItem(positionKey, JSON.stringify(position));
  },
};

window.addEventListener("load", () => {
  window.bookPipeline.loadFaces().then(() => window.previewBook.render(), (cause) => parent.postMessage({ type: "failed", layout, reason: String(cause) }, location.origin));
});
