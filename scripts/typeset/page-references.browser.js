// @ts-check
// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js), pagedjs-patches.browser.js
// and book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// Page references and cross-references, before Paged.js parses a part: each page reference
// (`[data-page-ref]`: the contents' page numbers, the text's 第N页, the colophon's figures) shows
// the page the build knows for its target (`window.bookPipeline.part.pages`; 0 until it is known),
// and a link to another part gets a stand-in anchor; the index's page numbers are merged into runs.
// The rounds that lay parts out again until these numbers hold are page-reference-rounds.js.

/**
 * A figure of the colophon's publication record (印张, 字数) from the book's page count, by the
 * formula scripts/render/colophon.ts pageCountFigure states and the build checks against the print
 * PDF: the print edition's pages (padded to a multiple) × times ÷ per, rounded up to 1/steps. A
 * number of one or two digits stands across a vertical line (纵中横), as the text's do.
 * @param {HTMLElement} figure
 * @param {number} pages
 */
function setPrintFigure(figure, pages) {
  const [pageMultiple, times, per, steps] = ["pageMultiple", "times", "per", "steps"].map((name) => Number(figure.dataset[name]));
  const printPages = Math.ceil(pages / pageMultiple) * pageMultiple;
  const value = Math.ceil((printPages * times * steps) / per) / steps;
  figure.textContent = String(value);
  figure.classList.toggle("tcy", /^\d{1,2}$/.test(figure.textContent));
}

/**
 * Each page reference's number as the `page-ref` counter its `::after` shows in the book's folio
 * style. Chromium links only to anchors in the same document, so a link to an element of another
 * part gets a stand-in anchor inside it; joining the parts' PDFs points that name at the target's
 * own destination.
 * @param {DocumentFragment} content
 * @param {Readonly<Record<string, number>>} pages
 */
function setPageReferences(content, pages) {
  /** @param {Element} reference */
  const pageOf = (reference) => pages[/** @type {HTMLElement} */ (reference).dataset.pageRef ?? ""] ?? 0;
  for (const reference of content.querySelectorAll("[data-page-ref]")) {
    /** @type {HTMLElement} */ (reference).style.counterReset = `page-ref ${pageOf(reference)}`;
    // A page number of one or two digits stands across a vertical line (纵中横, styles/vertical.css), as the text's numbers do.
    reference.classList.toggle("short-number", pageOf(reference) > 0 && pageOf(reference) < 100);
  }
  for (const figure of content.querySelectorAll(".print-figure[data-page-ref]")) setPrintFigure(/** @type {HTMLElement} */ (figure), pageOf(figure));
  for (const locators of content.querySelectorAll(".index-locators")) mergeLocators(locators, pageOf);
  for (const link of content.querySelectorAll("a[href^='#']")) {
    const id = (link.getAttribute("href") ?? "").slice(1);
    if (!content.getElementById(id)) link.append(Object.assign(document.createElement("span"), { id, className: "stand-in" }));
  }
}

/**
 * An index entry's locators (one link per occurrence, each a page reference) as the runs
 * `pageRuns` (scripts/render/page-runs.js, the build's expected text uses it too) makes of their
 * pages: 12，15–17. The links of occurrences inside a run are taken out, so every number printed is
 * still its own occurrence's page.
 * @param {Element} locators
 * @param {(reference: Element) => number} pageOf
 */
function mergeLocators(locators, pageOf) {
  const links = [...locators.querySelectorAll(":scope > a")];
  const pages = links.map((link) => pageOf(/** @type {Element} */ (link.querySelector("[data-page-ref]"))));
  locators.replaceChildren(
    ...pageRuns(pages).flatMap(({ first, last }, index) => [
      ...(index > 0 ? [runSeparator] : []),
      /** @type {Element} */ (links[first]),
      ...(last === undefined ? [] : [rangeDash, /** @type {Element} */ (links[last])]),
    ]),
  );
}

class PageReferencesHandler extends window.Paged.Handler {
  /** @param {DocumentFragment} content */
  beforeParsed(content) {
    setPageReferences(content, window.bookPipeline.part.pages);
  }
}

window.PagedPolyfill.registerHandlers(PageReferencesHandler);
