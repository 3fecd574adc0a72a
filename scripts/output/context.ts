import path from "node:path";
import type { VFile } from "vfile";
import type { LoadedBook } from "../book/load.ts";
import { diagnosticFile } from "../diagnostics.ts";
import type { DeclaredFace } from "../fonts/declared.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { outputsFor, type Layout, type OutputSpec } from "../outputs.ts";
import type { ParsedBook } from "../prepare.ts";
import type { RenderAssets } from "../render/book-html.ts";
import type { RunStage, StageWatch } from "../report/stages.ts";
import type { BookBrowser } from "../typeset/browser.ts";
import type { LayoutProgress } from "../typeset/typeset.ts";
import type { PartCache } from "../typeset/part-cache.ts";
import type { Staging } from "./staging.ts";

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
  /** Chromium, started by the caller while the pipeline's code loads; the build confines it to its folders and closes it. */
  startedBrowser?: Promise<BookBrowser>;
}

/**
 * What every stage of one build is given: the run's options, browser, cache and output folder,
 * which its editions share, and the edition's book with its outputs.
 */
export interface BuildContext {
  options: BuildOptions;
  /** Times and reports a stage; a converted edition's stages are named with its language. */
  stage: RunStage;
  workDir: string;
  staging: Staging;
  browser(): BookBrowser;
  cache?: PartCache;
  assets: RenderAssets;
  pressReady: boolean;
  embedFonts: boolean;
  /** The file an output's messages go on, one for each output however many stages speak of it. */
  outputFile(fileName: string): VFile;
  book: LoadedBook;
  chapters: ParsedChapter[];
  /** The declared faces the book's text needs, of its language's script. */
  faces: DeclaredFace[];
  /** A converted edition's language, which names its outputs; none for the manuscript's. */
  tag?: string;
  /** The edition's outputs: the output table, its names tagged for a converted edition. */
  outputs: readonly OutputSpec[];
}

/** The outputs' files for messages, each added to `files` when first asked for. */
export function outputFiles(outDir: string, files: VFile[]): (fileName: string) => VFile {
  return (fileName) => {
    const filePath = path.join(outDir, fileName);
    const existing = files.find((file) => file.path === filePath);
    if (existing) return existing;
    const file = diagnosticFile(filePath);
    files.push(file);
    return file;
  };
}

/** A converted edition's context: its own book and chapters, its outputs and stages named with its language. */
export function editionContext(context: BuildContext, book: LoadedBook, parsed: ParsedBook): BuildContext {
  const tag = book.config.language;
  return { ...context, book, ...parsed, tag, outputs: outputsFor(tag), stage: (name, run) => context.stage(`${name} ${tag}`, run) };
}
