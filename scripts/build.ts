import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { VFile } from "vfile";
import { checkImages } from "./book/images.ts";
import { loadBook, type LoadedBook } from "./book/load.ts";
import { assertNoErrors, BuildFailure, diagnosticFile } from "./diagnostics.ts";
import { fontFolders } from "./fonts/declared.ts";
import { checkFontCoverage, declaredPostscriptNames } from "./fonts/coverage.ts";
import { parseChapters, type ParsedChapter } from "./markdown/parse.ts";
import { createStaging, type Staging } from "./output/staging.ts";
import { outputTable, reportFileName, type OutputSpec } from "./outputs.ts";
import { loadRenderAssets } from "./render/assets.ts";
import { bookTextInReadingOrder, renderBookHtml, type RenderAssets } from "./render/book-html.ts";
import { pageGeometry } from "./render/page-css.ts";
import { closeBrowser, launchBrowser, type PagedPrinter } from "./typeset/browser.ts";
import { typesetPdf } from "./typeset/paged.ts";
import { setPdfMetadata } from "./typeset/pdf-metadata.ts";
import { checkPdfFonts, readPdfFonts, type PdfFont } from "./verify/pdf-fonts.ts";
import { checkMargins } from "./verify/page-margins.ts";
import { readPdfWords } from "./verify/pdf-text.ts";
import { checkTextCompleteness, type CompletenessResult } from "./verify/text-completeness.ts";

export interface BuildOptions {
  manuscriptDir: string;
  outDir: string;
  /** Told of each stage as it starts, for progress output. */
  onStage?: (stage: string) => void;
}

export interface OutputReport {
  format: OutputSpec["format"];
  layout: OutputSpec["layout"];
  path: string;
  pages: number;
  bytes: number;
  fonts: PdfFont[];
  text: CompletenessResult & { outsideTextArea: number };
}

export interface BuildReport {
  title: string;
  builtAt: string;
  outputs: OutputReport[];
  warnings: string[];
  timingsMs: Record<string, number>;
}

export interface BuildResult {
  report: BuildReport;
  published: string[];
  /** Every file with messages (warnings included), for the reporter. */
  files: VFile[];
}

const millimetresToPoints = 72 / 25.4;

export async function buildBook(options: BuildOptions): Promise<BuildResult> {
  const files: VFile[] = [];
  const timingsMs: Record<string, number> = {};
  const stage = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    options.onStage?.(name);
    const started = performance.now();
    try {
      return await run();
    } finally {
      timingsMs[name] = Math.round(performance.now() - started);
    }
  };
  let staging: Staging | undefined;
  let printer: PagedPrinter | undefined;
  let workDir: string | undefined;
  try {
    const book = await stage("load", () => loadBook({ manuscriptDir: options.manuscriptDir }));
    files.push(book.source, ...book.chapters);
    const chapters = await stage("parse", () => parseChapters(book.chapters, book.manuscriptDir));
    await stage("check images", () => checkImages(chapters, book.manuscriptDir));
    await stage("check fonts", () => checkFontCoverage(files));
    assertNoErrors(files);
    const assets = await loadRenderAssets();
    staging = await createStaging(options.outDir);
    workDir = await mkdtemp(path.join(os.tmpdir(), "cjk-book-"));
    printer = await stage("launch browser", () => launchBrowser({ allowedPaths: [workDir!, book.manuscriptDir, ...fontFolders] }));
    const outputs: OutputReport[] = [];
    for (const spec of outputTable) {
      const output = diagnosticFile(path.join(options.outDir, spec.fileName));
      files.push(output);
      outputs.push(await stage(`${spec.format} ${spec.layout}`, () => buildPdf({ book, chapters, spec, assets, printer: printer!, workDir: workDir!, staging: staging!, output })));
      assertNoErrors(files);
    }
    const report: BuildReport = {
      title: book.config.title,
      builtAt: new Date().toISOString(),
      outputs,
      warnings: files.flatMap((file) => file.messages.filter((message) => !message.fatal).map(String)),
      timingsMs,
    };
    await staging.write(reportFileName, `${JSON.stringify(report, null, 2)}\n`);
    const published = await staging.publish();
    return { report, published, files };
  } catch (cause) {
    if (cause instanceof BuildFailure) throw new BuildFailure(files.length ? files : cause.files);
    throw cause;
  } finally {
    await closeBrowser(printer);
    await staging?.discard();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

interface PdfJob {
  book: LoadedBook;
  chapters: ParsedChapter[];
  spec: OutputSpec;
  assets: RenderAssets;
  printer: PagedPrinter;
  workDir: string;
  staging: Staging;
  output: VFile;
}

async function buildPdf(job: PdfJob): Promise<OutputReport> {
  const { config } = job.book;
  const html = renderBookHtml({ config, chapters: job.chapters, spec: job.spec }, job.assets);
  const printed = await typesetPdf(job.printer, html, job.workDir, job.spec.layout);
  const pdf = await setPdfMetadata(printed, config, job.spec.direction, new Date());
  const stagedPath = await job.staging.write(job.spec.fileName, pdf.bytes);
  const geometry = pageGeometry(config.page);
  const area = {
    top: geometry.top * millimetresToPoints,
    bottom: geometry.bottom * millimetresToPoints,
    side: Math.min(geometry.inner, geometry.outer) * millimetresToPoints,
  };
  const pages = await readPdfWords(stagedPath);
  const text = checkTextCompleteness(bookTextInReadingOrder(config, job.book.source, job.chapters), pages, job.spec.layout, area, job.output);
  const outsideTextArea = checkMargins(pages, job.spec.layout, area, [config.title, ...job.chapters.map((chapter) => chapter.title)], job.output);
  const fonts = await readPdfFonts(stagedPath);
  checkPdfFonts(fonts, declaredPostscriptNames(), job.output);
  return { format: job.spec.format, layout: job.spec.layout, path: job.spec.fileName, pages: pdf.pages, bytes: pdf.bytes.length, fonts, text: { ...text, outsideTextArea } };
}
