// Runs inside a page that Chromium paginates by itself (chromium-pages.ts), after
// book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.

/** A CSS string holding `text`, as a custom property's value. */
const cssString = (text) => `"${text.replace(/\s+/g, " ").trim().replace(/[\\"]/g, "\\$&")}"`;

Object.assign(window.bookPipeline, {
  /** Puts another part of the book in place of this one; the stylesheets and loaded fonts stay. */
  showPart(body) {
    document.body.innerHTML = body;
  },

  /**
   * Readies the part shown for printing: Chromium's own pagination (styled by `chromium-pages` on the
   * root), page numbers from `firstPage` on, and each running string (`var(--string-NAME)` in the
   * margin boxes) set to the text of the first element `string-set` names it from, or left as the
   * part before set it. Returns the outline and the ids of the chapters the part holds.
   */
  preparePart(firstPage, stringSets) {
    const root = document.documentElement;
    root.classList.add("chromium-pages");
    root.style.counterReset = `page ${firstPage - 1}`;
    for (const { selector, name } of stringSets) {
      const element = document.querySelector(selector);
      if (element) root.style.setProperty(`--string-${name}`, cssString(element.textContent));
    }
    // Chromium puts an element's named destination at the top left corner of its box, which for a
    // chapter set vertically is on the chapter's last page: the id moves to an empty block at its start.
    for (const chapter of document.querySelectorAll("section.chapter[id]")) {
      chapter.prepend(Object.assign(document.createElement("div"), { id: chapter.id, className: "chapter-start" }));
      chapter.removeAttribute("id");
    }
    return { outline: this.outline(), chapters: [...document.querySelectorAll(".chapter-start")].map((start) => start.id) };
  },
});
