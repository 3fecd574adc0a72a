/**
 * Every file a build writes, and what makes each: the one place that names outputs.
 * `direction` is the page-turning direction: "ltr" books are bound on the left of a recto,
 * "rtl" (右翻) books on its right. `stylesheets` are files of styles/, in cascade order.
 */
export const outputTable = [
  { format: "pdf", layout: "horizontal", direction: "ltr", stylesheets: ["base.css", "horizontal.css", "quiet-pages.css"], fileName: "book-horizontal.pdf" },
  { format: "pdf", layout: "vertical", direction: "rtl", stylesheets: ["base.css", "vertical.css", "quiet-pages.css"], fileName: "book-vertical.pdf" },
  { format: "epub", layout: "horizontal", direction: "ltr", stylesheets: ["base.css", "epub.css"], fileName: "book-horizontal.epub" },
  { format: "epub", layout: "vertical", direction: "rtl", stylesheets: ["base.css", "epub.css"], fileName: "book-vertical.epub" },
] as const;

export type OutputSpec = (typeof outputTable)[number];
export type PdfSpec = Extract<OutputSpec, { format: "pdf" }>;
export type EpubSpec = Extract<OutputSpec, { format: "epub" }>;
export type Layout = OutputSpec["layout"];
export type Direction = OutputSpec["direction"];

export const isPdf = (spec: OutputSpec): spec is PdfSpec => spec.format === "pdf";
export const isEpub = (spec: OutputSpec): spec is EpubSpec => spec.format === "epub";

export const reportFileName = "build-report.json";
