// `npm run bench`: builds synthetic books of about 300, 1,000 and 2,000 A5 pages and measures, side
// by side:
//   (a) our full build (both PDFs, the EPUBs, the print editions, the checks);
//   (b) our two PDFs alone, typeset as the build does;
//   (c) the floor: Chromium printing the same two documents by itself, without Paged.js;
//   (d) Vivliostyle CLI on the same two documents, when installed;
//   (e) stock pagedjs-cli 0.4.3 run by hand on the same two whole-book documents
//       (`pagedjs-cli book.html -o book.pdf`), stopped after 10 minutes;
// then the rebuilds (no change, one chapter edited), and, for the editor at work:
//   (f) the preview (`npm run preview`, opened in Chromium): how soon its first page shows, and how
//       soon the whole book is laid out (“settled”);
//   (g) the preview after an edit: how soon a sentence saved to a chapter is on a page, and how soon
//       the book has settled again;
//   (h) the one-chapter rebuild as a share of (a), and whether its PDFs are those a full build of the
//       same manuscript makes, page by page (text and picture).
import { access, appendFile, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../scripts/book/paths.ts";
import { generateBook } from "../test/generate-book.ts";
import { measure, type Measurement } from "./measure.ts";
import { measurePreview, previewLimitMs, type PreviewTimings } from "./preview.ts";
import { comparePdfs, type PdfComparison } from "./same-pdfs.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "300,1000,2000" },
    out: { type: "string", default: path.join(projectRoot, "dist", "bench") },
    /** Vivliostyle is slow on big books; by default it runs at every size. */
    "peer-sizes": { type: "string" },
    /** Stock pagedjs-cli likewise (a run is stopped after 10 minutes anyway); by default at every size. */
    "stock-sizes": { type: "string" },
    /** Each of our measurements and the floor's is the fastest of this many runs. */
    runs: { type: "string", default: "3" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const peerSizes = values["peer-sizes"]?.split(",").map(Number) ?? sizes;
const stockSizes = values["stock-sizes"]?.split(",").map(Number) ?? sizes;
const benchDir = path.resolve(values.out);
const runs = Math.max(1, Number(values.runs));

/** How long (e) may run before it is killed and recorded as skipped. */
const stockLimitMs = 10 * 60_000;

/** Generated chapters (20 paragraphs, sections, a table and a figure every tenth) per A5 page, measured. */
const chaptersPerPage = 1 / 16.5;

const tsx = (script: string, ...args: string[]) => [process.execPath, ["--import", "tsx", path.join(projectRoot, script), ...args]] as const;

async function findVivliostyle(): Promise<string | undefined> {
  const candidates = [process.env.VIVLIOSTYLE_CLI, path.join(projectRoot, "node_modules", ".bin", "vivliostyle"), ...(process.env.PATH ?? "").split(":").map((folder) => path.join(folder, "vivliostyle"))];
  for (const candidate of candidates) if (candidate && (await access(candidate).then(() => true, () => false))) return candidate;
  return undefined;
}

interface Row {
  pages: { horizontal: number; vertical: number };
  fullBuild: Measurement;
  noChangeRebuild: Measurement;
  oneChapterRebuild: Measurement;
  pdfsAlone: Measurement;
  floor: Measurement & { mode: string };
  vivliostyle?: Measurement;
  /** (e): skipped when it ran past the limit or failed. */
  stock?: Measurement | Skipped;
  /** (h): oneChapterRebuild's wall time as a percentage of fullBuild's. */
  rebuildSharePercent: number;
  /** (h): the PDFs of the one-chapter rebuild against those of a full build of the same manuscript. */
  rebuildCheck: RebuildCheck;
  /** (f) and (g). */
  preview: PreviewTimings;
}

interface RebuildCheck {
  identical: boolean;
  pdfs: Array<PdfComparison & { file: string }>;
}

interface Skipped {
  skipped: string;
  /** Until it was killed or failed. */
  wallMs: number;
  timedOut: boolean;
}

const isSkipped = (outcome: Measurement | Skipped | undefined): outcome is Skipped => outcome !== undefined && "skipped" in outcome;

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const gigabytes = (bytes: number) => (bytes / 2 ** 30).toFixed(2);
const ratio = (a: { wallMs: number }, b: { wallMs: number }) => (a.wallMs / b.wallMs).toFixed(2);
/** (e)/(b); a run stopped at the limit would have taken longer, one that failed has no ratio. */
const stockRatio = (stock: Measurement | Skipped | undefined, ours: Measurement) =>
  !stock ? "—" : !isSkipped(stock) ? ratio(stock, ours) : stock.timedOut ? `> ${ratio(stock, ours)}` : "—";
const change = (rebuild: Measurement, cold: Measurement) => {
  const percent = Math.round((1 - rebuild.wallMs / cold.wallMs) * 100);
  return percent >= 0 ? `${percent} % faster than (a)` : `${-percent} % slower than (a)`;
};
const log = (line: string) => process.stderr.write(`${line}\n`);
/** A preview time, or how long it was waited for in vain. */
const previewSeconds = (ms: number | undefined) => (ms === undefined ? "not reached" : `${seconds(ms)} s`);
/** “settled”, marked † when read from the page's data-version (a preview that does not set data-settled). */
const settledCell = (preview: PreviewTimings) => `${previewSeconds(preview.settledMs)}${preview.settledBy === "data-version" ? " †" : ""}`;
const rebuildCheckCell = (check: RebuildCheck) =>
  check.identical
    ? `yes (${check.pdfs.length} PDFs)`
    : `no: ${check.pdfs.filter((pdf) => pdf.difference).map((pdf) => `${pdf.file} p. ${pdf.difference!.page} (${pdf.difference!.what}${pdf.pages[0] !== pdf.pages[1] ? `, ${pdf.pages[0]} vs ${pdf.pages[1]} pages` : ""})`).join("; ")}`;

/**
 * The fastest of `times` runs (each after `before`, if given): this machine's timings vary by 15–30 %
 * from run to run, with other work on the host, and that only ever adds time.
 */
async function run(what: string, command: readonly [string, readonly string[]], times = runs, before?: (index: number) => Promise<void>): Promise<Measurement> {
  let best: Measurement | undefined;
  for (let index = 0; index < times; index++) {
    await before?.(index);
    log(`  ${what} …`);
    const result = await measure(command[0], command[1]);
    if (result.exitCode !== 0) throw new Error(`${what} failed (exit ${result.exitCode}):\n${result.stderr}`);
    log(`  ${what}: ${seconds(result.wallMs)} s wall, ${seconds(result.cpuMs)} s CPU, ${gigabytes(result.peakPssBytes)} GB peak`);
    if (!best || result.wallMs < best.wallMs) best = result;
  }
  return best!;
}

/**
 * One run of a command that may not finish: past `limitMs` its whole process tree is killed, and
 * that, or its failing, is recorded instead of failing the benchmark.
 */
async function runOrSkip(what: string, command: readonly [string, readonly string[]], limitMs: number): Promise<Measurement | Skipped> {
  log(`  ${what} …`);
  const result = await measure(command[0], command[1], {}, limitMs);
  if (result.timedOut) {
    log(`  ${what}: killed after ${seconds(result.wallMs)} s`);
    return { skipped: `did not finish within ${limitMs / 60_000} min`, wallMs: result.wallMs, timedOut: true };
  }
  if (result.exitCode !== 0) {
    const cause = result.stderr.trim().split("\n").at(-1) ?? "";
    log(`  ${what} failed (exit ${result.exitCode}) after ${seconds(result.wallMs)} s:\n${result.stderr}`);
    return { skipped: `failed after ${seconds(result.wallMs)} s: ${cause}`, wallMs: result.wallMs, timedOut: false };
  }
  log(`  ${what}: ${seconds(result.wallMs)} s wall, ${seconds(result.cpuMs)} s CPU, ${gigabytes(result.peakPssBytes)} GB peak`);
  return result;
}

/** The PDFs a build wrote, as its report lists them (paths relative to `out`). */
async function pdfOutputs(out: string): Promise<string[]> {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string }> };
  return report.outputs.map((output) => output.path).filter((file) => file.endsWith(".pdf"));
}

