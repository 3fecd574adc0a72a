import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { faceOf, readFonts } from "../pdf-reader.ts";

// A Chinese book quoting words of twenty other scripts in its text and in a code block (a Tamil ஷ
// in a code comment once stopped a real book's build): each script from its Noto face.
const execute = promisify(execFile);
const manuscript = fixture("scripts");
const pdfs = ["book-horizontal-screen.pdf", "book-horizontal-print.pdf", "book-vertical-screen.pdf", "book-vertical-print.pdf"];
let out: string;
let chapter: string;

before(async () => {
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  chapter = await readFile(path.join(manuscript, "chapters", "scripts.md"), "utf8");
});

/** The letters and marks of the chapter that are neither Han nor ASCII. */
const otherScriptsLetters = (text: string) => [...new Set(text)].filter((character) => /[\p{L}\p{M}]/u.test(character) && !/[\p{Script=Han}\p{ASCII}]/u.test(character));

/** The lines of the fenced code block. */
const codeBlock = (text: string) => text.slice(text.indexOf("```python"), text.lastIndexOf("```"));

test("every letter of the other scripts, in the text and in the code, is in the text of both layouts' PDFs", async () => {
  const letters = otherScriptsLetters(chapter);
  assert.ok(letters.length > 120, `${letters.length} letters`);
  for (const sample of ["ஷ", "ع", "한", "ह", "ש", "ท"]) {
    assert.ok(letters.includes(sample), sample);
    assert.ok(codeBlock(chapter).includes(sample), `the code block lacks ${sample}`);
  }
  for (const name of pdfs) {
    const { stdout } = await execute("pdftotext", ["-enc", "UTF-8", path.join(out, name), "-"]);
    const missing = letters.filter((character) => !stdout.includes(character));
    assert.deepEqual(missing, [], `${name} lacks ${missing.join(" ")}`);
    assert.ok(!stdout.includes("〓"), name);
  }
});

test("the scripts come from their Noto faces, embedded as CID TrueType; DejaVu Sans's own Arabic and Hebrew are not used", async () => {
  const scriptFaces = ["NotoSerifTamil-Regular", "NotoNaskhArabic-Regular", "NotoSansKR-Regular", "NotoSerifDevanagari-Regular", "NotoSerifHebrew-Regular", "NotoSerifThai-Regular", "NotoSerifTibetan-Regular", "NotoSansOriya-Regular"];
  for (const name of pdfs) {
    const fonts = await readFonts(path.join(out, name));
    assert.ok(fonts.every((font) => font.type === "CID TrueType" && font.embedded), `${name}: ${JSON.stringify(fonts)}`);
    const faces = new Set(fonts.map(faceOf));
    for (const face of scriptFaces) assert.ok(faces.has(face), `${name} lacks ${face}: ${[...faces].join(", ")}`);
    assert.ok(!faces.has("DejaVuSans"), `${name}: ${[...faces].join(", ")}`);
  }
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("EPUBs: every letter of the other scripts is in the chapter's text, the code block's in its <pre>", async () => {
  const letters = otherScriptsLetters(chapter);
  for (const layout of ["horizontal", "vertical"]) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-${layout}.epub`)));
    const chapters = Object.keys(zip.files).filter((name) => /^OEBPS\/chapter-\d+\.xhtml$/.test(name));
    const xhtml = (await Promise.all(chapters.map((name) => zip.file(name)!.async("string")))).join("");
    assert.deepEqual(letters.filter((character) => !xhtml.includes(character)), [], layout);
    const pre = xhtml.slice(xhtml.indexOf("<pre"), xhtml.indexOf("</pre>"));
    for (const sample of ["ஷ", "ع", "한", "ह", "ש", "ท"]) assert.ok(pre.includes(sample), `${layout}: the code block lacks ${sample}`);
  }
});
