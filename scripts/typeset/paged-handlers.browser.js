// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and book-pipeline.browser.js,
// and before Paged.js's preview().
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// What it changes in Paged.js 0.4.3, each measured on a 1,000-page book and checked to give the
// same PDF text, glyph for glyph: pages follow each other without waiting for a display frame;
// finished pages leave the layout tree and then the document; the contents' page numbers are
// recorded once; a page break inside a text is found by bisection.

Object.assign(window.bookPipeline, {
  pagesLaidOut: 0,
  // How much of the book's text is laid out, for the progress line's estimate of time left.
  charactersTotal: document.body.textContent.length,
  charactersLaidOut: 0,
  /** The page each chapter opens on, counted from this document's first page (1), for the contents. */
  chapterPages: {},
  /** Pages taken out of the document while the book is laid out, put back at the end. */
  setAside: [],

  progress() {
    return { pages: this.pagesLaidOut, characters: this.charactersLaidOut, charactersTotal: this.charactersTotal };
  },

  /** Page numbers (folios) from `first` on: this document may be a part of the book that starts later. */
  numberPagesFrom(first) {
    document.querySelector(".pagedjs_page").style.setProperty("--pagedjs-page-counter-increment", String(first));
  },
});

/**
 * Paged.js walks a text that crosses the page end one character at a time, measuring each; a
 * paragraph of Chinese has no spaces, so that is hundreds of measurements per page. Whether a
 * character lies past the page end only changes once along a text, so bisection finds the same one.
 */
function firstOverflowingCharacter(node, start, end, vStart, vEnd) {
  const text = node.nodeValue;
  const visible = [];
  for (let offset = 0; offset < text.length; offset++) if (/[\S\u202F\u00A0]/.test(text[offset])) visible.push(offset);
  const range = document.createRange();
  const overflows = (offset) => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const box = range.getBoundingClientRect();
    return Math.floor(box.left) >= end || Math.floor(box.top) >= vEnd;
  };
  let low = 0;
  let high = visible.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (overflows(visible[middle])) high = middle;
    else low = middle + 1;
  }
  return low < visible.length ? visible[low] : undefined;
}

// Paged.js lays out one page per animation frame (16.7 ms); a page takes less than that to lay
// out, so a headless browser that shows nothing would mostly wait. A message to itself runs the
// next page as soon as the current one is done.
{
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  window.PagedPolyfill.chunker.q.tick = (callback) => {
    waiting.push(callback);
    channel.port2.postMessage(undefined);
  };
}

class BookPipelineHandler extends window.Paged.Handler {
  layout(wrapper, layout) {
    const prototype = Object.getPrototypeOf(layout);
    if (prototype.textBreak !== firstOverflowingCharacter) prototype.textBreak = firstOverflowingCharacter;
  }

  // Paged.js finds a rendered node's source by `[data-ref]` query over the whole source document
  // unless the document has an index; every page break asks several times, so without one a
  // document's cost grows with its square.
  afterParsed(parsed) {
    parsed.indexOfRefs = {};
    for (const element of parsed.querySelectorAll("[data-ref]")) parsed.indexOfRefs[element.dataset.ref] = element;
  }

  afterPageLayout(pageElement, page, breakToken, chunker) {
    const pipeline = window.bookPipeline;
    pipeline.pagesLaidOut += 1;
    pipeline.charactersLaidOut += pageElement.querySelector(".pagedjs_page_content").textContent.length;
    for (const chapter of pageElement.querySelectorAll("section.chapter[id]")) {
      if (!(chapter.id in pipeline.chapterPages)) pipeline.chapterPages[chapter.id] = Number(pageElement.dataset.pageNumber);
    }
    // Finished pages leave the layout tree, and the one before leaves the document: otherwise every
    // measurement on the new page lays out or searches all earlier pages again, and a book's cost
    // grows with its square. Paged.js still reads the page just before (split paragraphs), and the
    // contents stay: their page numbers are set when the whole book is laid out.
    const previous = pageElement.previousElementSibling;
    if (!previous) return;
    // A finished page stops watching its size: hiding it would otherwise look like its text shrank,
    // and Paged.js would search the source for what could move up.
    chunker.pages.find((candidate) => candidate.element === previous)?.removeListeners();
    previous.style.display = "none";
    const older = previous.previousElementSibling;
    if (older && !older.querySelector("nav.toc")) {
      pipeline.setAside.push(older);
      older.remove();
    }
  }

  afterRendered() {
    const pipeline = window.bookPipeline;
    const area = document.querySelector(".pagedjs_pages");
    const pages = [...area.children, ...pipeline.setAside].sort((a, b) => Number(a.dataset.pageNumber) - Number(b.dataset.pageNumber));
    area.append(...pages);
    for (const page of pages) page.style.removeProperty("display");
  }
}

window.PagedPolyfill.registerHandlers(BookPipelineHandler);
