import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { fixture, runCli, tempDir } from "../helpers.ts";
import { embeddedGlyphBoxes } from "../pdf-helpers.ts";

const run = promisify(execFile);

// test/fixtures/western-italic: a reference list whose titles are in `*…*` (Latin, Cyrillic,
// Greek), Chinese emphasis with a Western word inside, words with fi/fl, and quotation marks,
// apostrophes, dashes and an ellipsis in a Western reference and in a Chinese sentence.
let out: string;
before(async () => {
  out = await tempDir();
  const build = await runCli(["--manuscript", fixture("western-italic"), "--out", out]);
  assert.equal(build.code, 0, build.stderr);
});

for (const layout of ["horizontal", "vertical"]) {
  test(`${layout}: Western words in emphasis come from the Western face's italic, Chinese emphasis keeps its dots and only it`, async () => {
    const pdf = path.join(out, `book-${layout}-screen.pdf`);
    const { stdout: fonts } = await run("pdffonts", [pdf]);
    assert.match(fonts, /\+NotoSerif-Italic\s+CID TrueType/);
    // The italic draws the titles' letters, Latin and Cyrillic alike, not only a few of them.
    const italic = await embeddedGlyphBoxes(pdf, /NotoSerif-Italic/, "ProceedingsTchqVLDBЕвгенийОнегин");
    assert.deepEqual([..."ProceedingsTchqVLDBЕвгенийОнегин"].filter((letter) => !italic.has(letter)), []);
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", pdf, "-"]);
    // One dot (●) under or beside each Han character in emphasis: 着重号, 重要的 and 算法 make eight; Raft and the titles none.
    assert.equal(text.match(/●/g)?.length, 8);
  });

  test(`${layout}: words with fi and fl read back whole from the PDF (Chromium maps a ligature to its first letter; R 语言数据分析实战 lost an i)`, async () => {
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", path.join(out, `book-${layout}-screen.pdf`), "-"]);
    const words = text.replace(/\s+/g, "");
    for (const word of ["find", "first", "fluid", "office", "fig-scatter", "Proceedings", "Techniques", "Евгений"]) assert.ok(words.includes(word), `${word} in ${layout}`);
  });
}

for (const layout of ["horizontal", "vertical"]) {
  test(`${layout}: quotation marks, apostrophes, dashes and ellipses in Western text come from the Western face; in Chinese text from the Chinese face`, async () => {
    const pdf = path.join(out, `book-${layout}-screen.pdf`);
    // Item 6 (“C-Store: …,” at …, 2005 — it’s … title…) is Western; item 7 quotes in a Chinese sentence and ends in ——.
    const western = await embeddedGlyphBoxes(pdf, /NotoSerif-Regular/, "“”’—…");
    assert.deepEqual([..."“”’—…"].filter((mark) => !western.has(mark)), []);
    const chinese = await embeddedGlyphBoxes(pdf, /NotoSerifSC-Regular/, "“”—");
    assert.deepEqual([..."“”—"].filter((mark) => !chinese.has(mark)), []);
  });
}
