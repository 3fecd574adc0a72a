import type { VFile } from "vfile";
import type { LoadedBook } from "../book/load.ts";
import { diagnosticsOf, type Diagnostic } from "../diagnostics.ts";
import type { Layout, PdfEdition } from "../outputs.ts";
import type { EpubcheckResult } from "../verify/epubcheck.ts";
import type { PdfFont } from "../verify/pdf-fonts.ts";
import type { CompletenessResult } from "../verify/text-completeness.ts";
import { preflightRows, type PreflightInput, type PreflightRow } from "./preflight.ts";

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
  pdfxVersion?: string;
}

export interface EpubReport extends OutputReportBase {
  format: "epub";
  edition: "reader";
  epubcheck: EpubcheckResult;
  embeddedFonts: string[];
}

export interface BuildReport {
  title: string;
  /** The manuscript folder, absolute: the preview shows a report's findings only over its own book. */
  manuscriptDir: string;
  /** When the build started: a manuscript file saved after it may have moved the pages its messages name. */
  startedAt: string;
  builtAt: string;
  outputs: Array<InLanguage<PdfReport | CoverReport | EpubReport>>;
  preflight: PreflightRow[];
  /** Every warning and note of the build, each with its place and rule (the terminal shows a summary). */
  warnings: Diagnostic[];
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
    title: book.config.title,
    manuscriptDir: book.manuscriptDir,
    startedAt: startedAt.toISOString(),
    builtAt: new Date().toISOString(),
    outputs: built.flatMap((edition) => [...edition.pdfs, ...edition.epubs]),
    preflight: preflightRows(built.flatMap((edition) => edition.pdfs)),
    warnings: diagnosticsOf(files).filter((message) => message.severity !== "error"),
    typesetting: Object.assign({}, ...built.map((edition) => edition.typesetting)) as BuildReport["typesetting"],
    timingsMs,
  };
}
