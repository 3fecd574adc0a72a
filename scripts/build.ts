import { mkdtemp, readFile, rm } from "node:fs/promises";
import { PDFDocument } from "pdf-lib";
import os from "node:os";
import path from "node:path";
import type { VFile } from "vfile";
import type { LoadedBook } from "./book/load.ts";
import { assertNoErrors, diagnosticFile } from "./diagnostics.ts";
import { epubItems, epubLandmarks } from "./epub/content.ts";
import { coverCharacters, coverDesign, makeCover, type CoverReport } from "./cover/make.ts";
import { drawCover } from "./epub/cover.ts";
import { subsetFontsForEpub } from "./epub/fonts.ts";
import type { PackagedEpub } from "./epub/archive.ts";
import { loadEpubTemplates, packageEpub } from "./epub/package.ts";
import { declaredPostscriptNames } from "./fonts/coverage.ts";
import { fontFolders, fontStackCss, type DeclaredFace } from "./fonts/declared.ts";
import { subsetFontsForPrint } from "./fonts/print-subset.ts";
import type { ParsedChapter } from "./markdown/parse.ts";
import { lockOutputFolder } from "./output/lock.ts";
import { openPartCache, partCacheSalt, type PartCache } from "./output/part-cache.ts";
import { inputsFileName } from "./output/reuse.ts";
import { buildFailure, dropRejected, openOutputFolder } from "./output/folder.ts";
import type { Staging } from "./output/staging.ts";
import { loadCheckedBook, parseCheckedBook, type ParsedBook } from "./prepare.ts";
import { buildReport, stageReport, type EditionOutputs, type EpubReport, type PdfReport, type BuildReport, type BuildResult } from "./report/build-report.ts";
import { BuildInterrupted, timedStages, untimed, type RunStage, type StageWatch } from "./report/stages.ts";
import { loadEditions } from "./convert/edition.ts";
import { isEpub, isPdf, layouts, layoutTable, outputsFor, stylesheetsFor, type EpubSpec, type Layout, type OutputSpec, type PdfEdition, type PdfSpec } from "./outputs.ts";
import { checkImageResolution, lowResolutionImages } from "./report/preflight.ts";
import { loadRenderAssets } from "./render/assets.ts";
import { bookTextInReadingOrder, composeStyles, printedText, renderBookParts, runningHeadTexts, type BookPart, type PageNumbers, type RenderAssets } from "./render/book-html.ts";
import { pageGeometry } from "./render/page-css.ts";
import { closeBrowser, launchBrowser, whileBrowserWorks, type BookBrowser } from "./typeset/browser.ts";
import { typesetPdf, type LayoutProgress, type TypesetPdf } from "./typeset/typeset.ts";
import { setPdfMetadata } from "./typeset/pdf-metadata.ts";
import { pdfxOf } from "./typeset/pdfx.ts";
import { makePrintEdition, millimetresToPoints } from "./typeset/print-edition.ts";
import { runEpubcheck } from "./verify/epubcheck.ts";
import { epubSpineHan } from "./verify/epub-text.ts";
import { checkColophonFigures } from "./verify/colophon-figures.ts";
import { checkMargins } from "./verify/page-margins.ts";
import { checkPageReferences } from "./verify/page-references.ts";
import { checkPdfFonts, readPdfFonts } from "./verify/pdf-fonts.ts";
import { checkPrintBoxes, checkSamePages, readPdfFacts } from "./verify/pdf-boxes.ts";
import { findRgbContent } from "./verify/pdf-colour.ts";
import { checkPdfImages, rasterFigures, readPdfImages } from "./verify/pdf-images.ts";
import { checkPdfx } from "./verify/pdfx.ts";
import { compareTextLayers } from "./verify/text-layer.ts";
import { readPdfWords } from "./verify/pdf-text.ts";
import { checkPrintedText, checkTextCompleteness, pdfBodyText, type TextArea } from "./verify/text-completeness.ts";

export interface BuildOptions extends StageWatch {
  manuscriptDir: string;
  outDir: string;
  /** Embed subset fonts in the EPUBs (also `embedFonts: true` in book.yaml). */
  embedFonts?: boolean;
  /** Also write PDF/X files of the print editions (also `pressReady: true` in book.yaml). */
  pressReady?: boolean;
  /** Told how far Paged.js has got with a layout. */
  onLayoutProgress?: (layout: Layout, progress: LayoutProgress) => void;
  /** Recorded beside the outputs, so that a build from the same inputs can reuse them. */
  inputFingerprint?: string;
  /** The pipeline's code, styles, fonts and Chromium: with it, parts of the book typeset by earlier builds are cached. */
  toolsFingerprint?: string;
  /** Whether cached parts may be used (false with --force; they are still cached). */
  reuseParts?: boolean;
}

