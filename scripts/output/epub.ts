import type { VFile } from "vfile";
import { fontStackCss } from "../fonts/font-css.ts";
import type { BuildContext } from "./context.ts";
import { isEpub, stylesheetsFor, type EpubSpec } from "../outputs.ts";
import { composeStyles } from "../render/book-html.ts";
import { bookTextInReadingOrder } from "../render/expected-text.ts";
import type { EpubReport } from "../report/build-report.ts";
import { runEpubcheck } from "../verify/epubcheck.ts";
import { epubSpineHan } from "../verify/epub-text.ts";
import { checkTextCompleteness } from "../verify/text-completeness.ts";
import type { PackagedEpub } from "../epub/archive.ts";
import { epubItems, epubLandmarks } from "../epub/content.ts";
import { hasIndex } from "../render/book-index.ts";
import { subsetFontsForEpub } from "../epub/fonts.ts";
import { loadEpubTemplates, navigationWords, packageEpub } from "../epub/package.ts";

/**
 * Both EPUBs from the same parsed chapters, packaged in table order and checked by one EPUBCheck
 * run. EPUBCheck (3–5 s of CPU when its checker has to start) waits until the layouts are set:
 * while Chromium lays out both, it takes both cores, and after, the PDFs' checks leave one free.
 */
export async function buildEpubs(context: BuildContext, coverPath: string, laidOut: Promise<unknown>): Promise<EpubReport[]> {
  const { config } = context.book;
  const segments = bookTextInReadingOrder(config, context.book.source, context.chapters);
  const templates = await loadEpubTemplates();
  const items = epubItems(config, context.chapters, coverPath);
  const landmarks = epubLandmarks(context.chapters.length, context.book.config.language, hasIndex(context.chapters));
  const { tocTitle, landmarksTitle } = navigationWords(config.language);
  const epubText = items.map((item) => item.title + item.content).join("") + tocTitle + landmarksTitle;
  const embedded = context.embedFonts ? await subsetFontsForEpub(epubText, context.faces, context.workDir) : undefined;
  const packaged: Array<{ spec: EpubSpec; output: VFile; epub: Uint8Array; sourceMarks: PackagedEpub["sourceMarks"]; stagedPath: string }> = [];
  for (const spec of context.outputs.filter(isEpub)) {
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
    laidOut.then(() => runEpubcheck(packaged.map(({ stagedPath, output, sourceMarks }) => ({ path: stagedPath, output, sourceMarks, chapterFiles: context.chapters.map((chapter) => chapter.file) })))),
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
