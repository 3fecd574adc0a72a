import type { VFile } from "vfile";
import { bookWording } from "./render/wording.ts";
import { describeSiteFolder } from "./init/recognise.ts";
import { checkImages } from "./markdown/image-files.ts";
import { loadBook, type LoadedBook } from "./book/load.ts";
import { assertNoErrors } from "./diagnostics.ts";
import { checkFontCoverage, checkFontFiles, facesUsedBy, substituteUncovered } from "./fonts/coverage.ts";
import { hanScriptOf } from "./book/language.ts";
import type { DeclaredFace } from "./fonts/declared.ts";
import { parseChapters, type ChapterMemo, type ParsedChapter } from "./markdown/parse.ts";
import { ignoredKeysSummary } from "./markdown/remark-chapter-meta.ts";
import { addFindings, lintText, type TextFinding } from "./lint/lint.ts";
import type { PartCache } from "./typeset/part-cache.ts";
import { untimed, type RunStage } from "./report/stages.ts";

/**
 * The first half of every way the book is made (build, preview): book.yaml and the chapters
 * loaded and validated, every character checked against the fonts. Messages go on the files,
 * which are added to `files`; an error stops here with a BuildFailure.
 */
export async function loadCheckedBook(manuscriptDir: string, files: VFile[], stage: RunStage = untimed): Promise<LoadedBook> {
  const loaded = await stage("load", () => loadBook({ manuscriptDir, describeFolder: describeSiteFolder }));
  files.push(loaded.source, ...loaded.chapters, ...(loaded.bibliography?.files ?? []), ...(loaded.indexTerms ? [loaded.indexTerms.file] : []));
  const uncovered = await stage("check fonts", () => {
    checkFontFiles(loaded.source);
    assertNoErrors(files);
    return checkFontCoverage(files, loaded.config.uncoveredCharacters, hanScriptOf(loaded.config.language));
  });
  assertNoErrors(files);
  return substituteUncovered(loaded, uncovered);
}

/** The chapters as trees, their images checked, and the faces their text needs. */
export interface ParsedBook {
  chapters: ParsedChapter[];
  faces: DeclaredFace[];
}

/**
 * The second half: the chapters parsed and their images checked; an error stops here with a
 * BuildFailure. `memo` keeps chapters parsed before (the preview's, parse.ts).
 */
export async function parseCheckedBook(book: LoadedBook, files: readonly VFile[], stage: RunStage = untimed, options: { converted?: boolean; memo?: ChapterMemo } = {}): Promise<ParsedBook> {
  const { bibliography, config } = book;
  const citations = bibliography && { bibliography, style: config.citationStyle, references: config.references };
  const chapters = await stage("parse", () => parseChapters(book.chapters, book.manuscriptDir, book.assetsDir, bookWording(config.language), { captions: config, citations, indexTerms: book.indexTerms?.terms, memo: options.memo }));
  await stage("check images", () => checkImages(chapters, book.manuscriptDir));
  // What is said about the manuscript itself is said once, not again for each converted edition.
  if (!options.converted) {
    const ignoredKeys = ignoredKeysSummary(book.chapters);
    if (ignoredKeys) book.source.info(ignoredKeys, { ruleId: "static-site-keys", source: "book" });
  }
  assertNoErrors(files);
  // The config as loaded (a converted edition's texts are converted), not book.yaml's source with its comments.
  const faces = facesUsedBy([JSON.stringify(book.config), ...book.chapters.map((chapter) => String(chapter.value)), ...(bibliography ? [JSON.stringify(bibliography.entries)] : [])], hanScriptOf(book.config.language));
  return { chapters, faces };
}

/**
 * The proofreading of `npm run lint:book`, its findings as warnings on the chapters: the build's
 * (the preview shows pages and leaves it to lint:book). A chapter's findings depend only on its
 * text, the language and the code, so with a part cache they are kept there and a rebuild
 * proofreads only the chapters that changed (a 1,000-page book: 1.0–1.5 s of the build's thread).
 */
export async function proofreadBook(book: LoadedBook, cache?: Pick<PartCache, "artifactKey" | "getArtifact" | "putArtifact">): Promise<void> {
  const { language } = book.config;
  // A chapter the parser refused (nested thousands deep, say) is not parsed a second time to be proofread.
  for (const chapter of book.chapters.filter((file) => !file.messages.some((message) => message.fatal))) {
    const text = String(chapter.value);
    const key = cache?.artifactKey("proofread", language, text);
    const kept = key ? await cache!.getArtifact(key) : undefined;
    const findings = kept ? (JSON.parse(Buffer.from(kept).toString("utf8")) as TextFinding[]) : lintText(text, language);
    if (key && !kept) await cache!.putArtifact(key, Buffer.from(JSON.stringify(findings)));
    addFindings(chapter, findings, false);
  }
}
