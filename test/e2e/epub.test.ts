import assert from "node:assert/strict";
import { lstat, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { before, test } from "node:test";
import JSZip from "jszip";
import { VFile } from "vfile";
import { loadBook } from "../../scripts/book/load.ts";
import { closeBrowser, launchBrowser } from "../../scripts/typeset/browser.ts";
import { runEpubcheck } from "../../scripts/verify/epubcheck.ts";
import { generateFeatureBook } from "../generate-book.ts";
import { aceSeriousViolations, projectRoot, runCli, sampleManuscript, tempDir } from "../helpers.ts";
import { han } from "../pdf-helpers.ts";

let first: string;
let second: string;
let features: string;

before(async () => {
  [first, second, features] = [await tempDir(), await tempDir(), await tempDir()];
  for (const out of [first, second]) {
    const build = await runCli(["--manuscript", sampleManuscript, "--out", out]);
    assert.equal(build.code, 0, build.stderr);
    assert.match(build.stdout, /book-horizontal\.epub[\s\S]*book-vertical\.epub/);
  }
  const book = await generateFeatureBook(await tempDir(), 30);
  const build = await runCli(["--manuscript", book.dir, "--out", features, "--embed-fonts"]);
  assert.equal(build.code, 0, build.stderr);
});

const report = async (out: string) => JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
const unzip = async (file: string) => JSZip.loadAsync(await readFile(file));
const entry = async (zip: JSZip, name: string) => zip.file(name)!.async("string");

test("EPUBCheck finds no error and no warning in any EPUB (sample and a 30-chapter book with notes, a table and a figure)", async () => {
  for (const out of [first, features]) {
    const epubs = (await report(out)).outputs.filter((output: { format: string }) => output.format === "epub");
    assert.deepEqual(epubs.map((epub: { layout: string }) => epub.layout), ["horizontal", "vertical"]);
    for (const epub of epubs) {
      assert.deepEqual({ fatals: epub.epubcheck.fatals, errors: epub.epubcheck.errors, warnings: epub.epubcheck.warnings }, { fatals: 0, errors: 0, warnings: 0 }, `${out} ${epub.layout}`);
      assert.equal(epub.text.missing, 0);
    }
  }
});

test("two builds of the same manuscript give byte-identical EPUBs", async () => {
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) {
    assert.deepEqual(await readFile(path.join(first, name)), await readFile(path.join(second, name)), name);
  }
});

