/**
 * What differs between the two layouts of the book. `direction` is the page-turning direction:
 * "ltr" books are bound on the left of a recto, "rtl" (右翻) books on its right; `chineseName` is
 * what messages call it; `pageNotes` whether Paged.js can set footnotes at the foot of its pages
 * (0.4.3 looks for a note call on the page by its horizontal position only).
 */
export const layoutTable = {
  horizontal: { direction: "ltr", pdfStylesheet: "horizontal.css", chineseName: "横排", pageNotes: true },
  vertical: { direction: "rtl", pdfStylesheet: "vertical.css", chineseName: "竖排", pageNotes: false },
} as const;

export type Layout = keyof typeof layoutTable;
export const layouts = Object.keys(layoutTable) as Layout[];
export type Direction = (typeof layoutTable)[Layout]["direction"];

/**
 * Every file a build writes: the one place that names outputs. PDF editions: `screen` (trim size,
 * for reading and proofs), `print` (bleed, crop marks, padded to whole signatures), `pdfx` (the
 * print edition converted to PDF/X, only with --press-ready), `cover` (the print cover spread,
 * when book.yaml gives the paper's thickness for the spine) and `cover-pdfx` (its PDF/X). The print editions derive from the
 * screen edition's layout, so each layout is set by Paged.js once.
 */
export const outputTable = [
  { format: "pdf", layout: "horizontal", edition: "screen", fileName: "book-horizontal-screen.pdf" },
  { format: "pdf", layout: "horizontal", edition: "print", fileName: "book-horizontal-print.pdf" },
  { format: "pdf", layout: "horizontal", edition: "pdfx", fileName: "book-horizontal-print-pdfx.pdf" },
  { format: "pdf", layout: "horizontal", edition: "cover", fileName: "book-horizontal-cover.pdf" },
  { format: "pdf", layout: "horizontal", edition: "cover-pdfx", fileName: "book-horizontal-cover-pdfx.pdf" },
  { format: "pdf", layout: "vertical", edition: "screen", fileName: "book-vertical-screen.pdf" },
  { format: "pdf", layout: "vertical", edition: "print", fileName: "book-vertical-print.pdf" },
  { format: "pdf", layout: "vertical", edition: "pdfx", fileName: "book-vertical-print-pdfx.pdf" },
  { format: "pdf", layout: "vertical", edition: "cover", fileName: "book-vertical-cover.pdf" },
  { format: "pdf", layout: "vertical", edition: "cover-pdfx", fileName: "book-vertical-cover-pdfx.pdf" },
  { format: "epub", layout: "horizontal", edition: "reader", fileName: "book-horizontal.epub" },
  { format: "epub", layout: "vertical", edition: "reader", fileName: "book-vertical.epub" },
] as const;

export type OutputSpec = (typeof outputTable)[number];

/** The outputs of a converted edition (`zh-TW` …) are the table's, named with its tag: book-zh-TW-vertical-print.pdf. */
export const outputsFor = (edition?: string): OutputSpec[] => (edition ? outputTable.map((spec) => ({ ...spec, fileName: spec.fileName.replace(/^book-/, `book-${edition}-`) }) as OutputSpec) : [...outputTable]);
export type PdfSpec = Extract<OutputSpec, { format: "pdf" }>;
export type EpubSpec = Extract<OutputSpec, { format: "epub" }>;
export type PdfEdition = PdfSpec["edition"];

export const isPdf = (spec: OutputSpec): spec is PdfSpec => spec.format === "pdf";
export const isEpub = (spec: OutputSpec): spec is EpubSpec => spec.format === "epub";

/** Stylesheets of styles/ for an output, in cascade order. */
export function stylesheetsFor(format: OutputSpec["format"], layout: Layout): string[] {
  return format === "pdf" ? ["base.css", layoutTable[layout].pdfStylesheet, "notes.css", "quiet-pages.css", "code.css", "tables.css", "notes-boxes.css", "book-index.css"] : ["base.css", "epub.css", "code.css", "book-index.css"];
}

export const reportFileName = "build-report.json";

/** Inside the output folder: what the last failed build made, kept apart from the last good outputs. */
export const rejectedFolderName = ".rejected";
