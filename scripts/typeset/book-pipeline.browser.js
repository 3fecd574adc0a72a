// Runs inside the page before the book is paginated, by Paged.js (paged-handlers.browser.js) or
// by Chromium itself (chromium-pages.browser.js). Plain JavaScript on purpose: the browser runs
// this file as it is. Paged.js lays the book out in its own `.pagedjs_pages` box; without it the
// document is the book.

const bookContent = () => document.querySelector(".pagedjs_pages") ?? document;

window.bookPipeline = {
  /**
   * The contents' page numbers, once every part of the book is laid out (chapter id → page).
   * Chromium links only to anchors in the same document, so a chapter set in a later part gets a
   * stand-in anchor inside its contents entry; joining the parts' PDFs points that name at the
   * chapter's own destination.
   */
  setContentsPages(pages) {
    for (const link of bookContent().querySelectorAll("nav.toc a[href^='#']")) {
      const id = decodeURIComponent(link.hash.slice(1));
      if (pages[id]) link.style.counterReset = `toc-page ${pages[id]}`;
      if (!document.getElementById(id)) link.append(Object.assign(document.createElement("span"), { id }));
    }
  },

  /**
   * The PDF outline: every chapter-level heading with the id Chromium names its destination after.
   * Chromium writes a named destination only for an anchor some link points to, so each heading and
   * each chapter (the contents' target) gets a hidden link (as pagedjs-cli does for headings).
   */
  outline() {
    const linkHolder = document.createElement("div");
    linkHolder.style.display = "none";
    document.body.prepend(linkHolder);
    const destinationOf = (element) => encodeURIComponent(element.id).replace(/%/g, "#25");
    for (const chapter of bookContent().querySelectorAll("section.chapter[id]:not([data-split-from]), .chapter-start")) {
      linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destinationOf(chapter)}` }));
    }
    return [...bookContent().querySelectorAll("h1[id]")].map((heading) => {
      const destination = destinationOf(heading);
      linkHolder.append(Object.assign(document.createElement("a"), { href: `#${destination}` }));
      return { title: heading.textContent.trim(), destination };
    });
  },
};
