import { languageOf } from "../book/language.ts";
import { urlEndCharacters } from "../markdown/url-end.ts";
import type { Finding, RunFinding, RunText } from "./finding.ts";
import { dash, ellipsis, fullwidthAlphanumeric, halfwidthPunctuation, repeatedPunctuation } from "./marks.ts";
import { mixedQuotes, quoteStyle } from "./quotes.ts";
import { straySpace } from "./stray-space.ts";
import { unmatchedPairs } from "./unmatched-pairs.ts";

/**
 * Web addresses the Markdown did not make links (one glued to a letter before it, `Ａhttps://…`,
 * is no autolink), up to the first space or character that ends an address as the parser ends
 * literal autolinks (url-end.ts): nothing inside is prose.
 */
const bareUrl = new RegExp(String.raw`[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s${urlEndCharacters}]+`, "gu");

const outsideUrls = (text: string) => {
  const urls = [...text.matchAll(bareUrl)].map((match) => [match.index, match.index + match[0].length] as const);
  return (found: RunFinding) => urls.every(([start, end]) => found.end <= start || found.start >= end);
};

/** Every finding for the prose runs of one file, in reading order. */
export function lintProse(runs: readonly RunText[], language: string): Finding[] {
  const style = languageOf(language).quotes;
  const perRun = runs.flatMap(({ text, kind }, run) =>
    [
      ...halfwidthPunctuation(text),
      ...quoteStyle(text, style, language),
      ...repeatedPunctuation(text),
      ...ellipsis(text),
      ...dash(text),
      ...fullwidthAlphanumeric(text),
      ...straySpace(text, kind),
      ...unmatchedPairs(text, runs[run + 1]?.text),
    ]
      .filter(outsideUrls(text))
      .map((found) => ({ ...found, run })),
  );
  return [...perRun, ...mixedQuotes(runs, style, language)].sort((a, b) => a.run - b.run || a.start - b.start);
}
