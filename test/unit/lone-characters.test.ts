import assert from "node:assert/strict";
import { test } from "node:test";
import { VFile } from "vfile";
import { findLoneCharacters, reportLoneCharacters } from "../../scripts/verify/lone-characters.ts";
import type { PdfPage, PdfWord } from "../../scripts/verify/pdf-text.ts";

// A page of 10.5 pt type on a 1.75 line pitch, its text area 50–350 pt across, from 60 pt down.
const size = 10.5;
const pitch = size * 1.75;
const area = { top: 50, bottom: 50, side: 40 };

/** A horizontal page whose lines are `[indent in ems, text, full]`: a full line reaches 350 pt. */
function horizontalPage(lines: Array<[number, string, boolean?]>, gaps: number[] = []): PdfPage {
  let y = 60;
  const words: PdfWord[] = lines.map(([indent, text, full], index) => {
    y += gaps[index] ?? (index === 0 ? 0 : pitch);
    const xMin = 50 + indent * size;
    return { page: 1, text, xMin, xMax: full ? 350 : xMin + [...text].length * size, yMin: y, yMax: y + size };
  });
  return { width: 400, height: 600, words };
}

/** The same lines as columns, right to left, each top to bottom. */
function verticalPage(lines: Array<[number, string, boolean?]>): PdfPage {
  const words: PdfWord[] = lines.map(([indent, text, full], index) => {
    const xMax = 350 - index * pitch;
    const yMin = 60 + indent * size;
    return { page: 1, text, xMin: xMax - size, xMax, yMin, yMax: full ? 500 : yMin + [...text].length * size };
  });
  return { width: 400, height: 600, words };
}

const paragraph: Array<[number, string, boolean?]> = [
  [2, "当一个系统的数据由另一个系统的数据派生而来时，你需要在", true],
  [0, "记录系统原始数据变化时同步更新派生数据。不幸的是，很多", true],
  [0, "人。"],
  [2, "至此，我们结束了对分析与事务处理的比较。", false],
];

test("a paragraph's last line of one Han character after a full line is a 孤字, in both layouts", () => {
  for (const [layout, page] of [["horizontal", horizontalPage(paragraph)], ["vertical", verticalPage(paragraph)]] as const) {
    const found = findLoneCharacters([page], layout, area);
    assert.equal(found.lines, 4, layout);
    assert.deepEqual(found.found, [{ page: 1, text: "人。" }], layout);
  }
});

test("two characters, a short line before, a heading set apart, or a line that starts elsewhere are no 孤字", () => {
  // Each after a paragraph of full lines, as on a real page, whose lines end at the full measure.
  const after = (lines: Array<[number, string, boolean?]>, gaps: number[] = []) => horizontalPage([...paragraph.slice(0, 2), [0, "完了。"], ...lines], [0, pitch, pitch, ...gaps]);
  const cases: Array<[string, PdfPage]> = [
    ["two characters", after([[2, "很多很多", true], [0, "人们。"]])],
    ["after a short line", after([[2, "很多很多"], [0, "人。"]])],
    ["a heading after its margin", after([[2, "很多很多", true], [0, "序"]], [pitch, pitch * 2])],
    ["a centred line", after([[2, "很多很多", true], [12, "完"]])],
    ["a Latin letter", after([[2, "很多很多", true], [0, "A."]])],
    ["a table cell's second line, half a line beside its row", after([[2, "很多很多", true], [0, "号"]], [pitch, pitch * 0.45])],
  ];
  for (const [name, page] of cases) assert.deepEqual(findLoneCharacters([page], "horizontal", area).found, [], name);
});

test("each 孤字 the layout left is a warning naming the PDF and its page", () => {
  const output = new VFile({ path: "book-horizontal-screen.pdf" });
  reportLoneCharacters(findLoneCharacters([horizontalPage(paragraph), horizontalPage(paragraph)], "horizontal", area), "book-horizontal-screen.pdf", output);
  assert.deepEqual(output.messages.map((message) => [message.ruleId, /“人。” on book-horizontal-screen\.pdf p\. (\d)/.exec(message.reason)?.[1]]), [["lone-character", "1"], ["lone-character", "2"]]);
});
