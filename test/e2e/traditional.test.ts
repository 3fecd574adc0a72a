import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import * as fontkit from "fontkit";
import JSZip from "jszip";
import { bookFaces } from "../../scripts/fonts/declared.ts";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { embeddedGlyphBoxes } from "../pdf-helpers.ts";

const run = promisify(execFile);
let out = "";

before(async () => {
  out = await tempDir();
  const built = await runCli(["--manuscript", fixture("traditional"), "--out", out]);
  assert.equal(built.code, 0, built.stderr);
});

for (const layout of ["horizontal", "vertical"]) {
  test(`a zh-Hant book (${layout}) is set in the Traditional Chinese faces only`, async () => {
    const { stdout } = await run("pdffonts", [path.join(out, `book-${layout}-screen.pdf`)]);
    assert.match(stdout, /NotoSerifTC-Regular\s+CID TrueType/);
    assert.match(stdout, /NotoSansTC-Bold\s+CID TrueType/);
    assert.doesNotMatch(stdout, /SC-|Type 3|HanaMin/, "the words the pipeline adds (目錄) are Traditional too, so no fallback face sets them");
    const { stdout: text } = await run("pdftotext", [path.join(out, `book-${layout}-screen.pdf`), "-"]);
    assert.match(text, /目\s*錄/);
    assert.doesNotMatch(text, /目录|版权页/);
  });
}

test("its ，、 are drawn in the middle of the em box (Taiwan's practice), where the Simplified face draws them low on the left", async () => {
  const boxes = await embeddedGlyphBoxes(path.join(out, "book-horizontal-screen.pdf"), /NotoSerifTC-Regular/, "，、");
  assert.equal(boxes.size, 2, "both marks found in the embedded face");
  for (const [mark, box] of boxes) {
    const [x, y] = [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
    // The em box runs from x 0 to 1000 and, in these faces, from y −120 to 880: its middle is (500, 380).
    assert.ok(Math.abs(x - 500) < 100 && Math.abs(y - 380) < 120, `${mark} centred at (${x}, ${y})`);
  }
  const simplified = fontkit.openSync(bookFaces("Hans").find((face) => face.family === "Book Song")!.file) as unknown as { glyphForCodePoint(codePoint: number): { bbox: { minX: number; maxX: number } } };
  const comma = simplified.glyphForCodePoint(0xff0c).bbox;
  assert.ok((comma.minX + comma.maxX) / 2 < 300, "the Simplified face's comma sits on the left: the test tells the two apart");
});

test("the EPUB says zh-Hant, and names its parts in Traditional Chinese", async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")));
  const opf = await zip.file(/\.opf$/)[0]!.async("string");
  assert.match(opf, /<dc:language>zh-Hant<\/dc:language>/);
  const nav = await zip.file(/toc\.xhtml$/)[0]!.async("string");
  assert.match(nav, /目錄/);
  assert.match(nav, /版權頁/);
});
