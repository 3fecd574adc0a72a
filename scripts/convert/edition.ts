import { readFile } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import type { IndexTerm } from "../book/index-terms.ts";
import type { LoadedBook } from "../book/load.ts";
import type { EditionConfig } from "../book/schema.ts";
import { error } from "../diagnostics.ts";
import { checkFontCoverage, substituteUncovered } from "../fonts/coverage.ts";
import { hanScriptOf } from "../book/language.ts";
import { convertBibliography, convertBookTexts } from "./book-texts.ts";
import { convertMarkdown } from "./markdown-ranges.ts";
import { converterFor } from "./opencc.ts";
import { phrasesFileName, readPhrases } from "./phrases-file.ts";

/**
 * The manuscript's opencc-phrases.txt, read once for every edition: its pairs, and the file for
 * its messages (none when the manuscript has no such file).
 */
async function loadPhrases(manuscriptDir: string, files: VFile[]): Promise<Array<[string, string]>> {
  const filePath = path.join(manuscriptDir, phrasesFileName);
  const text = await readFile(filePath, "utf8").catch(() => undefined);
  if (text === undefined) return [];
  const file = new VFile({ path: filePath, value: text });
  files.push(file);
  return readPhrases(file);
}

/**
 * book.yaml's `editions`: each a copy of the loaded book converted to Traditional Chinese by
 * OpenCC (with the manuscript's phrases first), its texts and chapters in the edition's language,
 * the edition's own title and the like as book.yaml gives them, and every character checked
 * against the Traditional faces. A chapter keeps its path, so messages name the manuscript's file.
 */
export async function loadEditions(book: LoadedBook, files: VFile[]): Promise<LoadedBook[]> {
  const { config } = book;
  if (config.editions.length === 0) return [];
  if (hanScriptOf(config.language) === "Hant") {
    error(book.source, `Unexpected \`editions\` in a ${config.language} book, expected a Simplified Chinese manuscript (language: zh-CN) to convert: remove \`editions\`, or set the manuscript's language`, undefined, "editions");
    return [];
  }
  const phrases = await loadPhrases(book.manuscriptDir, files);
  return config.editions.map((edition: EditionConfig) => {
    const convert = converterFor(edition.language, { keepMainlandVocabulary: config.opencc?.[edition.language as "zh-TW"] === "tw", phrases });
    const chapters = book.chapters.map((chapter) => {
      const place = chapter.data.place && { ...chapter.data.place, title: chapter.data.place.title === undefined ? undefined : convert(chapter.data.place.title) };
      return new VFile({ path: chapter.path, value: convertMarkdown(String(chapter.value), convert), data: place ? { place } : {} });
    });
    files.push(...chapters);
    const uncovered = checkFontCoverage(chapters, config.uncoveredCharacters, "Hant");
    // A work is cited by its own words: its characters are converted, its vocabulary is not (窗口 stays, not 視窗).
    const bibliography = book.bibliography && convertBibliography(book.bibliography, converterFor(edition.language, { keepMainlandVocabulary: true, phrases }));
    const indexTerms = book.indexTerms && { ...book.indexTerms, terms: convertIndexTerms(book.indexTerms.terms, convert) };
    const converted: LoadedBook = { ...book, config: { ...convertBookTexts(config, convert), ...edition, editions: [] }, chapters, bibliography, ...(indexTerms ? { indexTerms } : {}) };
    return substituteUncovered(converted, uncovered);
  });
}

/** The index's terms as the converted chapters write them, so that they are found there; the readings (pinyin) stay. */
function convertIndexTerms(terms: readonly IndexTerm[], convert: (text: string) => string): IndexTerm[] {
  return terms.map((term) => ({
    ...term,
    term: convert(term.term),
    aliases: term.aliases.map(convert),
    sub: convertIndexTerms(term.sub, convert),
    ...(term.see ? { see: convert(term.see) } : {}),
    seealso: term.seealso.map(convert),
  }));
}
