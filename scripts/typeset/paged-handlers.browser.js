// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and before its preview().
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// What it changes in Paged.js 0.4.3, each measured on a 1,000-page book and checked to give the
// same PDF text, glyph for glyph: pages follow each other without waiting for a display frame;
// finished pages leave the layout tree and then the document; the contents' page numbers are
// looked up once; a page break inside a text is found by bisection.

window.bookPipeline = {
  pagesLaidOut: 0,
  // How much of the book's text is laid out, for the progress line's estimate of time left.
  charactersTotal: document.body.textContent.length,
  charactersLaidOut: 0,
  /** The ids the table of contents links to, and the page each is found on. */
  contentsTargets: new Set([...document.querySelectorAll("nav.toc a[href^='#']")].map((link) => decodeURIComponent(link.hash.slice(1)))),
  targetPages: new Map(),
  /** Pages taken out of the document while the book is laid out, put back at the end. */
  setAside: [],

  progress() {
    return { pages: this.pagesLaidOut, fraction: this.charactersTotal ? Math.min(1, this.charactersLaidOut / this.charactersTotal) : 0 };
  },

  /**
   * The PDF outline: every chapter-level heading with the id Chromium names its destination after.
   * Chromium writes a named destination only for an anchor some link points to, so each heading
   * gets a hidden link (as pagedjs-cli does).
   */
  outline() {
    const linkHolder = document.createElement("div");
    linkHolder.style.display = "none";
    document.body.prepend(linkHolder);
    return [...document.querySelectorAll(".pagedjs_pages h1[id]")].map((heading) => {
      const destination = encodeURIComponent(heading.id).replace(/%/g, "#25");
      const link = document.createElement("a");
      link.href = `#${destination}`;
      linkHolder.append(link);
      return { title: heading.textContent.trim(), destination };
    });
  },
};

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

  afterPageLayout(pageElement) {
    const pipeline = window.bookPipeline;
    pipeline.pagesLaidOut += 1;
    pipeline.charactersLaidOut += pageElement.querySelector(".pagedjs_page_content").textContent.length;
    for (const element of pageElement.querySelectorAll("[id]")) {
      if (pipeline.contentsTargets.has(element.id) && !pipeline.targetPages.has(element.id)) pipeline.targetPages.set(element.id, Number(pageElement.dataset.pageNumber));
    }
    // Finished pages leave the layout tree, and the one before leaves the document: otherwise every
    // measurement on the new page lays out or searches all earlier pages again, and a book's cost
    // grows with its square. Paged.js still reads the page just before (split paragraphs), and the
    // contents stay until their page numbers are known.
    const previous = pageElement.previousElementSibling;
    if (!previous) return;
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
    for (const link of area.querySelectorAll("nav.toc a[href^='#']")) {
      const page = pipeline.targetPages.get(decodeURIComponent(link.hash.slice(1)));
      if (page) link.style.counterReset = `toc-page ${page}`;
    }
  }
}

window.PagedPolyfill.registerHandlers(BookPipelineHandler);