/** Copies the PDFs of `out` aside, before anything else can write over them. */
async function keepPdfs(out: string, folder: string): Promise<string[]> {
  const files = await pdfOutputs(out);
  await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file) => copyFile(path.join(out, file), path.join(folder, file))));
  return files;
}

/**
 * (h): builds the manuscript as it stands from nothing (--force, an output folder of its own) and
 * compares each of the kept PDFs, page by page, with the one that build makes.
 */
async function checkRebuild(manuscript: string, kept: string, files: readonly string[], dir: string): Promise<RebuildCheck> {
  const freshOut = path.join(dir, "out-full");
  await rm(freshOut, { recursive: true, force: true });
  await run("(h) full build of the same manuscript, to compare", tsx("scripts/cli.ts", "--manuscript", manuscript, "--out", freshOut, "--quiet", "--force"), 1);
  const scratch = path.join(dir, "scratch");
  const pdfs = [];
  // One pair at a time: each comparison already runs its two rasterisations side by side.
  for (const file of files) {
    log(`  (h) comparing ${file} …`);
    pdfs.push({ file, ...(await comparePdfs(path.join(kept, file), path.join(freshOut, file), scratch)) });
  }
  const identical = pdfs.every((pdf) => !pdf.difference);
  log(`  (h) PDFs of the rebuild identical to a full build's: ${identical ? "yes" : "no"}`);
  return { identical, pdfs };
}

