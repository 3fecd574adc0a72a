/** Every file a build writes, and what makes each: the one place that names outputs. */
export const outputTable = [
  { format: "pdf", layout: "horizontal", stylesheet: "horizontal.css", fileName: "book-horizontal.pdf" },
] as const;

export type OutputSpec = (typeof outputTable)[number];
export type Layout = OutputSpec["layout"];

export const reportFileName = "build-report.json";
