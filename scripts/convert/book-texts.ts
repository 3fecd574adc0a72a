import type { CslItem } from "@citation-js/core";
import type { Bibliography } from "../book/bibliography.ts";
import type { BookConfig } from "../book/schema.ts";

/**
 * book.yaml's printed texts converted: title, subtitle, authors, publisher, the colophon's own
 * statements (copyright, printer, distributor), its entries (labels and values), the back cover
 * and the CIP lines. Settings, paths, numbers, dates and identifiers stay as written.
 */
export function convertBookTexts(config: BookConfig, convert: (text: string) => string): BookConfig {
  const optional = (text: string | undefined) => (text === undefined ? undefined : convert(text));
  return {
    ...config,
    title: convert(config.title),
    subtitle: optional(config.subtitle),
    authors: config.authors.map(convert),
    publisher: convert(config.publisher),
    copyright: optional(config.copyright),
    printer: optional(config.printer),
    distributor: optional(config.distributor),
    colophon: config.colophon.map(({ label, values }) => ({ label: convert(label), values: values.map(convert) })),
    cover: config.cover && { ...config.cover, back: optional(config.cover.back) },
    cip: config.cip?.map(convert),
  };
}

/** CSL fields that identify rather than print words: kept as written. */
const identifyingFields = new Set(["id", "citation-key", "type", "language", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"]);

/**
 * The bibliography's Chinese entries converted (titles, names, publishers, places …), so that a
 * Traditional edition's list of references is in its script like the rest of the book; keys,
 * identifiers and dates stay, and so do the entries in other languages.
 */
export function convertBibliography(bibliography: Bibliography, convert: (text: string) => string): Bibliography {
  const converted = (value: unknown): unknown =>
    typeof value === "string" ? convert(value) : Array.isArray(value) ? value.map(converted) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, converted(inner)])) : value;
  const entries = bibliography.entries.map((entry): CslItem =>
    entry.language?.startsWith("zh") ? (Object.fromEntries(Object.entries(entry).map(([field, value]) => [field, identifyingFields.has(field) ? value : converted(value)])) as CslItem) : entry,
  );
  return { ...bibliography, entries };
}
