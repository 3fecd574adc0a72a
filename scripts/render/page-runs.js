// @ts-check
// The index's page numbers merged into runs (12，15–17), shared by the text the build expects
// (scripts/render/book-index.ts, in Node) and the page that lays the index out
// (scripts/typeset/page-references.browser.js). A plain script with no imports, so that both can
// load it as it is: Node and the preview import it as a module; the build's tab runs it as a
// classic script (scripts/typeset/paged.ts), where its exports become globals.

/** Between the runs of an entry's pages, and between the two ends of a range. */
export const runSeparator = "，";
export const rangeDash = "–";

/**
 * @typedef {object} PageRun One number or range the index prints.
 * @property {number} first the occurrence (an index into `pages`) whose page the run starts with
 * @property {number} [last] the occurrence whose page ends the range, when the run spans pages
 */

/**
 * The runs of an entry's pages, in page order: occurrences on the same or the next page join a
 * run, which prints its first page, and its last after a dash when that is another page. Each
 * printed number is an occurrence's own page, so the build can check it against the PDF.
 * @param {readonly number[]} pages the page of each occurrence, in reading order
 * @returns {PageRun[]}
 */
export function pageRuns(pages) {
  const order = pages.map((page, index) => ({ page, index })).sort((a, b) => a.page - b.page || a.index - b.index);
  /** @type {Array<{ first: number, firstPage: number, last: number, lastPage: number }>} */
  const runs = [];
  for (const { page, index } of order) {
    const run = runs.at(-1);
    if (!run || page > run.lastPage + 1) runs.push({ first: index, firstPage: page, last: index, lastPage: page });
    else if (page > run.lastPage) Object.assign(run, { last: index, lastPage: page });
  }
  return runs.map(({ first, firstPage, last, lastPage }) => (lastPage > firstPage ? { first, last } : { first }));
}
