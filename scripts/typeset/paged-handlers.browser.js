// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and book-pipeline.browser.js.
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// What it changes in Paged.js 0.4.3, each measured on a 1,000-page book and checked to give the
// same PDF text, glyph for glyph: finished pages leave the layout tree and then the document; a
// page break inside a text is found by bisection; source nodes are found through an index.

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
    for (const element of pageElement.querySelectorAll("[id]:not(.stand-in)")) {
      if (pipeline.targets.has(element.id) && !(element.id in pipeline.targetPages)) pipeline.targetPages[element.id] = Number(pageElement.dataset.pageNumber);
    }
    // Finished pages leave the layout tree, and the one before leaves the document: otherwise every
    // measurement on the new page lays out or searches all earlier pages again, and a book's cost
    // grows with its square. Paged.js still reads the page just before (split paragraphs).
    const previous = pageElement.previousElementSibling;
    if (!previous) return;
    // A finished page stops watching its size: hiding it would otherwise look like its text shrank,
    // and Paged.js would search the source for what could move up.
    chunker.pages.find((candidate) => candidate.element === previous)?.removeListeners();
    previous.style.display = "none";
    const older = previous.previousElementSibling;
    if (older) {
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
