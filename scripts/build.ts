import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { VFile } from "vfile";
import { checkImages } from "./book/images.ts";
import { loadBook, type LoadedBook } from "./book/load.ts";
import { assertNoErrors, BuildFailure, diagnosticFile } from "./diagnostics.ts";
import { epubItems } from "./epub/content.ts";
import { drawCover } from "./epub/cover.ts";
import { subsetFontsForEpub } from "./epub/fonts.ts";
import { loadEpubTemplates, packageEpub } from "./epub/package.ts";
import { checkFontCoverage, declaredPostscriptNames } from "./fonts/coverage.ts";
import { fontFolders } from "./fonts/declared.ts";
import { parseChapters, type ParsedChapter } from "./markdown/parse.ts";
import { createStaging, type Staging } from "./output/staging.ts";
import { isEpub, isPdf, outputTable, reportFileName, type EpubSpec, type PdfSpec } from "./outputs.ts";
import { loadRenderAssets } from "./render/assets.ts";
import { bookTextInReadingOrder, composeStyles, renderBookHtml, type RenderAssets } from "./render/book-html.ts";
import { pageGeometry } from "./render/page-css.ts";
import { closeBrowser, launchBrowser, type PagedPrinter } from "./typeset/browser.ts";
import { typesetPdf } from "./typeset/paged.ts";
import { setPdfMetadata } from "./typeset/pdf-metadata.ts";
import { runEpubcheck, type EpubcheckResult } from "./verify/epubcheck.ts";
import { epubSpineHan } from "./verify/epub-text.ts";
import { checkMargins } from "./verify/page-margins.ts";
import { checkPdfFonts, readPdfFonts, type PdfFont } from "./verify/pdf-fonts.ts";
import { checkPdfImages, countPdfImages } from "./verify/pdf-images.ts";
import { readPdfWords } from "./verify/pdf-text.ts";
import { checkTextCompleteness, pdfBodyHan, type CompletenessResult } from "./verify/text-completeness.ts";

export interface BuildOptions {
  manuscriptDir: string;
  outDir: string;
  /** Embed subset fonts in the EPUBs (also `embedFonts: true` in book.yaml). */
  embedFonts?: boolean;
  /** Told of each stage as it starts, for progress output. */
  onStage?: (stage: string) => void;
}

interface OutputReportBase {
  layout: PdfSpec["layout"];
  path: string;
  bytes: number;
  text: CompletenessResult;
}

export interface PdfReport extends OutputReportBase {
  format: "pdf";
  pages: number;
  fonts: PdfFont[];
  /** Images placed in the PDF. */
  images: number;
  outsideTextArea: number;
}

export interface EpubReport extends OutputReportBase {
  format: "epub";
  epubcheck: EpubcheckResult;
  embeddedFonts: string[];
}

export interface BuildReport {
  title: string;
  builtAt: string;
  outputs: Array<PdfReport | EpubReport>;
  warnings: string[];
  timingsMs: Record<string, number>;
}

export interface BuildResult {
  report: BuildReport;
  published: string[];
  /** Every file with messages (warnings included), for the reporter. */
  files: VFile[];
}

