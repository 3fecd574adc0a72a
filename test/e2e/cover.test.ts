import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { appendFile, cp, readFile } from "node:fs/promises";
import path from "node:path";
import { before, test } from "node:test";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { han, pageCount } from "../pdf-helpers.ts";

const run = promisify(execFile);
const pointsToMillimetres = 25.4 / 72;
const leafMm = 0.1;
const flapsMm = 60;
let out = "";
let stderr = "";

before(async () => {
  const manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  await appendFile(path.join(manuscript, "book.yaml"), `\nisbn: 978-7-213-08888-9\nprice: 58.00\npaper: { thickness: ${leafMm} }\ncover:\n  flaps: ${flapsMm}\n  back: 柯桥区赴深圳培训班学员的三篇学习心得。\n`);
  out = await tempDir();
  const built = await runCli(["--manuscript", manuscript, "--out", out, "--press-ready"]);
  stderr = built.stderr;
  assert.equal(built.code, 0, built.stderr);
});

/** The cover's TrimBox in millimetres: left, bottom, width, height, from the MediaBox's corner. */
async function trimBox(pdf: string) {
  const document = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const page = document.getPage(0);
  const [trim, media] = [page.getTrimBox(), page.getMediaBox()];
  return { page: [media.width, media.height].map((points) => points * pointsToMillimetres), left: (trim.x - media.x) * pointsToMillimetres, top: (media.y + media.height - trim.y - trim.height) * pointsToMillimetres, width: trim.width * pointsToMillimetres, height: trim.height * pointsToMillimetres };
}

/** Text in a band of the cover, `from`–`to` millimetres from the trim's left edge. */
async function textBetween(pdf: string, from: number, to: number): Promise<string> {
  const trim = await trimBox(pdf);
  const points = (millimetres: number) => String(Math.round(millimetres / pointsToMillimetres));
  const { stdout } = await run("pdftotext", ["-r", "72", "-x", points(trim.left + from), "-y", "0", "-W", points(to - from), "-H", points(trim.page[1]!), pdf, "-"]);
  return stdout;
}

for (const layout of ["horizontal", "vertical"] as const) {
  test(`${layout} cover: the spread is two covers, the spine from the print edition's pages and the flaps; the barcode reads as the ISBN at 600 dpi`, async () => {
    const cover = path.join(out, `book-${layout}-cover.pdf`);
    const printPages = await pageCount(path.join(out, `book-${layout}-print.pdf`));
    const spine = (printPages / 2) * leafMm;
    const trim = await trimBox(cover);
    assert.ok(Math.abs(trim.width - (2 * 148 + spine + 2 * flapsMm)) < 0.5, `TrimBox ${trim.width} mm wide, expected 2 × 148 + ${spine} + 2 × ${flapsMm}`);
    assert.ok(Math.abs(trim.height - 210) < 0.5);

    // The whole cover at 600 dpi, as a shop's scanner sees it.
    const image = path.join(out, `${layout}-cover-600`);
    await run("pdftoppm", ["-r", "600", "-gray", "-png", "-singlefile", cover, image]);
    const { stdout } = await run("zbarimg", ["--quiet", "--raw", `${image}.png`]);
    assert.equal(stdout.trim(), "9787213088889");

    const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; edition: string; spineMm?: number }> };
    assert.equal(report.outputs.find((output) => output.path === `book-${layout}-cover.pdf`)?.edition, "cover");
    assert.ok(Math.abs(report.outputs.find((output) => output.path === `book-${layout}-cover.pdf`)!.spineMm! - spine) < 0.01);
    assert.match(stderr, new RegExp(`book-${layout}-cover\\.pdf\\s+\\d+(\\.\\d+)?×210 mm\\s+3 mm\\s+1\\s+${Number(spine.toFixed(2))} mm`), "a preflight row with the spine");
  });
}

test("the vertical (right-bound) cover is mirrored: its front cover is on the left, the horizontal book's on the right; the back carries the ISBN and price", async () => {
  const side = async (layout: string) => {
    const cover = path.join(out, `book-${layout}-cover.pdf`);
    const { width } = await trimBox(cover);
    return { left: await textBetween(cover, 0, width / 2), right: await textBetween(cover, width / 2, width) };
  };
  const [horizontal, vertical] = [await side("horizontal"), await side("vertical")];
  const front = /学习创新发展经验/;
  assert.match(han(horizontal.right), front);
  assert.match(horizontal.left, /ISBN 978-7-213-08888-9/);
  assert.match(horizontal.left, /定价：58\.00元/);
  assert.match(han(vertical.left), front);
  assert.match(vertical.right, /ISBN 978-7-213-08888-9/);
  assert.match(han(vertical.right), /柯桥区赴深圳培训班学员的三篇学习心得/);
});

test("--press-ready also gives each cover as PDF/X: the same trim, CMYK only", async () => {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; edition: string; rgbContent?: string[] }> };
  for (const layout of ["horizontal", "vertical"]) {
    const [cover, pdfx] = [path.join(out, `book-${layout}-cover.pdf`), path.join(out, `book-${layout}-cover-pdfx.pdf`)];
    const [converted, original] = [await trimBox(pdfx), await trimBox(cover)];
    for (const key of ["left", "top", "width", "height"] as const) assert.ok(Math.abs(converted[key] - original[key]) < 0.1, `${key}: ${converted[key]} ≠ ${original[key]}`);
    assert.deepEqual(report.outputs.find((output) => output.path === path.basename(pdfx)), { ...report.outputs.find((output) => output.path === path.basename(pdfx)), edition: "cover-pdfx", rgbContent: [] });
    const { stdout } = await run("pdfinfo", [pdfx]);
    assert.match(stdout, /PDF subtype:\s+PDF\/X-3/);
  }
});

test("a spine under 5 mm is left blank, with a warning", () => {
  assert.match(stderr, /warning\s+Unexpected spine of \d\.\d mm on the horizontal cover, expected at least 5 mm/);
});
