import assert from "node:assert/strict";
import { test } from "node:test";
import { settlePageReferences, type RoundOutcome, type RoundRequest } from "../../scripts/typeset/page-reference-rounds.js";

/**
 * A fake book: a front part (title page and contents, whose page count grows with the page
 * numbers it shows, as a contents page does when numbers get longer) and two chapter parts. Each
 * part's layout is a function of its request only, as Paged.js's is.
 */
function fakeBook(contentsPages: (pages: Record<string, number>) => number) {
  const parts = [
    { opensOnRecto: false, references: ["c1", "c2"] },
    { opensOnRecto: true, references: [] },
    { opensOnRecto: true, references: ["c1"] },
  ];
  const calls: Array<[number, RoundRequest]> = [];
  const layOut = async (index: number, request: RoundRequest): Promise<RoundOutcome> => {
    calls.push([index, request]);
    const pages = index === 0 ? contentsPages(request.pages) : index === 1 ? 3 : 2;
    const targetPages: Record<string, number> = index === 1 ? { c1: 1 } : index === 2 ? { c2: 1 } : {};
    return { pages, targetPages, done: request.final };
  };
  return { parts, calls, layOut };
}

test("the rounds lay a part out again only when its first page or the pages it refers to change, and stop when nothing changed", async () => {
  const book = fakeBook(() => 2);
  const after: Array<[number, number, number]> = [];
  const result = await settlePageReferences(book.parts, { maxRounds: 5, layOut: book.layOut, afterPart: (index, round, pagesBefore) => after.push([index, round, pagesBefore]) });
  // Contents on pages 1–2, chapter 1 on 3–5, a blank page 6, chapter 2 from 7.
  assert.deepEqual(result, { settled: true, rounds: 2, targetPages: { c1: 3, c2: 7 } });
  assert.deepEqual(
    book.calls.map(([index, request]) => [index, request.round, request.firstPage, request.pages, request.final]),
    [
      [0, 1, 1, {}, false],
      [1, 1, 3, {}, true],
      [2, 1, 7, {}, false],
      // Round 2: the contents and chapter 2 now know their pages; chapter 1 is done and unchanged.
      [0, 2, 1, { c1: 3, c2: 7 }, true],
      [2, 2, 7, { c1: 3 }, true],
    ],
  );
  assert.deepEqual(after, [[0, 1, 2], [1, 1, 5], [2, 1, 8], [0, 2, 2], [1, 2, 5], [2, 2, 8]]);
});

test("a part whose first page moves is laid out again, and pages known beforehand (the preview's last layout) settle at once", async () => {
  // The contents take three pages once they show a page from 7 on: every later part moves on.
  const book = fakeBook((pages) => (Object.values(pages).some((page) => page >= 7) ? 3 : 1));
  const first = await settlePageReferences(book.parts, { maxRounds: 5, layOut: book.layOut });
  assert.deepEqual(first, { settled: true, rounds: 3, targetPages: { c1: 5, c2: 9 } });
  assert.deepEqual(
    book.calls.filter(([index]) => index === 1).map(([, request]) => [request.round, request.firstPage]),
    [[1, 3], [2, 5]],
  );
  const known = fakeBook(() => 1);
  const again = await settlePageReferences(known.parts, { maxRounds: 3, known: { c1: 3, c2: 7 }, layOut: known.layOut });
  assert.deepEqual(again, { settled: true, rounds: 1, targetPages: { c1: 3, c2: 7 } });
  assert.equal(known.calls.length, 3);
});

test("references that never settle end the rounds at the cap, unsettled, for the caller to report", async () => {
  // Contents that take three pages when chapter 1 is on page 3, which puts it on page 5, where they take one.
  const book = fakeBook((pages) => (pages.c1 === 3 ? 3 : 1));
  const result = await settlePageReferences(book.parts, { maxRounds: 5, layOut: book.layOut });
  assert.equal(result.settled, false);
  assert.equal(result.rounds, 5);
});
