import path from "node:path";
import type { VFile } from "vfile";
import type { LoadedBook } from "../book/load.ts";
import { diagnosticsOf, type Diagnostic } from "../diagnostics.ts";
import type { Layout, PdfEdition } from "../outputs.ts";
import type { EpubcheckResult } from "../verify/epubcheck.ts";
import type { PdfFont } from "../verify/pdf-fonts.ts";
import type { CompletenessResult } from "../verify/text-completeness.ts";
import { preflightRows, type LoneCharacterCount, type PreflightInput, type PreflightRow } from "./preflight.ts";

interface OutputReportBase {
  layout: Layout;
  path: string;
  bytes: number;
  text: CompletenessResult;
}

export interface CoverReport extends PreflightInput {
  format: "pdf";
  layout: Layout;
  edition: "cover" | "cover-pdfx";
  bytes: number;
  /** 书脊: the print edition's pages ÷ 2 × the paper's leaf thickness. */
  spineMm: number;
  /** The EAN-13 the barcode was read back as, when the book has an ISBN. */
  barcode?: string;
}

export interface PdfReport extends OutputReportBase, PreflightInput {
  format: "pdf";
  text: CompletenessResult;
  edition: PdfEdition;
  fonts: PdfFont[];
  outsideTextArea: number;
  /** 孤字: paragraphs ending in a line of one character, the text lines read, and each one's page. */
  loneCharacters: LoneCharacterCount;
  pdfxVersion?: string;
}

export interface EpubReport extends OutputReportBase {
  format: "epub";
  edition: "reader";
  epubcheck: EpubcheckResult;
  embeddedFonts: string[];
}

/**
 * What every build leaves as `build-report.json`, whether it passed (beside its outputs) or failed
 * its checks (in the rejected folder, beside the outputs it kept): the preview reads either
 * (scripts/preview/build-findings.ts) to show the messages over the pages they name.
 */
interface ReportOfAnyBuild {
  /** The manuscript folder, absolute: the preview shows a report's findings only over its own book. */
  manuscriptDir: string;
  /** The folder the messages' places are relative to (`Diagnostic.place`). */
  cwd: string;
  /** When the build started: a manuscript file saved after it may have moved the pages its messages name. */
  startedAt: string;
  /** When it ended. */
  builtAt: string;
  /** Every error of the build, each with its place and rule, as the terminal showed it. */
  errors: Diagnostic[];
  /** Every warning and note of the build, each with its place and rule (the terminal shows a summary). */
  warnings: Diagnostic[];
}

/** The report of a build that failed its checks: its messages, and the outputs kept, by file name. */
export interface RejectedReport extends ReportOfAnyBuild {
  failed: true;
  rejected: string[];
}

/** The report of a build that passed every check: what each output is, and how it was made. */
export interface BuildReport extends ReportOfAnyBuild {
  failed: false;
  title: string;
  outputs: Array<InLanguage<PdfReport | CoverReport | EpubReport>>;
  preflight: PreflightRow[];
  /** Per layout (`horizontal`, and `zh-TW horizontal` for an edition): the documents the book was set in, and how many came from the cache of earlier builds. */
  typesetting: Record<string, { parts: number; reused: number; pagesSetAgain: number }>;
  timingsMs: Record<string, number>;
}

export interface BuildResult {
  report: BuildReport;
  published: string[];
  /** Every file with messages (warnings included), for the reporter. */
  files: VFile[];
}

/** Every output's report names the language it is in: the manuscript's, or a converted edition's. */
export type InLanguage<T> = T & { language: string };

/** One edition's reports, and how its layouts were typeset. */
export interface EditionOutputs {
  pdfs: Array<InLanguage<PdfReport | CoverReport>>;
  epubs: Array<InLanguage<EpubReport>>;
  typesetting: BuildReport["typesetting"];
}

/** The report of a build that passed every check: its editions' outputs in order, and every warning on `files`. */
export function buildReport(book: LoadedBook, built: readonly EditionOutputs[], files: readonly VFile[], startedAt: Date, timingsMs: Record<string, number>): BuildReport {
  return {
    failed: false,
    ...reportOfAnyBuild(book.manuscriptDir, files, startedAt),
    title: book.config.title,
    outputs: built.flatMap((edition) => [...edition.pdfs, ...edition.epubs]),
    preflight: preflightRows(built.flatMap((edition) => edition.pdfs)),
    typesetting: Object.assign({}, ...built.map((edition) => edition.typesetting)) as BuildReport["typesetting"],
    timingsMs,
  };
}

/** The report of a build that failed its checks, whose outputs were kept in the rejected folder as `rejected`. */
export function rejectedReport(manuscriptDir: string, files: readonly VFile[], startedAt: Date, rejected: readonly string[], failedAt = new Date()): RejectedReport {
  return { failed: true, ...reportOfAnyBuild(manuscriptDir, files, startedAt, failedAt), rejected: rejected.map((file) => path.basename(file)) };
}

function reportOfAnyBuild(manuscriptDir: string, files: readonly VFile[], startedAt: Date, endedAt = new Date()): ReportOfAnyBuild {
  const messages = diagnosticsOf(files);
  return {
    manuscriptDir: path.resolve(manuscriptDir),
    cwd: process.cwd(),
    startedAt: startedAt.toISOString(),
    builtAt: endedAt.toISOString(),
    errors: messages.filter((message) => message.severity === "error"),
    warnings: messages.filter((message) => message.severity !== "error"),
  };
}