/** What every output of one build shares. */
interface BuildContext {
  book: LoadedBook;
  chapters: ParsedChapter[];
  assets: RenderAssets;
  workDir: string;
  staging: Staging;
  outputFile(fileName: string): VFile;
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
    staging = await createStaging(options.outDir);
    workDir = await mkdtemp(path.join(os.tmpdir(), "cjk-book-"));
    const context: BuildContext = {
      book,
      chapters,
      assets: await loadRenderAssets(),
      workDir,
      staging,
      outputFile(fileName) {
        const file = diagnosticFile(path.join(options.outDir, fileName));
        files.push(file);
        return file;
      },
    };
    const outputs: Array<PdfReport | EpubReport> = [];
    printer = await stage("launch browser", () => launchBrowser({ allowedPaths: [workDir!, book.manuscriptDir, ...fontFolders] }));
    for (const spec of outputTable.filter(isPdf)) {
      outputs.push(await stage(`pdf ${spec.layout}`, () => buildPdf(context, spec, printer!)));
      assertNoErrors(files);
    }
    const coverPath = book.coverPath ?? (await stage("draw cover", () => drawCover(printer!, book.config, workDir!)));
    await closeBrowser(printer);
    printer = undefined;
    const epubSpecs = outputTable.filter(isEpub);
    const embedFonts = options.embedFonts || book.config.embedFonts;
    outputs.push(...(await stage("epub", () => buildEpubs(context, epubSpecs, coverPath, embedFonts))));
    assertNoErrors(files);
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

async function buildPdf(context: BuildContext, spec: PdfSpec, printer: PagedPrinter): Promise<PdfReport> {
  const { config } = context.book;
  const output = context.outputFile(spec.fileName);
  const html = renderBookHtml({ config, chapters: context.chapters, spec }, context.assets);
  const printed = await typesetPdf(printer, html, context.workDir, spec.layout);
  const pdf = await setPdfMetadata(printed, config, spec.direction, new Date());
  const stagedPath = await context.staging.write(spec.fileName, pdf.bytes);
  const geometry = pageGeometry(config.page);
  const area = {
    top: geometry.top * millimetresToPoints,
    bottom: geometry.bottom * millimetresToPoints,
    side: Math.min(geometry.inner, geometry.outer) * millimetresToPoints,
  };
  const pages = await readPdfWords(stagedPath);
  const text = checkTextCompleteness(bookTextInReadingOrder(config, context.book.source, context.chapters), pdfBodyHan(pages, spec.layout, area), output);
  const outsideTextArea = checkMargins(pages, spec.layout, area, [config.title, ...context.chapters.map((chapter) => chapter.title)], output);
  const fonts = await readPdfFonts(stagedPath);
  checkPdfFonts(fonts, declaredPostscriptNames(), output);
  const images = await countPdfImages(stagedPath);
  checkPdfImages(images, context.chapters.reduce((sum, chapter) => sum + chapter.images.length, 0), output);
  return { format: "pdf", layout: spec.layout, path: spec.fileName, pages: pdf.pages, bytes: pdf.bytes.length, fonts, images, text, outsideTextArea };
}

/** Both EPUBs from the same parsed chapters, packaged in table order; EPUBCheck runs on them side by side. */
async function buildEpubs(context: BuildContext, specs: readonly EpubSpec[], coverPath: string, embedFonts: boolean): Promise<EpubReport[]> {
  const { config } = context.book;
  const segments = bookTextInReadingOrder(config, context.book.source, context.chapters);
  const templates = await loadEpubTemplates();
  const epubText = epubItems(config, context.chapters, coverPath, "horizontal").map((item) => item.title + item.content).join("") + "目录导览";
  const embedded = embedFonts ? await subsetFontsForEpub(epubText, context.workDir) : undefined;
  const packaged: Array<{ spec: EpubSpec; output: VFile; epub: Uint8Array; stagedPath: string }> = [];
  for (const spec of specs) {
    const output = context.outputFile(spec.fileName);
    const epub = await packageEpub({
      config,
      chapters: context.chapters,
      spec,
      templates,
      css: [embedded?.css ?? "", composeStyles(context.assets, spec.stylesheets, config)].join("\n"),
      coverPath,
      sourceDate: context.book.sourceDate,
      fonts: embedded?.fonts ?? [],
      onWarning: (message) => output.message(`epub-gen-memory: ${message}`),
    });
    packaged.push({ spec, output, epub, stagedPath: await context.staging.write(spec.fileName, epub) });
  }
  return Promise.all(
    packaged.map(async ({ spec, output, epub, stagedPath }) => {
      const text = checkTextCompleteness(segments, await epubSpineHan(epub), output);
      const epubcheck = await runEpubcheck(stagedPath, output);
      return { format: "epub" as const, layout: spec.layout, path: spec.fileName, bytes: epub.length, text, epubcheck, embeddedFonts: embedded?.fonts.map((font) => font.filename) ?? [] };
    }),
  );
}