test("package metadata: Chinese, stable identifier, one creator per author, cover, accessibility", async () => {
  const opf = await entry(await unzip(path.join(first, "book-horizontal.epub")), "OEBPS/content.opf");
  assert.match(opf, /<package [^>]*xml:lang="zh-CN"/);
  assert.match(opf, /<dc:language>zh-CN<\/dc:language>/);
  assert.match(opf, /<dc:identifier id="book-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
  assert.deepEqual([...opf.matchAll(/<dc:creator[^>]*>([^<]+)</g)].map((match) => match[1]), ["沈关祥", "高波", "冯华林"]);
  assert.match(opf, /<dc:publisher>柯桥日报社<\/dc:publisher>/);
  assert.match(opf, /<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
  assert.match(opf, /<item id="cover-image" href="images\/cover\.png" media-type="image\/png" properties="cover-image"\/>/);
  for (const property of ["accessMode", "accessModeSufficient", "accessibilityFeature", "accessibilityHazard", "accessibilitySummary"]) {
    assert.match(opf, new RegExp(`<meta property="schema:${property}">`));
  }
  assert.doesNotMatch(opf, /page-progression-direction/);
});

test("navigation lists the chapters and the landmarks, the colophon among them", async () => {
  const nav = await entry(await unzip(path.join(first, "book-horizontal.epub")), "OEBPS/toc.xhtml");
  assert.match(nav, /<nav epub:type="toc"[\s\S]*学习深圳创新发展经验[\s\S]*改革创新 求是实干[\s\S]*打造智慧社区让生活更美好[\s\S]*<\/nav>/);
  for (const landmark of ["cover", "titlepage", "toc", "bodymatter", "colophon"]) assert.match(nav, new RegExp(`<a epub:type="${landmark}" href=`));
});

test("the colophon page carries 主办单位 and its three units", async () => {
  const colophon = await entry(await unzip(path.join(first, "book-vertical.epub")), "OEBPS/colophon.xhtml");
  assert.match(colophon, /epub:type="colophon"/);
  assert.match(colophon, /<dt>主办单位<\/dt><dd>柯桥区委宣传部<\/dd><dd>柯桥区社科联<\/dd><dd>柯桥日报社<\/dd>/);
});

test("every Han character of the manuscript is in the EPUB's text, written as characters", async () => {
  const book = await loadBook({ manuscriptDir: sampleManuscript });
  const source = new Set(han([JSON.stringify(book.config), ...book.chapters.map((file) => String(file.value))].join("")));
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) {
    const zip = await unzip(path.join(first, name));
    const xhtml = await Promise.all(Object.keys(zip.files).filter((file) => file.endsWith(".xhtml")).map((file) => entry(zip, file)));
    const text = xhtml.join("");
    assert.doesNotMatch(text, /&#x[0-9a-f]{3,};/i);
    const present = new Set(han(text.replace(/<[^>]*>/g, "")));
    assert.deepEqual([...source].filter((character) => !present.has(character)), [], name);
    assert.match(xhtml.find((file) => file.includes('id="chapter-1"'))!, /（作者单位：柯桥区科技局）/);
  }
});

test("the vertical EPUB turns right to left and is set vertically when opened in Chromium", async () => {
  const zip = await unzip(path.join(first, "book-vertical.epub"));
  const opf = await entry(zip, "OEBPS/content.opf");
  assert.match(opf, /<spine toc="ncx" page-progression-direction="rtl">/);
  assert.match(opf, /<meta name="primary-writing-mode" content="vertical-rl"\/>/);
  const folder = await tempDir();
  for (const name of Object.keys(zip.files).filter((file) => !zip.files[file]!.dir)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), await zip.file(name)!.async("uint8array"));
  }
  const browser = await launchBrowser({ allowedPaths: [folder] });
  try {
    const page = await browser.chromium.newPage();
    await page.goto(pathToFileURL(path.join(folder, "OEBPS", "chapter-001.xhtml")).href, { waitUntil: "load" });
    const layout = await page.evaluate(async () => {
      const paragraph = document.querySelector("p")!.getBoundingClientRect();
      const date = document.querySelector(".tcy")!;
      return { mode: getComputedStyle(document.documentElement).writingMode, tallerThanWide: paragraph.height > paragraph.width, tcy: getComputedStyle(date).textCombineUpright };
    });
    assert.deepEqual(layout, { mode: "vertical-rl", tallerThanWide: true, tcy: "all" });
  } finally {
    await closeBrowser(browser);
  }
});

test("footnotes, table alignment, the figure and the embedded subset fonts reach the EPUB", async () => {
  const zip = await unzip(path.join(features, "book-horizontal.epub"));
  const opf = await entry(zip, "OEBPS/content.opf");
  assert.equal([...opf.matchAll(/href="chapter-\d{3}\.xhtml"/g)].length, 30);
  const fonts = Object.keys(zip.files).filter((name) => name.startsWith("OEBPS/fonts/"));
  for (const name of ["NotoSansSC_400Regular", "NotoSansSC_700Bold", "NotoSerifSC_400Regular", "NotoSerifSC_700Bold", "NotoSerif_400Regular"]) assert.ok(fonts.includes(`OEBPS/fonts/${name}.woff2`), `${name} missing: ${fonts.join(", ")}`);
  assert.ok(!fonts.some((font) => font.includes("HanaMin")), "the rare-Han face is left out of a book with no rare character");
  for (const font of fonts) assert.ok((await zip.file(font)!.async("uint8array")).length < 1_500_000, `${font} is subset`);
  assert.match(await entry(zip, "OEBPS/style.css"), /@font-face \{ font-family: "Book Song"; font-weight: 400;[^}]*url\("fonts\/NotoSerifSC_400Regular\.woff2"\)/);
  const chapter = await entry(zip, "OEBPS/chapter-001.xhtml");
  assert.match(chapter, /epub:type="noteref"/);
  assert.match(chapter, /<aside id="c1-fn-1" epub:type="footnote" role="doc-footnote">/);
  assert.match(chapter, /<td style="text-align: right">/);
  assert.match(chapter, /<figure class="image-figure" id="c1-numbered-figure-1"><img src="images\/figure-1\.png" alt="柯桥夜景示意图"\/><figcaption><span class="caption-label">图 <span class="tcy">1<\/span>-<span class="tcy">1<\/span><\/span>　柯桥夜景示意图<\/figcaption><\/figure>/);
  assert.ok(zip.file("OEBPS/images/figure-1.png"));
  const figure = await readFile(path.join(projectRoot, "test", "fixtures", "media", "figure.png"));
  assert.deepEqual(Buffer.from(await zip.file("OEBPS/images/cover.png")!.async("uint8array")), figure, "book.yaml's cover is the cover");
});

