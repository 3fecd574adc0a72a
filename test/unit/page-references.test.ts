import assert from "node:assert/strict";
import { test } from "node:test";
import { PDFDocument, PDFName } from "pdf-lib";
import { diagnosticFile } from "../../scripts/diagnostics.ts";
import { checkPageReferences } from "../../scripts/verify/page-references.ts";

test("a printed page number is checked against the page of its target's named destination", async () => {
  const document = await PDFDocument.create();
  const pages = [document.addPage(), document.addPage(), document.addPage()];
  const destinations = document.context.obj({});
  destinations.set(PDFName.of("c1-sec-method"), document.context.obj([pages[1]!.ref, PDFName.of("XYZ"), 0, 0, 0]));
  document.catalog.set(PDFName.of("Dests"), destinations);
  const right = diagnosticFile("book.pdf");
  assert.equal(checkPageReferences(document, { "c1-sec-method": 2 }, right), 0);
  assert.equal(right.messages.length, 0);
  const wrong = diagnosticFile("book.pdf");
  assert.equal(checkPageReferences(document, { "c1-sec-method": 3, "c2-missing": 1 }, wrong), 2);
  assert.match(String(wrong.messages[0]), /page number 3 printed for `#c1-sec-method`, expected 2/);
  assert.match(String(wrong.messages[1]), /`#c2-missing` with no destination/);
  assert.ok(wrong.messages.every((message) => message.fatal));
});