async function benchSize(targetPages: number, vivliostyle: string | undefined, stock: boolean): Promise<Row> {
  const dir = path.join(benchDir, `book-${targetPages}`);
  await rm(dir, { recursive: true, force: true });
  const manuscript = path.join(dir, "manuscript");
  const out = path.join(dir, "out");
  const scratch = path.join(dir, "scratch");
  await mkdir(scratch, { recursive: true });
  const book = await generateBook(manuscript, { chapters: Math.max(1, Math.round(targetPages * chaptersPerPage)), paragraphsPerChapter: 20, rich: true });
  log(`${targetPages} pages: ${book.chapterTitles.length} chapters`);
  const build = tsx("scripts/cli.ts", "--manuscript", manuscript, "--out", out, "--quiet");
  // --force: every run of (a) sets the whole book, as the first does.
  const fullBuild = await run("(a) full build", [build[0], [...build[1], "--force"]]);
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ path: string; pages?: number }> };
  const pagesOf = (file: string) => report.outputs.find((output) => output.path === file)?.pages ?? 0;
  const noChangeRebuild = await run("rebuild, nothing changed", build);
  const middle = path.join(manuscript, "chapters", `${String(Math.ceil(book.chapterTitles.length / 2)).padStart(3, "0")}.md`);
  const oneChapterRebuild = await run("rebuild, one chapter edited", build, runs, (index) => appendFile(middle, `\n编辑部补记之${index + 1}：本章数据截至二〇二三年年底。\n`));
  const rebuildPdfs = path.join(dir, "rebuild-pdfs");
  const rebuiltFiles = await keepPdfs(out, rebuildPdfs);
  const pdfsAlone = await run("(b) our two PDFs alone", tsx("bench/typeset-only.ts", manuscript, scratch));
  const floors = [
    { mode: "one after the other", measurement: await run("(c) Chromium floor, one after the other", tsx("bench/chromium-floor.ts", manuscript, scratch)) },
    { mode: "both at once", measurement: await run("(c) Chromium floor, both at once", tsx("bench/chromium-floor.ts", manuscript, scratch, "--together")) },
  ].sort((a, b) => a.measurement.wallMs - b.measurement.wallMs);
  // One run: Vivliostyle takes minutes on a long book, and only its order of magnitude matters here.
  const viv = vivliostyle ? await run("(d) Vivliostyle CLI", tsx("bench/vivliostyle.ts", manuscript, scratch, vivliostyle), 1) : undefined;
  // One run too, both layouts at once (two pagedjs-cli side by side), as (b) and (d) set theirs.
  const stockRun = stock ? await runOrSkip("(e) stock pagedjs-cli", tsx("bench/pagedjs-cli.ts", manuscript, scratch), stockLimitMs) : undefined;
  // (b)–(e) do not touch the manuscript: the full build of (h) sets the text the rebuild set.
  const rebuildCheck = await checkRebuild(manuscript, rebuildPdfs, rebuiltFiles, dir);
  // The preview of the manuscript with the build's findings, as an editor opens it after building;
  // its edits go to the same middle chapter and are taken out again.
  const preview = await measurePreview({ manuscript, out, chapter: middle, edits: runs, log });
  return {
    pages: { horizontal: pagesOf("book-horizontal-screen.pdf"), vertical: pagesOf("book-vertical-screen.pdf") },
    fullBuild,
    noChangeRebuild,
    oneChapterRebuild,
    pdfsAlone,
    floor: { ...floors[0]!.measurement, mode: floors[0]!.mode },
    ...(viv ? { vivliostyle: viv } : {}),
    ...(stockRun ? { stock: stockRun } : {}),
    rebuildSharePercent: (oneChapterRebuild.wallMs / fullBuild.wallMs) * 100,
    rebuildCheck,
    preview,
  };
}