test("Ace by DAISY reports no serious or critical accessibility violation", async () => {
  for (const name of ["book-horizontal.epub", "book-vertical.epub"]) assert.deepEqual(await aceSeriousViolations(path.join(first, name)), [], name);
});

test("EPUBCheck, run once for several EPUBs, reports each one's problems against that EPUB", async () => {
  const zip = await unzip(path.join(first, "book-vertical.epub"));
  const chapter = Object.keys(zip.files).find((name) => /\.xhtml$/.test(name) && !/toc|nav/.test(name))!;
  zip.remove(chapter);
  const broken = path.join(await tempDir(), "broken.epub");
  await writeFile(broken, await zip.generateAsync({ type: "uint8array", mimeType: "application/epub+zip" }));
  const [valid, damaged] = [new VFile({ path: "book-horizontal.epub" }), new VFile({ path: "broken.epub" })];
  const results = await runEpubcheck([
    { path: path.join(first, "book-horizontal.epub"), output: valid },
    { path: broken, output: damaged },
  ]);
  assert.deepEqual(results.map((result) => result.fatals + result.errors > 0), [false, true]);
  assert.deepEqual(valid.messages, []);
  assert.ok(damaged.messages.some((message) => /Unexpected EPUBCheck (error|fatal)/.test(message.reason)), damaged.messages.join("\n"));
});

/** The running EPUBCheck checkers: process id and socket, from their command lines. */
async function checkers(): Promise<Array<{ pid: number; socket: string }>> {
  const found = [];
  for (const entry of await readdir("/proc")) {
    const command = (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0");
    const serve = command.indexOf("--serve");
    if (serve > 0 && command.some((part) => part.endsWith("EpubcheckAll.java"))) found.push({ pid: Number(entry), socket: command[serve + 1]! });
  }
  return found;
}

test("EPUBCheck's checker stays up between builds, and one killed, its socket left behind, is replaced without a finding lost", async () => {
  const zip = await unzip(path.join(first, "book-horizontal.epub"));
  zip.file("OEBPS/stray.xhtml", "<html><body><p>不在清单里</body></html>");
  const broken = path.join(await tempDir(), "stray.epub");
  await writeFile(broken, await zip.generateAsync({ type: "uint8array", mimeType: "application/epub+zip" }));
  const check = async () => {
    const [valid, damaged] = [new VFile({ path: "book-horizontal.epub" }), new VFile({ path: "stray.epub" })];
    const results = await runEpubcheck([
      { path: path.join(first, "book-horizontal.epub"), output: valid },
      { path: path.relative(process.cwd(), broken), output: damaged },
    ]);
    assert.deepEqual(valid.messages, []);
    assert.equal(results[0]!.errors + results[0]!.fatals, 0);
    assert.ok(damaged.messages.some((message) => /Unexpected EPUBCheck/.test(message.reason)), damaged.messages.join("\n"));
  };
  await check();
  const [serving] = await checkers();
  assert.ok(serving, "a checker runs after a check");
  const cpuTicks = async (pid: number) => (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ").slice(11, 13).reduce((sum, ticks) => sum + Number(ticks), 0);
  const ticksBefore = await cpuTicks(serving.pid);
  await check();
  assert.deepEqual(await checkers(), [serving]);
  assert.ok((await cpuTicks(serving.pid)) > ticksBefore, "the same checker did the second check");
  process.kill(serving.pid, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok((await lstat(serving.socket)).isSocket(), "the killed checker's socket file is left");
  await check();
  const [replacement] = await checkers();
  assert.ok(replacement && replacement.pid !== serving.pid && replacement.socket === serving.socket, JSON.stringify(replacement));
});
