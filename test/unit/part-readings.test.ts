import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { joinPdfParts } from "../../scripts/typeset/join-pdf.ts";
import { readBookPdf, type ReadingStore } from "../../scripts/verify/part-readings.ts";
import { readPdfWords } from "../../scripts/verify/pdf-text.ts";
import { tempDir } from "../helpers.ts";

/** A part's PDF: one page per text, each drawing its text in Helvetica. */
async function partPdf(texts: readonly string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const text of texts) document.addPage([420, 595]).drawText(text, { x: 60, y: 500, size: 12, font });
  return document.save();
}

/** Two parts joined as the layout joins them, the second opening on a recto after a blank page. */
async function joinedBook(): Promise<{ pdfPath: string; document: PDFDocument }> {
  const parts = [
    { bytes: await partPdf(["Alpha one", "Alpha two", "Alpha three"]), blankBefore: false, targets: [] },
    { bytes: await partPdf(["Beta one", "Beta two"]), blankBefore: true, targets: [] },
  ];
  const joined = await joinPdfParts(parts);
  const pdfPath = path.join(await tempDir(), "book.pdf");
  await writeFile(pdfPath, await joined.save());
  return { pdfPath, document: joined };
}

const memoryStore = (kept = new Map<string, Uint8Array>()): ReadingStore & { kept: Map<string, Uint8Array> } => ({
  kept,
  get: async (key) => kept.get(key),
  put: async (key, bytes) => void kept.set(key, bytes),
});

const parts = [
  { first: 1, pages: 3, key: "alpha" },
  { first: 5, pages: 2, key: "beta" },
];
const pageTexts = (pages: Awaited<ReturnType<typeof readBookPdf>>["pages"]) => pages.map((page) => page.words.map((word) => word.text).join(" "));

test("a book read part by part gives what reading the whole file gives, blank page included, and keeps each part's reading", async () => {
  const { pdfPath, document } = await joinedBook();
  const store = memoryStore();
  const reading = await readBookPdf(pdfPath, Promise.resolve(document), parts, store);
  assert.deepEqual(reading.pages, await readPdfWords(pdfPath));
  assert.deepEqual(pageTexts(reading.pages), ["Alpha one", "Alpha two", "Alpha three", "", "Beta one", "Beta two"]);
  assert.deepEqual([...store.kept.keys()], ["alpha", "beta"]);
});

test("a kept part's reading is used instead of its pages (numbered where the part now starts); the other parts' pages are read", async () => {
  const { pdfPath, document } = await joinedBook();
  const first = memoryStore();
  await readBookPdf(pdfPath, Promise.resolve(document), parts, first);
  // The kept reading of "alpha" is doctored: if the pages were read again, the real words would show.
  const doctored = Buffer.from(Buffer.from(first.kept.get("alpha")!).toString("utf8").replaceAll("Alpha", "Kept"));
  const store = memoryStore(new Map([["alpha", doctored]]));
  const reading = await readBookPdf(pdfPath, Promise.resolve(document), parts, store);
  assert.deepEqual(pageTexts(reading.pages), ["Kept one", "Kept two", "Kept three", "", "Beta one", "Beta two"]);
  assert.deepEqual(reading.pages[4]!.words.map((word) => word.page), [5, 5]);
  assert.deepEqual([...store.kept.keys()].sort(), ["alpha", "beta"], "only the part read now is stored");
});

test("a page in no part that draws something is read, not taken as blank", async () => {
  const { pdfPath, document } = await joinedBook();
  // The parts are declared one page short: page 3 falls outside them, and it has text.
  const reading = await readBookPdf(pdfPath, Promise.resolve(document), [{ first: 1, pages: 2, key: "alpha" }, parts[1]!], undefined);
  assert.deepEqual(pageTexts(reading.pages), ["Alpha one", "Alpha two", "Alpha three", "", "Beta one", "Beta two"]);
});

test("parts that do not end on the file's last page are an internal error, not a silent gap", async () => {
  const { pdfPath, document } = await joinedBook();
  await assert.rejects(readBookPdf(pdfPath, Promise.resolve(document), [parts[0]!], undefined), /has 6 pages, but its parts end on page 3/);
});
