import assert from "node:assert/strict";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { fixture, runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { pagesOf, readPages, squeezed, textOf, type Page } from "../pdf-reader.ts";

const layouts = ["horizontal", "vertical"] as const;
let manuscript: string;
let out: string;
let stderr: string;

before(async () => {
  manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  await cp(path.join(fixture("colophon"), "book.yaml"), path.join(manuscript, "book.yaml"));
  out = await tempDir();
  const run = await runCli(["--manuscript", manuscript, "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  stderr = run.stderr;
});

const pdf = (layout: string, edition: string) => path.join(out, `book-${layout}-${edition}.pdf`);
const lastPage = async (layout: (typeof layouts)[number], edition: string): Promise<Page> => (await readPages(pdf(layout, edition), layout)).at(-1)!;
const colophonText = async (layout: (typeof layouts)[number], edition: string) => squeezed(textOf(await lastPage(layout, edition)));

/**
 * The figures the colophon should print for a print edition of `printPages` pages, worked out here
 * from the rules (../shared/notes/publishing-norms.md, scripts/render/colophon.ts's comments) and
 * the A5 page's numbers written out, apart from the pipeline's functions: 开数 32 (A5 from an
 * 880×1230 sheet); 印张 = pages ÷ 32, rounded up to the next half; 字数 = characters per line ×
 * lines per page × pages, in thousands rounded up, the line and the page from the text area
 * (148 − 19.2 − 14.8 = 114 mm wide, 210 − 18.1 − 20 = 171.9 mm high), the body's 10.5 pt and its
 * line height 1.75; a vertical line (column) runs down the text area.
 */
function expectedFigures(layout: (typeof layouts)[number], printPages: number) {
  const [width, height] = [114, 171.9];
  const bodyMm = (10.5 * 25.4) / 72;
  const [lineLength, depth] = layout === "horizontal" ? [width, height] : [height, width];
  const perPage = Math.floor(lineLength / bodyMm) * Math.floor(depth / (bodyMm * 1.75));
  assert.equal(perPage, layout === "horizontal" ? 30 * 26 : 46 * 17);
  return { sheets: Math.ceil((printPages / 32) * 2) / 2, thousands: Math.ceil((perPage * printPages) / 1000) };
}

/** 印张 and 字数 as the colophon prints them. */
function printedFigures(text: string) {
  const sheets = /印张：(\d+(?:\.\d+)?)/.exec(text)?.[1];
  const thousands = /字数：(\d+)千字/.exec(text)?.[1];
  assert.ok(sheets && thousands, text);
  return { sheets: Number(sheets), thousands: Number(thousands) };
}

for (const layout of layouts) {
  test(`${layout}: the print edition's last page is the colophon, its 开本, 印张 and 字数 those of the print PDF's real page count`, async () => {
    const printPages = await pagesOf(pdf(layout, "print"));
    assert.equal(printPages % 4, 0);
    const text = await colophonText(layout, "print");
    assert.match(text, /开本：880mm×1230mm1\/32/);
    assert.deepEqual(printedFigures(text), expectedFigures(layout, printPages), text);
    // The screen edition's colophon describes the same print edition: its own pages, padded to 4, are the print edition's.
    const screenPages = await pagesOf(pdf(layout, "screen"));
    assert.equal(Math.ceil(screenPages / 4) * 4, printPages);
    assert.deepEqual(printedFigures(await colophonText(layout, "screen")), expectedFigures(layout, printPages));
  });

  test(`${layout}: the colophon reads copyright, CIP with the ISBN run in, the sponsors, then the record in order`, async () => {
    const text = await colophonText(layout, "screen");
    const markers = ["版权所有", "图书在版编目（CIP）数据", "冯华林著.—杭州：柯桥日报社，2024.3.—ISBN978-7-213-08888-9", "区域经济发展—经验—柯桥区", "核字（2024）第012345号", "主办单位：柯桥区委宣传部", "书名：", "著者：沈关祥", "出版：柯桥日报社", "发行：浙江省新华书店集团有限公司", "印刷：绍兴市越州印刷有限公司", "开本：", "印张：", "字数：", "版次：2024年3月第1版", "印次：2024年5月第2次印刷", "印数：3001—5000", "书号：ISBN978-7-213-08888-9", "定价：58.00元"];
    const positions = markers.map((marker) => text.indexOf(marker));
    assert.ok(positions.every((position, index) => position >= 0 && (index === 0 || position > positions[index - 1]!)), `${JSON.stringify(markers.map((marker, index) => [marker, positions[index]]))}\n${text}`);
  });
}

test("horizontal: the CIP description's first line stands out, its further line hangs two characters in", async () => {
  const words = (await lastPage("horizontal", "screen")).lines.flat();
  const first = words.find((word) => word.text.startsWith("学习创新发展经验"))!;
  // The next line: words whose middle lies within one line pitch (8.4 pt × 1.4) below the first line.
  const middle = (word: (typeof words)[number]) => (word.yMin + word.yMax) / 2;
  const nextLine = words.filter((word) => middle(word) > first.yMax && middle(word) < first.yMax + 11.8);
  const nextStart = Math.min(...nextLine.map((word) => word.xMin));
  assert.match(nextLine.map((word) => word.text).join(""), /ISBN/);
  // 2 em of the colophon's 8.4 pt type.
  assert.ok(Math.abs(nextStart - first.xMin - 16.8) < 1, `first line at ${first.xMin}, the next at ${nextStart}`);
});

test("the screen edition's colophon is its last page, and the build warns of nothing about the colophon's keys", async () => {
  for (const layout of layouts) assert.match(await colophonText(layout, "screen"), /定价：58\.00元/);
  assert.doesNotMatch(stderr, /isbn-without-price|unknown-key/);
});

// EPUBCheck's verdict is the build's own (any message of it fails the build): not repeated here.
test("both EPUBs' colophon has the record without the print edition's 印张 and 字数", async () => {
  for (const layout of layouts) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-${layout}.epub`)));
    const colophon = await zip.file("OEBPS/colophon.xhtml")!.async("string");
    for (const entry of ["<dt>开本</dt><dd>880mm×1230mm 1/32</dd>", "<dt>书号</dt><dd>ISBN 978-7-213-08888-9</dd>", "<dt>定价</dt><dd>58.00元</dd>", "<dt>发行</dt>", '<p class="cip-heading">']) assert.ok(colophon.includes(entry), `${layout}: ${entry}`);
    assert.ok(!colophon.includes("<dt>印张</dt>") && !colophon.includes("<dt>字数</dt>"), layout);
  }
});
