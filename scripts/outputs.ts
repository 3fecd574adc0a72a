/**
 * Every file a build writes, and what makes each: the one place that names outputs.
 * `direction` is the page-turning direction: "ltr" books are bound on the left of a recto,
 * "rtl" (右翻) books on its right.
 */
export const outputTable = [
  { format: "pdf", layout: "horizontal", stylesheet: "horizontal.css", direction: "ltr", fileName: "book-horizontal.pdf" },
  { format: "pdf", layout: "vertical", stylesheet: "vertical.css", direction: "rtl", fileName: "book-vertical.pdf" },
] as const;

export type OutputSpec = (typeof outputTable)[number];
export type Layout = OutputSpec["layout"];
export type Direction = OutputSpec["direction"];

export const reportFileName = "build-report.json";
