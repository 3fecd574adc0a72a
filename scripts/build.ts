import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { VFile } from "vfile";
import { loadEditions } from "./convert/edition.ts";
import { assertNoErrors } from "./diagnostics.ts";
import { drawCover } from "./epub/cover.ts";
import { buildEpubs } from "./output/epub.ts";
import { fontFolders } from "./fonts/declared.ts";
import { editionContext, outputFiles, type BuildContext, type BuildOptions } from "./output/context.ts";
import { buildFailure, dropRejected, openOutputFolder, stageReport } from "./output/folder.ts";
import { lockOutputFolder } from "./output/lock.ts";
import { openPartCache, partCacheSalt } from "./typeset/part-cache.ts";
import { inputsFileName } from "./output/reuse.ts";
import type { Staging } from "./output/staging.ts";
import { layouts, outputsFor } from "./outputs.ts";
import { loadCheckedBook, parseCheckedBook, proofreadBook } from "./prepare.ts";
import { loadRenderAssets } from "./render/assets.ts";
import { buildReport, type BuildResult, type EditionOutputs } from "./report/build-report.ts";
import { checkImageResolution } from "./report/preflight.ts";
import { BuildInterrupted, timedStages, untimed } from "./report/stages.ts";
import { closeBrowser, launchBrowser, whileBrowserWorks, type BookBrowser } from "./typeset/browser.ts";
import { buildPdfs, printJob, typesetLayout } from "./output/pdf.ts";

export { BuildInterrupted };

export async function buildBook(options: BuildOptions): Promise<BuildResult> {
  const startedAt = new Date();
  const files: VFile[] = [];
  const timingsMs: Record<string, number> = {};
  const stage = timedStages(options, timingsMs);
  let staging: Staging | undefined;
  let browser: BookBrowser | undefined;
  let launching = options.startedBrowser?.then((launched) => (browser = launched));
  launching?.catch(() => undefined);
  let workDir: string | undefined;
  let unlock: (() => Promise<void>) | undefined;
  const stopBrowser = () => void closeBrowser(browser);
  options.signal?.addEventListener("abort", stopBrowser);
  try {
    const book = await loadCheckedBook(options.manuscriptDir, files, stage);
    workDir = await mkdtemp(path.join(os.tmpdir(), "cjk-book-"));
    // Chromium starts while the chapters are parsed, if it has not started yet; a manuscript found wrong closes it again.
    const allowedPaths = [workDir, book.manuscriptDir, ...fontFolders];
    const started = launching;
    launching = stage("launch browser", () => started ?? launchBrowser({ allowedPaths })).then((launched) => (browser = { ...launched, allowedPaths }));
    launching.catch(() => undefined);
    const editions = await stage("convert editions", () => loadEditions(book, files));
    assertNoErrors(files);
    const parsed = await parseCheckedBook(book, files, stage);
    const parsedEditions = await Promise.all(editions.map((edition) => parseCheckedBook(edition, files, untimed, { converted: true })));
    staging = await openOutputFolder(options.outDir, files, editions.map((edition) => edition.config.language));
    unlock = await lockOutputFolder(options.outDir);
    // Both layouts are set at once, each in a renderer process of its own, beside the EPUBs: on 2
    // cores a 1,000-page book took 33 s instead of 47 s one layout after the other. Setting a long
    // book in parts keeps the memory of the two renderers down.
    const cache = options.toolsFingerprint
      ? openPartCache({ outDir: options.outDir, workDir, salt: await partCacheSalt(options.toolsFingerprint, parsed.chapters), reuse: options.reuseParts ?? true })
      : undefined;
    await stage("proofread", () => proofreadBook(book, cache));
    if (!book.config.paper) book.source.info("No print cover: give `paper: { thickness: 0.1 }` (millimetres per leaf, from the printer) for book-<layout>-cover.pdf with its spine computed from the page count", { ruleId: "cover", source: "book" });
    await launching;
    const context: BuildContext = {
      options,
      stage,
      workDir,
      staging,
      browser: () => browser!,
      cache,
      assets: await loadRenderAssets(),
      pressReady: options.pressReady || book.config.pressReady,
      embedFonts: options.embedFonts || book.config.embedFonts,
      outputFile: outputFiles(options.outDir, files),
      book,
      ...parsed,
      outputs: outputsFor(),
    };
    // The editions one after the other: each sets both layouts at once already.
    const built: EditionOutputs[] = [await buildEdition(context)];
    for (const [index, edition] of editions.entries()) built.push(await buildEdition(editionContext(context, edition, parsedEditions[index]!)));
    await closeBrowser(browser);
    browser = undefined;
    assertNoErrors(files);
    const imageSources = new Map(parsed.chapters.flatMap((chapter) => chapter.images.map((image) => [path.relative(book.manuscriptDir, image.absolutePath), { file: chapter.file, place: image.position }] as const)));
    if (book.config.cover?.image) imageSources.set(book.config.cover.image, { file: book.source, place: undefined });
    checkImageResolution(built.flatMap((edition) => edition.pdfs), context.pressReady, context.outputFile, (image) => imageSources.get(image));
    assertNoErrors(files);
    const report = buildReport(book, built, files, startedAt, timingsMs);
    await stageReport(staging, report, options.inputFingerprint);
    const published = (await staging.publish()).filter((file) => path.basename(file) !== inputsFileName);
    await dropRejected(options.outDir);
    await cache?.commit();
    return { report, published, files };
  } catch (cause) {
    if (options.signal?.aborted) throw new BuildInterrupted("interrupted");
    throw await buildFailure(cause, files, staging, options, startedAt);
  } finally {
    options.signal?.removeEventListener("abort", stopBrowser);
    await launching?.catch(() => undefined);
    await closeBrowser(browser);
    await staging?.discard();
    await unlock?.();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * One edition's outputs (the manuscript's, or a converted one named with its tag): both layouts'
 * PDFs and covers, typeset at once, beside both EPUBs.
 */
async function buildEdition(context: BuildContext): Promise<EditionOutputs> {
  const { book, stage } = context;
  const job = await printJob(context);
  const typesetting = layouts.map((layout) => typesetLayout(context, job, layout));
  // Awaited by the stages below, which an interrupted build never starts: a failure then must not count as unhandled.
  for (const laidOut of typesetting) laidOut.catch(() => undefined);
  const [pdfReports, epubs] = await Promise.all([
    Promise.all(layouts.map((layout, index) => stage(`pdf ${layout}`, () => buildPdfs(context, job, layout, typesetting[index]!)))),
    stage("epub", async () => {
      const coverPath = book.coverPath ?? (await stage("draw cover", () => whileBrowserWorks(context.browser(), drawCover(context.browser(), job.design, context.workDir, job.fonts, context.cache), "drawing the cover")));
      return buildEpubs(context, coverPath, Promise.allSettled(typesetting));
    }),
  ]);
  const { language } = book.config;
  return { pdfs: pdfReports.flat().map((report) => ({ ...report, language })), epubs: epubs.map((report) => ({ ...report, language })), typesetting: job.typesetting };
}
