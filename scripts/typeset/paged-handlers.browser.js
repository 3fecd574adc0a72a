// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and before its preview().
// Plain JavaScript on purpose: the browser runs this file as it is.

window.bookPipeline = {
  pagesLaidOut: 0,
  // How much of the book's text is laid out, for the progress line's estimate of time left.
  charactersTotal: document.body.textContent.length,
  charactersLaidOut: 0,

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

class BookPipelineHandler extends window.Paged.Handler {
  afterPageLayout(pageElement) {
    // Finished pages leave the layout tree until the end: otherwise each measurement Paged.js makes
    // on the new page lays out every earlier page again, and a book's cost grows with its square.
    const previous = pageElement.previousElementSibling;
    if (previous) previous.style.display = "none";
    window.bookPipeline.pagesLaidOut += 1;
    window.bookPipeline.charactersLaidOut += pageElement.querySelector(".pagedjs_page_content").textContent.length;
  }

  afterRendered() {
    for (const page of document.querySelectorAll(".pagedjs_page")) page.style.removeProperty("display");
  }
}

window.PagedPolyfill.registerHandlers(BookPipelineHandler);
