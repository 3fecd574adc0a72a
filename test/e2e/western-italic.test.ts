import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { before, test } from "node:test";
import { fixture, runCli, tempDir } from "../helpers.ts";

const run = promisify(execFile);

// test/fixtures/western-italic: a reference list whose titles are in `*…*` (Latin, Cyrillic,
// Greek), Chinese emphasis with a Western word inside, and words with fi/fl.
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
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", pdf, "-"]);
    // One dot (●) under or beside each Han character in emphasis: 着重号, 重要的 and 算法 make eight; Raft and the titles none.
    assert.equal(text.match(/●/g)?.length, 8);
  });

  test(`${layout}: words with fi and fl read back whole from the PDF (Chromium maps a ligature to its first letter; R 语言数据分析实战 lost an i)`, async () => {
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", path.join(out, `book-${layout}-screen.pdf`), "-"]);
    const words = text.replace(/\s+/g, "");
    for (const word of ["find", "first", "fluid", "office", "@fig-scatter", "Proceedings", "Techniques", "Евгений"]) assert.ok(words.includes(word), `${word} in ${layout}`);
  });
}
