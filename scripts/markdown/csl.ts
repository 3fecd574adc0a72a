import { readFileSync } from "node:fs";
import path from "node:path";
import citationJs, { type CslEngine, type CslItem } from "@citation-js/core";
import "@citation-js/plugin-csl";
import type { BookConfig } from "../book/schema.ts";
import { projectRoot } from "../book/paths.ts";

export type CitationStyle = BookConfig["citationStyle"];

const cslDir = path.join(projectRoot, "styles", "csl");
const styleFiles: Record<CitationStyle, string> = {
  numeric: "china-national-standard-gb-t-7714-2015-numeric.csl",
  "author-date": "china-national-standard-gb-t-7714-2015-author-date.csl",
};
const styleName = (style: CitationStyle) => `gb-t-7714-2015-${style}`;

/** citation-js bundles only a few locales, not zh-CN: the styles and the locale are registered on first use. */
function cslPlugin() {
  const plugin = citationJs.plugins.config.get("@csl");
  if (!plugin.locales.has("zh-CN")) plugin.locales.add("zh-CN", readFileSync(path.join(cslDir, "locales-zh-CN.xml"), "utf8"));
  for (const style of Object.keys(styleFiles) as CitationStyle[]) {
    if (!plugin.styles.has(styleName(style))) plugin.styles.add(styleName(style), readFileSync(path.join(cslDir, styleFiles[style]), "utf8"));
  }
  return plugin;
}

/** One entry of a list of references: its key, its label ([1], numeric only) and the rest of its text. */
export interface FormattedEntry {
  id: string;
  label?: string;
  text: string;
}

/**
 * The list of references after GB/T 7714-2015, formatted by citeproc-js with the style's Chinese
 * layout or, for an English entry, its English one. `entries` in the order they were first cited;
 * the numeric list keeps that order (and numbers from 1), the author-date list sorts by author.
 */
export function formatReferences(entries: readonly CslItem[], style: CitationStyle): FormattedEntry[] {
  const engine = engineFor(entries, style);
  const [{ entry_ids: ids }, texts] = engine.makeBibliography();
  return texts.map((text, index) => {
    const plain = text.trim();
    const numbered = style === "numeric" ? /^\[(\d+)\]\s*/.exec(plain) : null;
    return { id: ids[index]![0]!, ...(numbered ? { label: `[${numbered[1]}]` } : {}), text: numbered ? plain.slice(numbered[0].length) : plain };
  });
}

function engineFor(entries: readonly CslItem[], style: CitationStyle): CslEngine {
  const engine = cslPlugin().engine([...entries], styleName(style), "zh-CN", "text");
  engine.updateItems(entries.map((entry) => entry.id));
  return engine;
}

/** The author-date style's citation layout: its parentheses and the delimiter between works. */
const authorDateLayout = (() => {
  const style = readFileSync(path.join(cslDir, styleFiles["author-date"]), "utf8");
  const attributes = /<citation\b[\s\S]*?<layout\b(?![^>]*\blocale=)([^>]*)>/.exec(style)?.[1] ?? "";
  const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? "";
  return { prefix: attribute("prefix"), suffix: attribute("suffix"), delimiter: attribute("delimiter") };
})();

/** Author-date citations of the works in `entries` (all the book cites, so that 2015a and 2015b are told apart). */
export interface AuthorDateCitations {
  layout: typeof authorDateLayout;
  /** One work inside the parentheses: 张伟, 2015 / Smith et al., 2014. */
  inParentheses(id: string): string;
  /** A work named in the sentence: its authors, and its year in parentheses (张伟(2015)). */
  narrative(id: string): { authors: string; year: string };
}

export function authorDateCitations(entries: readonly CslItem[]): AuthorDateCitations {
  const engine = engineFor(entries, "author-date");
  const { prefix, suffix } = authorDateLayout;
  // A cluster of one work, its parentheses removed: our own markup puts them around the links to each work.
  // citeproc-js's "[NO_PRINTED_FORM]" stands for a suppressed part that leaves nothing (a year-only cite of a work without a year).
  const inner = (cluster: string) => (cluster.startsWith(prefix) && cluster.endsWith(suffix) ? cluster.slice(prefix.length, cluster.length - suffix.length) : cluster).replace("[NO_PRINTED_FORM]", "");
  return {
    layout: authorDateLayout,
    inParentheses: (id) => inner(engine.makeCitationCluster([{ id }])),
    narrative: (id) => ({ authors: inner(engine.makeCitationCluster([{ id, "author-only": true }])), year: inner(engine.makeCitationCluster([{ id, "suppress-author": true }])) }),
  };
}