/** What every output of one build shares. */
interface BuildContext {
  book: LoadedBook;
  chapters: ParsedChapter[];
  /** The declared faces the book's text needs, of its language's script. */
  faces: DeclaredFace[];
  assets: RenderAssets;
  workDir: string;
  staging: Staging;
  /** The edition's outputs: the output table, its names tagged for a converted edition. */
  outputs: readonly OutputSpec[];
  outputFile(fileName: string): VFile;
}

/** What the editions of one build share: the run's stages, files, browser, cache and output folder. */
interface SharedBuild {
  options: BuildOptions;
  files: VFile[];
  stage: RunStage;
  workDir: string;
  staging: Staging;
  browser(): BookBrowser;
  cache?: PartCache;
  assets: RenderAssets;
  pressReady: boolean;
  embedFonts: boolean;
  outputFile(fileName: string): VFile;
}

export { BuildInterrupted };

export async function buildBook(options: BuildOptions): Promise<BuildResult> {
  const startedAt = new Date();
  const files: VFile[] = [];
  const timingsMs: Record<string, number> = {};
  const stage = timedStages(options, timingsMs);
  let staging: Staging | undefined;
  let browser: BookBrowser | undefined;
  let launching: Promise<BookBrowser> | undefined;
  let workDir: string | undefined;
  let unlock: (() => Promise<void>) | undefined;
  const stopBrowser = () => void closeBrowser(browser);
  options.signal?.addEventListener("abort", stopBrowser);
  try {
    const book = await loadCheckedBook(options.manuscriptDir, files, stage);
    workDir = await mkdtemp(path.join(os.tmpdir(), "cjk-book-"));
    // Chromium starts while the chapters are parsed; a manuscript found wrong closes it again.
    launching = stage("launch browser", () => launchBrowser({ allowedPaths: [workDir!, book.manuscriptDir, ...fontFolders] })).then((launched) => (browser = launched));
    launching.catch(() => undefined);
    const editions = await stage("convert editions", () => loadEditions(book, files));
    assertNoErrors(files);
    const parsed = await parseCheckedBook(book, files, stage);
    const parsedEditions = await Promise.all(editions.map((edition) => parseCheckedBook(edition, files, untimed, { converted: true })));
    staging = await openOutputFolder(options.outDir, files, editions.map((edition) => edition.config.language));
    unlock = await lockOutputFolder(options.outDir);
    const outputFile = (fileName: string) => {
      const filePath = path.join(options.outDir, fileName);
      const existing = files.find((file) => file.path === filePath);
      if (existing) return existing;
      const file = diagnosticFile(filePath);
      files.push(file);
      return file;
    };
    const pressReady = options.pressReady || book.config.pressReady;
    const embedFonts = options.embedFonts || book.config.embedFonts;
    // Both layouts are set at once, each in a renderer process of its own, beside the EPUBs: on 2
    // cores a 1,000-page book took 33 s instead of 47 s one layout after the other. Setting a long
    // book in parts keeps the memory of the two renderers down.
    const cache = options.toolsFingerprint
      ? openPartCache({ outDir: options.outDir, workDir, salt: await partCacheSalt(options.toolsFingerprint, parsed.chapters), reuse: options.reuseParts ?? true })
      : undefined;
    if (!book.config.paper) book.source.info("No print cover: give `paper: { thickness: 0.1 }` (millimetres per leaf, from the printer) for book-<layout>-cover.pdf with its spine computed from the page count", { ruleId: "cover", source: "book" });
    await launching;
    const shared: SharedBuild = { options, files, stage, workDir, staging, browser: () => browser!, cache, assets: await loadRenderAssets(), pressReady, embedFonts, outputFile };
    // The editions one after the other: each sets both layouts at once already.
    const built: EditionOutputs[] = [await buildEdition(shared, book, parsed)];
    for (const [index, edition] of editions.entries()) built.push(await buildEdition(shared, edition, parsedEditions[index]!, edition.config.language));
    await closeBrowser(browser);
    browser = undefined;
    assertNoErrors(files);
    const pdfs = built.flatMap((edition) => edition.pdfs);
    const imageSources = new Map(parsed.chapters.flatMap((chapter) => chapter.images.map((image) => [path.relative(book.manuscriptDir, image.absolutePath), { file: chapter.file, place: image.position }] as const)));
    if (book.config.cover?.image) imageSources.set(book.config.cover.image, { file: book.source, place: undefined });
    checkImageResolution(pdfs, pressReady, outputFile, (image) => imageSources.get(image));
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
 * One edition's outputs (the manuscript's, or a converted one named with its `tag`): both layouts'
 * PDFs and covers, typeset at once, beside both EPUBs.
 */
async function buildEdition(shared: SharedBuild, book: LoadedBook, { chapters, faces }: ParsedBook, tag?: string): Promise<EditionOutputs> {
  const { options, stage, workDir, pressReady } = shared;
  const named = (name: string) => (tag ? `${name} ${tag}` : name);
  const context: BuildContext = { book, chapters, faces, assets: shared.assets, workDir, staging: shared.staging, outputs: outputsFor(tag), outputFile: shared.outputFile };
  const partsOf = Object.fromEntries(layouts.map((layout) => [layout, renderBookParts({ config: book.config, chapters, layout, faces }, context.assets)])) as Record<Layout, BookPart[]>;
  const fonts = await stage(named("subset fonts"), () => subsetFontsForPrint([...Object.values(partsOf).flat().map((part) => part.html), coverCharacters(book.config)], faces));
  const design = await coverDesign(book.config, book.coverPath, faces);
  const cover = (layout: Layout, printPages: number) => {
    const fileOf = (edition: PdfEdition) => {
      const { fileName } = context.outputs.find((spec) => spec.layout === layout && spec.edition === edition)!;
      return { fileName, output: context.outputFile(fileName) };
    };
    const files = { cover: fileOf("cover"), ...(pressReady ? { pdfx: fileOf("cover-pdfx") } : {}) };
    return stage(named(`cover ${layout}`), () => makeCover({ design, layout, printPages, browser: shared.browser(), fonts, workDir, source: book.source, files, write: (name, bytes) => shared.staging.write(name, bytes) }));
  };
  const typesetting: BuildReport["typesetting"] = {};
  const typeset = async (layout: Layout) => {
    const parts = partsOf[layout];
    // An edition's progress is not shown: the progress line counts the manuscript's layouts.
    const onProgress = tag ? undefined : (progress: LayoutProgress) => options.onLayoutProgress?.(layout, progress);
    const pdf = await typesetPdf(shared.browser(), parts, { workDir, name: tag ? `${tag}-${layout}` : layout, tagged: book.config.taggedPdf, fonts, cache: shared.cache, onProgress });
    typesetting[named(layout)] = { parts: parts.length, reused: pdf.partsReused, pagesSetAgain: pdf.pagesSetAgain };
    return pdf;
  };
  const [pdfReports, epubs] = await Promise.all([
    Promise.all(layouts.map((layout) => stage(named(`pdf ${layout}`), () => buildPdfs(context, layout, typeset, pressReady, book.config.paper ? cover : undefined)))),
    stage(named("epub"), async () => {
      const coverPath = book.coverPath ?? (await stage(named("draw cover"), () => whileBrowserWorks(shared.browser(), drawCover(shared.browser(), design, workDir, fonts), "drawing the cover")));
      return buildEpubs(context, context.outputs.filter(isEpub), coverPath, shared.embedFonts);
    }),
  ]);
  const { language } = book.config;
  return { pdfs: pdfReports.flat().map((report) => ({ ...report, language })), epubs: epubs.map((report) => ({ ...report, language })), typesetting };
}

/**
 * One layout's PDFs: the book is typeset once (the screen edition); the print edition and, with
 * --press-ready, its PDF/X are made from that, and each file passes the same checks. The checks
 * run in poppler's processes while this one makes the next edition.
 */
async function buildPdfs(
  context: BuildContext,
  layout: Layout,
  typesetLayout: (layout: Layout) => Promise<TypesetPdf>,
  pressReady: boolean,
  makeCoverFor?: (layout: Layout, printPages: number) => Promise<CoverReport[]>,
): Promise<Array<PdfReport | CoverReport>> {
  const { config } = context.book;
  const specOf = (edition: PdfEdition) => context.outputs.filter(isPdf).find((spec) => spec.layout === layout && spec.edition === edition)!;
  const typeset = await typesetLayout(layout);
  const screenSpec = specOf("screen");
  checkPageReferences(typeset.document, typeset.pageReferences, context.outputFile(screenSpec.fileName));
  const document = setPdfMetadata(typeset, config, layoutTable[layout].direction, new Date());
  await context.staging.write(screenSpec.fileName, await document.save());
  const screenVerified = verifyPdf(context, screenSpec, 0, typeset.pageReferences);
  // Awaited below; until then a failure must not count as unhandled.
  screenVerified.catch(() => undefined);
  const print = await makePrintEdition(document, { trimMm: [config.page.widthMm, config.page.heightMm], bleedMm: config.bleed, pageMultiple: config.pageMultiple });
  const printSpec = specOf("print");
  await context.staging.write(printSpec.fileName, print.bytes);
  await checkColophonFigures(context.staging.pathFor(printSpec.fileName), config, layout, context.outputFile(printSpec.fileName));
  const cover = makeCoverFor?.(layout, document.getPageCount());
  // Awaited below; until then a failure must not count as unhandled.
  cover?.catch(() => undefined);
  const verified = [{ pdf: await screenVerified, blankPagesAdded: 0 }, { pdf: await verifyPdf(context, printSpec, print.trimOffset, typeset.pageReferences, screenVerified), blankPagesAdded: print.blankPagesAdded }];
  if (pressReady) {
    const pdfxSpec = specOf("pdfx");
    const [printPath, pdfxPath] = [context.staging.pathFor(printSpec.fileName), context.staging.pathFor(pdfxSpec.fileName)];
    await context.staging.write(pdfxSpec.fileName, await pdfxOf(printPath, context.workDir, config.title));
    const pdfx = await verifyPdf(context, pdfxSpec, print.trimOffset, typeset.pageReferences);
    await compareTextLayers(printPath, pdfxPath, pdfx.output);
    verified.push({ pdf: pdfx, blankPagesAdded: print.blankPagesAdded });
  }
  return [...verified.map(({ pdf, blankPagesAdded }) => ({ ...pdf.report, blankPagesAdded })), ...((await cover) ?? [])];
}

/** A PDF's report, its document as read back (for a PDF derived from it), and the file its messages go to. */
interface VerifiedPdf {
  report: Omit<PdfReport, "blankPagesAdded">;
  document: PDFDocument;
  output: VFile;
}

/**
 * The checks every PDF passes before it may replace the previous build's. A PDF `derivedFrom` an
 * already verified one by new page boxes (the print edition) is checked to draw every page of that
 * one unchanged instead of having every glyph's position read again; its pages' fonts and images
 * are the same objects, so they are not listed again either. `pageNumbers` are the pages the layout
 * printed in its page references.
 */
async function verifyPdf(context: BuildContext, spec: PdfSpec, trimOffset: number, pageNumbers: PageNumbers, derivedFrom?: Promise<VerifiedPdf>): Promise<VerifiedPdf> {
  const { config } = context.book;
  const output = context.outputFile(spec.fileName);
  const pdfPath = context.staging.pathFor(spec.fileName);
  const bytes = new Uint8Array(await readFile(pdfPath));
  const geometry = pageGeometry(config.page);
  const area = {
    top: trimOffset + geometry.top * millimetresToPoints,
    bottom: trimOffset + geometry.bottom * millimetresToPoints,
    side: trimOffset + Math.min(geometry.inner, geometry.outer) * millimetresToPoints,
  };
  // Poppler reads the file while pdf-lib reads it here, once for every check that needs its objects.
  const loading = PDFDocument.load(bytes, { updateMetadata: false });
  const reading = derivedFrom ? undefined : readContents(context, spec, pdfPath, loading, area, pageNumbers, output);
  // Awaited below; until then a failure must not count as unhandled.
  reading?.catch(() => undefined);
  const document = await loading;
  const facts = readPdfFacts(document);
  const { text, outsideTextArea, fonts, lowResolutionImages } = derivedFrom
    ? await derivedFrom.then((original) => (checkSamePages(original.document, document, output), original.report))
    : await reading!;
  const trimMm: [number, number] = [config.page.widthMm, config.page.heightMm];
  if (spec.edition !== "screen") checkPrintBoxes(document, trimMm, config.bleed, output);
  const rgbContent = spec.edition === "pdfx" ? findRgbContent(document) : undefined;
  if (spec.edition === "pdfx") checkPdfx(facts, rgbContent!, output);
  const report: Omit<PdfReport, "blankPagesAdded"> = {
    format: "pdf",
    layout: spec.layout,
    edition: spec.edition,
    path: spec.fileName,
    pages: facts.pages,
    bytes: bytes.length,
    trimMm: facts.trimMm,
    bleedMm: facts.bleedMm,
    bookmarks: facts.outlineEntries,
    fonts,
    lowResolutionImages,
    ...(rgbContent ? { rgbContent, pdfxVersion: facts.pdfxVersion ?? "" } : {}),
    text,
    outsideTextArea,
  };
  return { report, document, output };
}

/** What a PDF carries, read and checked: its text (complete, inside the text area), fonts and images. */
async function readContents(context: BuildContext, spec: PdfSpec, pdfPath: string, document: Promise<PDFDocument>, area: TextArea, pageNumbers: PageNumbers, output: VFile): Promise<Pick<PdfReport, "text" | "outsideTextArea" | "fonts" | "lowResolutionImages">> {
  const { config } = context.book;
  const [pages, fonts, images] = await Promise.all([readPdfWords(pdfPath), readPdfFonts(pdfPath), document.then((loaded) => readPdfImages(pdfPath, loaded))]);
  const text = checkPrintedText(printedText(config, context.book.source, context.chapters, spec.layout, pageNumbers), pdfBodyText(pages, spec.layout, area), output);
  const outsideTextArea = checkMargins(pages, spec.layout, area, runningHeadTexts(config, context.chapters), output);
  checkPdfFonts(fonts, declaredPostscriptNames(), output);
  const figures = rasterFigures(context.chapters, context.book.manuscriptDir);
  checkPdfImages(images.length, figures.length, output);
  return { text, outsideTextArea, fonts, lowResolutionImages: lowResolutionImages(images, figures) };
}

/** Both EPUBs from the same parsed chapters, packaged in table order and checked by one EPUBCheck run. */
async function buildEpubs(context: BuildContext, specs: readonly EpubSpec[], coverPath: string, embedFonts: boolean): Promise<EpubReport[]> {
  const { config } = context.book;
  const segments = bookTextInReadingOrder(config, context.book.source, context.chapters);
  const templates = await loadEpubTemplates();
  const items = epubItems(config, context.chapters, coverPath);
  const landmarks = epubLandmarks(context.chapters.length, context.book.config.language);
  const epubText = items.map((item) => item.title + item.content).join("") + "目录导览";
  const embedded = embedFonts ? await subsetFontsForEpub(epubText, context.faces, context.workDir) : undefined;
  const packaged: Array<{ spec: EpubSpec; output: VFile; epub: Uint8Array; sourceMarks: PackagedEpub["sourceMarks"]; stagedPath: string }> = [];
  for (const spec of specs) {
    const output = context.outputFile(spec.fileName);
    const { bytes: epub, sourceMarks } = await packageEpub({
      config,
      items,
      landmarks,
      layout: spec.layout,
      templates,
      css: [embedded?.css ?? "", fontStackCss(), composeStyles(context.assets, stylesheetsFor("epub", spec.layout), config)].join("\n"),
      coverPath,
      sourceDate: context.book.sourceDate,
      fonts: embedded?.fonts ?? [],
      onWarning: (message) => output.message(`epub-gen-memory: ${message}`),
    });
    packaged.push({ spec, output, epub, sourceMarks, stagedPath: await context.staging.write(spec.fileName, epub) });
  }
  const [texts, epubchecks] = await Promise.all([
    Promise.all(packaged.map(async ({ output, epub }) => checkTextCompleteness(segments, await epubSpineHan(epub), output))),
    runEpubcheck(packaged.map(({ stagedPath, output, sourceMarks }) => ({ path: stagedPath, output, sourceMarks, chapterFiles: context.chapters.map((chapter) => chapter.file) }))),
  ]);
  return packaged.map(({ spec, epub }, index) => ({
    format: "epub" as const,
    edition: spec.edition,
    layout: spec.layout,
    path: spec.fileName,
    bytes: epub.length,
    text: texts[index]!,
    epubcheck: epubchecks[index]!,
    embeddedFonts: embedded?.fonts.map((font) => font.filename) ?? [],
  }));
}
