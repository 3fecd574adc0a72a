import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { Bibliography } from "../book/bibliography.ts";
import type { BookConfig } from "../book/schema.ts";
import { warn } from "../diagnostics.ts";
import { authorDateCitations, formatReferences, type AuthorDateCitations, type FormattedEntry } from "./csl.ts";
import type { Cite } from "./rehype-citations.ts";
import { markShortNumbers } from "./rehype-tate-chu-yoko.ts";

export interface CitingChapter {
  file: VFile;
  tree: Root;
}

export interface CitationOptions {
  style: BookConfig["citationStyle"];
  references: BookConfig["references"];
  /** The pipeline's words (参考文献) in the book's script. */
  word: (text: string) => string;
  /** Each chapter's id prefix; the book's list is a chapter after the last (index `chapters.length`). */
  prefixOf: (chapter: number) => string;
  /** An entry's text set as the chapters' text is (punctuation, Western marks, 纵中横): the list is made after them. */
  typeset: (text: string) => ElementContent[];
}

/** A reference's id as links write it; the list's element has it with its chapter's prefix (cross-references.ts resolves the link). */
const referenceId = (key: string) => `ref-${key}`;

const isCitation = (node: Element) => Array.isArray(node.properties.className) && node.properties.className.includes("citation") && node.properties.dataCites !== undefined;

/**
 * The citations `rehypeCitations` marked, set after GB/T 7714-2015, and the lists of references:
 * numbers in order of first citation (numeric) or author and year (author-date), each linked to
 * its entry. `references: chapter` ends each citing chapter with the works it cites (numbered
 * afresh); `references: book` returns the book's list, for a section after the last chapter.
 * An entry no chapter cites is a warning at the bibliography.
 */
export function resolveCitations(chapters: readonly CitingChapter[], bibliography: Bibliography, options: CitationOptions): Root | undefined {
  const entries = new Map(bibliography.entries.map((entry) => [entry.id, entry]));
  const citationsOf = (tree: Root) => {
    const found: Element[] = [];
    visit(tree, "element", (node: Element) => void (isCitation(node) && found.push(node)));
    return found;
  };
  const groups = options.references === "chapter" ? chapters.map((chapter) => [chapter]) : [chapters];
  const lists = groups.map((group) => {
    const citations = group.flatMap((chapter) => citationsOf(chapter.tree));
    const cited = [...new Set(citations.flatMap(citesOf).map(({ key }) => key))].filter((key) => entries.has(key)).map((key) => entries.get(key)!);
    const formatted = formatReferences(cited, options.style);
    const setCitation = citationSetter(options.style === "numeric" ? numbersOf(formatted) : authorDateCitations(cited));
    citations.forEach(setCitation);
    return { cited, formatted };
  });
  const used = new Set(lists.flatMap(({ cited }) => cited.map((entry) => entry.id)));
  for (const entry of bibliography.entries.filter((entry) => !used.has(entry.id))) {
    const reason = `Unexpected entry \`${entry.id}\` that no chapter cites, expected a citation \`[@${entry.id}]\` in the text: it is left out of the list of references (remove it to silence this)`;
    // The Traditional editions share the manuscript's bibliography file: said once, not again for each edition.
    const written = bibliography.places.get(entry.id) ?? { file: bibliography.file };
    if (!written.file.messages.some((message) => message.reason === reason)) warn(written.file, reason, written.place, "uncited-entry");
  }
  if (options.references === "chapter") {
    chapters.forEach((chapter, index) => {
      const { formatted } = lists[index]!;
      if (formatted.length === 0) return;
      const list = referenceList(formatted, options.prefixOf(index), options.typeset, h("h2.references-title", options.word("参考文献")));
      // Before the chapter's notes (GFM puts them last), so the notes stay the chapter's last block as in a book without citations.
      const notes = chapter.tree.children.findIndex((node) => node.type === "element" && node.properties.dataFootnotes !== undefined);
      chapter.tree.children.splice(notes === -1 ? chapter.tree.children.length : notes, 0, list);
    });
    return undefined;
  }
  const [{ formatted }] = lists as [(typeof lists)[number]];
  return formatted.length === 0 ? undefined : { type: "root", children: [referenceList(formatted, options.prefixOf(chapters.length), options.typeset)] };
}

const citesOf = (citation: Element): Cite[] => JSON.parse(String(citation.properties.dataCites)) as Cite[];

function numbersOf(formatted: readonly FormattedEntry[]): Map<string, number> {
  return new Map(formatted.map((entry, index) => [entry.id, index + 1]));
}

