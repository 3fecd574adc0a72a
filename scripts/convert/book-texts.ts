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
