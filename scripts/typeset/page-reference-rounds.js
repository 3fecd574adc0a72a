// @ts-check
// The rounds of layout that settle a book's page references, shared by the build
// (scripts/typeset/typeset.ts, in Node) and the preview (scripts/preview/preview-book.browser.js,
// in the browser, served by scripts/preview/server.ts). A plain ES module with no imports, so that
// both can load it as it is.

/**
 * @typedef {object} RoundPart One part of the book as the rounds see it.
 * @property {boolean} opensOnRecto whether it opens on a recto, after a blank page if need be (else it takes the next page)
 * @property {readonly string[]} references the ids whose pages it prints
 *
 * @typedef {object} RoundRequest What a part is laid out with in a round.
 * @property {number} round from 1
 * @property {number} firstPage its first page's number
 * @property {Record<string, number>} pages the known pages of the ids it refers to
 * @property {boolean} final whether those are final: every id it refers to is known, or every target of the book has been seen (after the first round)
 *
 * @typedef {object} RoundOutcome What laying a part out gave.
 * @property {number} pages its page count
 * @property {Readonly<Record<string, number>>} targetPages the page each target first shows on, from the part's first page (1)
 * @property {boolean} done whether the part is finished for its request (the build prints a final layout); one not done is laid out again at its next final request
 *
 * @typedef {object} RoundOptions
 * @property {number} maxRounds rounds before giving up (the result is then not settled)
 * @property {Readonly<Record<string, number>>} [known] pages known before the first round (the preview's last layout)
 * @property {(index: number, request: RoundRequest) => Promise<RoundOutcome>} layOut lays part `index` out
 * @property {(index: number, round: number, pagesBefore: number) => void} [afterPart] after each part of each round, laid out or not, with the pages up to its end
 *
 * @typedef {object} RoundsResult
 * @property {boolean} settled whether the last round laid out or found nothing new
 * @property {number} rounds
 * @property {Record<string, number>} targetPages each target's page in the book
 */

/**
 * Page references (the contents' page numbers, a cross-reference's 第N页) may point at a page not
 * laid out yet, so the layout runs in rounds: a part is laid out again when a page it refers to, or
 * its own first page, turns out different from the last round's (or when it was not done). The
 * rounds end when every part is done and no target's page changed. Most books need two rounds for
 * the title page and contents only.
 * @param {readonly RoundPart[]} parts
 * @param {RoundOptions} options
 * @returns {Promise<RoundsResult>}
 */
export async function settlePageReferences(parts, { maxRounds, known = {}, layOut, afterPart }) {
  /** @type {Array<{ state: string, outcome: RoundOutcome }>} */
  const last = [];
  let targetPages = { ...known };
  for (let round = 1; ; round++) {
    let pagesBefore = 0;
    /** @type {Record<string, number>} */
    const found = {};
    for (const [index, part] of parts.entries()) {
      if (part.opensOnRecto && pagesBefore % 2 === 1) pagesBefore += 1;
      const firstPage = pagesBefore + 1;
      const pages = Object.fromEntries(part.references.flatMap((id) => (id in targetPages ? [[id, /** @type {number} */ (targetPages[id])]] : [])));
      // After the first round every target in the book has been seen: an id still unknown is no target's.
      const final = round > 1 || Object.keys(pages).length === part.references.length;
      const state = JSON.stringify([firstPage, pages]);
      let previous = last[index];
      if (previous?.state !== state || (final && !previous.outcome.done)) {
        previous = { state, outcome: await layOut(index, { round, firstPage, pages, final }) };
        last[index] = previous;
      }
      for (const [id, page] of Object.entries(previous.outcome.targetPages)) found[id] ??= firstPage - 1 + page;
      pagesBefore += previous.outcome.pages;
      afterPart?.(index, round, pagesBefore);
    }
    const settled = last.every((layout) => layout.outcome.done) && sameNumbers(found, targetPages);
    targetPages = found;
    if (settled || round >= maxRounds) return { settled, rounds: round, targetPages };
  }
}

/**
 * @param {Readonly<Record<string, number>>} a
 * @param {Readonly<Record<string, number>>} b
 */
const sameNumbers = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([id, page]) => b[id] === page);
