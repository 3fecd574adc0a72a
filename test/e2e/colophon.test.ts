import assert from "node:assert/strict";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import JSZip from "jszip";
import { VFile } from "vfile";
import { loadBook } from "../../scripts/book/load.ts";
import { pageGeometry } from "../../scripts/render/page-css.ts";
import { checkColophonFigures } from "../../scripts/verify/colophon-figures.ts";
import { readPdfWords, type PdfPage } from "../../scripts/verify/pdf-text.ts";
import { wordsInReadingOrder } from "../../scripts/verify/reading-order.ts";
import { fixture, runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { pageCount } from "../pdf-helpers.ts";

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
const lastPage = async (file: string): Promise<PdfPage> => (await readPdfWords(file)).at(-1)!;
const textOf = (page: PdfPage, layout: (typeof layouts)[number]) => wordsInReadingOrder(page, layout).map((word) => word.text).join("");

/**
 * The figures recomputed here from the page's geometry (A5: text area 148 − 19.2 − 14.8 = 114 mm
 * wide, 210 − 18.1 − 20 = 171.9 mm high; body 10.5 pt; line height 1.75) and the print PDF's
 * page count, apart from the pipeline's own functions.
 */
function expectedFigures(layout: (typeof layouts)[number], printPages: number) {
  const geometry = pageGeometry({ widthMm: 148, heightMm: 210 });
  const [width, height] = [148 - geometry.inner - geometry.outer, 210 - geometry.top - geometry.bottom];
  const bodyMm = (geometry.bodySizePt * 25.4) / 72;
  const [lineLength, depth] = layout === "horizontal" ? [width, height] : [height, width];
  const perPage = Math.floor(lineLength / bodyMm) * Math.floor(depth / (bodyMm * 1.75));
  return { sheets: Math.ceil((printPages / 32) * 2) / 2, thousands: Math.ceil((perPage * printPages) / 1000) };
}

for (const layout of layouts) {
  test(`${layout}: the print edition's last page is the colophon, its 开本, 印张 and 字数 those of the print PDF's real page count`, async () => {
    const printPages = await pageCount(pdf(layout, "print"));
    assert.equal(printPages % 4, 0);
    const text = textOf(await lastPage(pdf(layout, "print")), layout);
    const { sheets, thousands } = expectedFigures(layout, printPages);
    assert.match(text, /开本：880mm×1230mm1\/32/);
    assert.match(text, new RegExp(`印张：${String(sheets).replace(".", "\\.")}字数：${thousands}千字`), text);
    const output = new VFile({ path: "print.pdf" });
    await checkColophonFigures(pdf(layout, "print"), (await loadBook({ manuscriptDir: manuscript })).config, layout, output);
    assert.deepEqual(output.messages.map(String), []);
  });

  test(`${layout}: the colophon reads copyright, CIP with the ISBN run in, the sponsors, then the record in order`, async () => {
    const text = textOf(await lastPage(pdf(layout, "screen")), layout);
    const markers = ["版权所有", "图书在版编目（CIP）数据", "冯华林著.—杭州：柯桥日报社，2024.3.—ISBN978-7-213-08888-9", "区域经济发展—经验—柯桥区", "核字（2024）第012345号", "主办单位：柯桥区委宣传部", "书名：", "著者：沈关祥", "出版：柯桥日报社", "发行：浙江省新华书店集团有限公司", "印刷：绍兴市越州印刷有限公司", "开本：", "印张：", "字数：", "版次：2024年3月第1版", "印次：2024年5月第2次印刷", "印数：3001—5000", "书号：ISBN978-7-213-08888-9", "定价：58.00元"];
    const positions = markers.map((marker) => text.indexOf(marker));
    assert.ok(positions.every((position, index) => position >= 0 && (index === 0 || position > positions[index - 1]!)), `${JSON.stringify(markers.map((marker, index) => [marker, positions[index]]))}\n${text}`);
  });
}

test("horizontal: the CIP description's first line stands out, its further line hangs two characters in", async () => {
  const page = await lastPage(pdf("horizontal", "screen"));
  const first = page.words.find((word) => word.text.startsWith("学习创新发展经验"))!;
  // The next line: words whose middle lies within one line pitch (8.4 pt × 1.4) below the first line.
  const middle = (word: (typeof page.words)[number]) => (word.yMin + word.yMax) / 2;
  const nextLine = page.words.filter((word) => middle(word) > first.yMax && middle(word) < first.yMax + 11.8);
  const nextStart = Math.min(...nextLine.map((word) => word.xMin));
  assert.match(nextLine.map((word) => word.text).join(""), /ISBN/);
  // 2 em of the colophon's 8.4 pt type.
  assert.ok(Math.abs(nextStart - first.xMin - 16.8) < 1, `first line at ${first.xMin}, the next at ${nextStart}`);
});

test("the screen edition's colophon is its last page, and the build warns of nothing about the colophon's keys", async () => {
  for (const layout of layouts) assert.match(textOf(await lastPage(pdf(layout, "screen")), layout), /定价：58\.00元/);
  assert.doesNotMatch(stderr, /isbn-without-price|unknown-key/);
});

test("both EPUBs' colophon has the record without the print edition's 印张 and 字数, and passed EPUBCheck", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
  for (const layout of layouts) {
    const zip = await JSZip.loadAsync(await readFile(path.join(out, `book-${layout}.epub`)));
    const colophon = await zip.file("OEBPS/colophon.xhtml")!.async("string");
    for (const entry of ["<dt>开本</dt><dd>880mm×1230mm 1/32</dd>", "<dt>书号</dt><dd>ISBN 978-7-213-08888-9</dd>", "<dt>定价</dt><dd>58.00元</dd>", "<dt>发行</dt>", '<p class="cip-heading">']) assert.ok(colophon.includes(entry), `${layout}: ${entry}`);
    assert.ok(!colophon.includes("<dt>印张</dt>") && !colophon.includes("<dt>字数</dt>"), layout);
    const epub = report.outputs.find((output: { path: string }) => output.path === `book-${layout}.epub`);
    assert.deepEqual([epub.epubcheck.errors, epub.epubcheck.warnings], [0, 0]);
  }
});