const link = (key: string, text: string): Element => h("a", { href: `#${referenceId(key)}`, role: "doc-biblioref" }, markShortNumbers(text));

/**
 * A locator as GB/T 7714-2015 prints it after the citation (10.1.3, 10.2.4): the page alone
 * (`第12页`, `p. 12`, `12` → 12); any other locator as written.
 */
export function pageOf(locator: string): string {
  return /^(?:第\s*)?(?:pp?\.\s*)?([\d\s,\-–—]+?)\s*[页頁]?$/u.exec(locator.trim())?.[1] ?? locator.trim();
}

/**
 * Citation numbers sorted, duplicates dropped, runs of consecutive numbers as their ends: GB/T
 * 7714-2015 10.1.2 writes [1-3] and [255-256] for consecutive numbers, [1,3] for the rest.
 */
export function numberRuns(numbers: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const number of [...new Set(numbers)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && number === last[1] + 1) last[1] = number;
    else runs.push([number, number]);
  }
  return runs;
}

/** How each citation is set: numeric (superscript [1], or [1] on the line when named in the sentence) or author-date. */
function citationSetter(style: Map<string, number> | AuthorDateCitations) {
  return (citation: Element) => {
    const cites = citesOf(citation);
    const narrative = citation.properties.dataNarrative !== undefined;
    delete citation.properties.dataCites;
    delete citation.properties.dataNarrative;
    if (style instanceof Map) {
      const keyOf = new Map(cites.map(({ key }) => [style.get(key)!, key]));
      const bracket = (children: ElementContent[]): ElementContent[] => [{ type: "text", value: "[" }, ...children, { type: "text", value: "]" }];
      const plain = cites.filter((cite) => !cite.locator);
      const runs = numberRuns(plain.map(({ key }) => style.get(key)!)).map(([first, last]): ElementContent[] => (first === last ? [link(keyOf.get(first)!, String(first))] : [link(keyOf.get(first)!, String(first)), { type: "text", value: "-" }, link(keyOf.get(last)!, String(last))]));
      const merged = runs.length === 0 ? [] : bracket(runs.flatMap((run, index) => (index === 0 ? run : [{ type: "text" as const, value: "," }, ...run])));
      // 10.1.3: the page cited stands after the bracket, in the superscript too: [2]12.
      const located = cites.filter((cite) => cite.locator).flatMap((cite) => [...bracket([link(cite.key, String(style.get(cite.key)))]), ...markShortNumbers(pageOf(cite.locator!))]);
      // 10.1.2: a number that is part of the sentence (“文献[8]指出”) stands on the line, not raised.
      citation.tagName = narrative ? "span" : "sup";
      citation.children = [...merged, ...located];
      return;
    }
    const { prefix, suffix, delimiter } = style.layout;
    if (narrative) {
      const { authors, year } = style.narrative(cites[0]!.key);
      citation.children = [h("a", { href: `#${referenceId(cites[0]!.key)}`, role: "doc-biblioref" }, `${authors}${prefix}${year}${suffix}`)];
      return;
    }
    const page = (cite: Cite): ElementContent[] => (cite.locator ? [h("sup.citation-page", pageOf(cite.locator))] : []);
    const single = cites.length === 1;
    const works = cites.flatMap((cite, index): ElementContent[] => [...(index > 0 ? [{ type: "text" as const, value: delimiter }] : []), h("a", { href: `#${referenceId(cite.key)}`, role: "doc-biblioref" }, style.inParentheses(cite.key)), ...(single ? [] : page(cite))]);
    // 10.2.4: the page cited follows the parentheses as a superscript: (张伟, 2015)^{12}.
    citation.children = [{ type: "text", value: prefix }, ...works, { type: "text", value: suffix }, ...(single ? page(cites[0]!) : [])];
  };
}

/** A list of references: `[1] 袁训来, …` (numeric) or the entries sorted by author, each the target of its citations. */
function referenceList(formatted: readonly FormattedEntry[], prefix: string, typeset: CitationOptions["typeset"], heading?: Element): Element {
  return h("section.references", { role: "doc-bibliography", "epub:type": "bibliography" }, [
    ...(heading ? [heading] : []),
    h(
      "ul.reference-list",
      formatted.map((entry) => h("li.reference", { id: `${prefix}${referenceId(entry.id)}`, role: "doc-biblioentry" }, [...(entry.label ? [h("span.reference-label", markShortNumbers(entry.label)), " "] : []), ...typeset(entry.text)])),
    ),
  ]);
}
