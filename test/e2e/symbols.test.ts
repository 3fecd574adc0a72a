import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { faceOf, readFonts } from "../pdf-reader.ts";

// A book with characters from every Unicode block books use (see test/unit/font-coverage.test.ts),
// the ones real manuscripts stopped on, and emoji, with the fonts embedded in the EPUBs too.
const execute = promisify(execFile);
const manuscript = fixture("symbols");
const pdfs = ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"];
let out: string;
let characters: string[];

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  const text = await readFile(path.join(manuscript, "chapters", "symbols.md"), "utf8");
  characters = [...new Set(text.replace(/^#+ |^- |[\s：，。]/gmu, ""))];
});

test("every character of the book is in the text of both layouts' PDFs, none set as 〓", async () => {
  assert.ok(characters.length > 150, `${characters.length} characters`);
  for (const name of pdfs) {
    const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, name), "-"]);
    const missing = characters.filter((character) => !stdout.includes(character));
    assert.deepEqual(missing, [], `${name} lacks ${missing.join(" ")}`);
    assert.ok(!stdout.includes("〓"), name);
  }
});

test("the symbols come from the declared symbol faces, embedded as CID TrueType, never Type 3", async () => {
  for (const name of pdfs) {
    const fonts = await readFonts(path.join(out, name));
    assert.ok(fonts.every((font) => font.type === "CID TrueType" && font.embedded), `${name}: ${JSON.stringify(fonts)}`);
    const families = new Set(fonts.map(faceOf));
    for (const face of ["NotoSansSymbols2-Regular", "NotoSansMath-Regular", "NotoEmoji-Regular"]) assert.ok(families.has(face), `${name} lacks ${face}: ${[...families].join(", ")}`);
  }
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("EPUBs: the symbol faces embedded as subsets, every character of the book in the chapter's text", async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(out, "book-horizontal.epub")));
  const fonts = Object.keys(zip.files).filter((name) => name.startsWith("OEBPS/fonts/"));
  for (const face of ["NotoSansSymbols2-Regular", "NotoSansMath-Regular", "NotoEmoji_400Regular"]) assert.ok(fonts.includes(`OEBPS/fonts/${face}.woff2`), fonts.join(", "));
  assert.match(await zip.file("OEBPS/style.css")!.async("string"), /font-family: "Book Symbols 2";[^}]*url\("fonts\/NotoSansSymbols2-Regular\.woff2"\)/);
  const chapterText = Object.keys(zip.files).filter((name) => /^OEBPS\/chapter-\d+\.xhtml$/.test(name));
  const xhtml = (await Promise.all(chapterText.map((name) => zip.file(name)!.async("string")))).join("");
  const missing = characters.filter((character) => !xhtml.includes(character) && !"<>&".includes(character));
  assert.deepEqual(missing, []);
});