function table(rows: Row[]): string {
  const cell = (measurement: Measurement | Skipped | undefined) =>
    !measurement ? "—" : isSkipped(measurement) ? `skipped: ${measurement.skipped.replaceAll("|", "\\|")}` : `${seconds(measurement.wallMs)} s / ${seconds(measurement.cpuMs)} s / ${gigabytes(measurement.peakPssBytes)} GB`;
  const lines = [
    "| pages (横/竖) | (a) full build | (b) our PDFs alone | (c) Chromium floor | (d) Vivliostyle | (e) stock pagedjs-cli | (a)/(c) | (b)/(c) | (d)/(b) | (e)/(b) | rebuild, no change | rebuild, one chapter edited | (f) preview first page | preview settled | (g) preview edit visible | (h) rebuild share of (a) | PDFs identical |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) =>
      [
        `${row.pages.horizontal} / ${row.pages.vertical}`,
        cell(row.fullBuild),
        cell(row.pdfsAlone),
        cell(row.floor),
        cell(row.vivliostyle),
        cell(row.stock),
        ratio(row.fullBuild, row.floor),
        ratio(row.pdfsAlone, row.floor),
        row.vivliostyle ? ratio(row.vivliostyle, row.pdfsAlone) : "—",
        stockRatio(row.stock, row.pdfsAlone),
        `${seconds(row.noChangeRebuild.wallMs)} s`,
        `${seconds(row.oneChapterRebuild.wallMs)} s (${change(row.oneChapterRebuild, row.fullBuild)})`,
        `${previewSeconds(row.preview.firstPageMs)} (URL after ${seconds(row.preview.serverReadyMs)} s; ${gigabytes(row.preview.peakPssBytes)} GB peak)`,
        settledCell(row.preview),
        `${previewSeconds(row.preview.editVisibleMs)} (settled again ${previewSeconds(row.preview.editSettledMs)})`,
        `${Math.round(row.rebuildSharePercent)} %`,
        rebuildCheckCell(row.rebuildCheck),
      ].join(" | "),
    ).map((line) => `| ${line} |`),
  ];
  return lines.join("\n");
}

const vivliostyle = await findVivliostyle();
if (!vivliostyle) log("Vivliostyle CLI not found (set VIVLIOSTYLE_CLI, or `npm install --no-save @vivliostyle/cli`): column (d) is skipped.");
const rows: Row[] = [];
for (const size of sizes) rows.push(await benchSize(size, peerSizes.includes(size) ? vivliostyle : undefined, stockSizes.includes(size)));
const date = new Date().toISOString().slice(0, 10);
const growth = rows.slice(1).map((row, index) => {
  const previous = rows[index]!;
  const pages = (row.pages.horizontal + row.pages.vertical) / (previous.pages.horizontal + previous.pages.vertical);
  return `${previous.pages.horizontal + previous.pages.vertical} → ${row.pages.horizontal + row.pages.vertical} pages (× ${pages.toFixed(2)}): (a) × ${ratio(row.fullBuild, previous.fullBuild)}, (b) × ${ratio(row.pdfsAlone, previous.pdfsAlone)}, (c) × ${ratio(row.floor, previous.floor)}`;
});
const cpuCounting = rows.every((row) => row.fullBuild.cpuCountedBy === "cgroup") ? "counted by the kernel for a cgroup of each run" : "sampled from /proc, a lower bound (run as root to count it in a cgroup)";
const summary = `Benchmark of ${date} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${gigabytes(os.totalmem())} GB; cells are wall time / CPU time of the whole process tree (${cpuCounting}) / peak memory (PSS) of the whole process tree, of the fastest of ${runs} run(s) ((d), (e): one run; (e) both layouts at once, stopped after ${stockLimitMs / 60_000} min); (e)/(b): how many times faster our two PDFs are than stock pagedjs-cli's; floor = ${rows.map((row) => row.floor.mode).join(", ")}. (f): from opening the preview's URL in Chromium until the page in front has text (its server's time to print the URL apart; peak memory of its server and that Chromium); settled: from opening it until the whole book is laid out, by the page's data-settled († by data-version, from a preview that does not set it); (g): from saving a sentence to the middle chapter until a page shows it, and until the book has settled again, each the fastest of ${runs} edit(s); “not reached”: not within ${previewLimitMs / 1000} s; (h): the one-chapter rebuild's wall time as a share of (a)'s, and whether its PDFs read and look the same, page by page (pdftotext; pdftoppm at 40 dpi), as those of a full build of the same manuscript.\n\n${table(rows)}\n${growth.length ? `\nGrowth: ${growth.join("; ")}\n` : ""}`;
await writeFile(path.join(benchDir, `results-${date}.json`), `${JSON.stringify(rows, (key, value: unknown) => (key === "stderr" ? undefined : value), 2)}\n`);
process.stdout.write(summary);
