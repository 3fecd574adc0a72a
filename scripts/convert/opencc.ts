// Only the Simplified → Traditional dictionaries: the full bundle takes 1.3 s to import, this 30 ms.
import * as openccJs from "opencc-js/cn2t";
import { languageOf, languages, type LanguageTag, type OpenccConfigName } from "../book/language.ts";
import { builtinCuts, builtinReplacements } from "./builtin-phrases.ts";

export interface ConverterOptions {
  /** Plain character conversion (zh-TW: s2tw) instead of rewriting into the region's vocabulary (s2twp: 软件 → 軟體). */
  keepMainlandVocabulary?: boolean;
  /** The manuscript's own fixes (opencc-phrases.txt): Simplified → exactly what is printed, ahead of everything else. */
  phrases?: ReadonlyArray<readonly [string, string]>;
}

/*
 * opencc-js 1.4.2's declaration files import "./core" without an extension, which NodeNext cannot
 * resolve, so everything it exports is typed `any`. These are the parts used here, as its
 * dist/esm-lib/core.js and preset/full.js define them.
 */
type Dict = ReadonlyArray<readonly [string, string]> | string;
type DictGroup = readonly Dict[];

interface Trie {
  /** Loads the dictionaries so that the first of them wins a key several define. */
  loadDictGroup(group: DictGroup): void;
  /** The longest key starting at `offset`, with the offset after it. */
  matchPrefix(text: string, offset: number): { end: number; value: string } | null;
  /** The text cut at leftmost-longest keys, the runs between them kept as pieces. */
  segment(text: string): string[];
  /** Leftmost-longest keys replaced by their values. */
  convert(text: string): string;
}

interface OpenccConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictGroup;
  conversionChain: readonly DictGroup[];
}

const { Trie, ConverterFactory, Locale } = openccJs as unknown as {
  Trie: new () => Trie;
  ConverterFactory: (...stages: DictGroup[]) => (text: string) => string;
  Locale: { configs: Record<OpenccConfigName, OpenccConfig> };
};

function trieOf(group: DictGroup): Trie {
  const trie = new Trie();
  trie.loadDictGroup(group);
  return trie;
}

const cutWords = new Map(builtinCuts.map((cut) => [cut.replace("|", ""), cut.indexOf("|")]));

/**
 * The text cut into the pieces OpenCC converts one by one: leftmost-longest words of `words`, with
 * the runs between them kept whole (a regional stage may find a phrase across such a run). A
 * built-in cut word ends its piece at its `|` and the cutting goes on from there.
 */
function cutIntoPieces(words: Trie, text: string): string[] {
  const pieces: string[] = [];
  let runStart = 0;
  for (let index = 0; index < text.length; ) {
    const match = words.matchPrefix(text, index);
    if (!match) {
      index += text.codePointAt(index)! > 0xffff ? 2 : 1;
      continue;
    }
    if (runStart < index) pieces.push(text.slice(runStart, index));
    const end = index + (cutWords.get(text.slice(index, match.end)) ?? match.end - index);
    pieces.push(text.slice(index, end));
    index = runStart = end;
  }
  if (runStart < text.length) pieces.push(text.slice(runStart));
  return pieces;
}

/**
 * OpenCC's own pipeline as opencc-js's `Converter` runs it (normalise, cut into phrases, convert
 * each piece through the stages) with the built-in fixes: the cuts and replacements join the words
 * it cuts at, and the replacements also lead its first stage, where they compete as longer phrases.
 * s2t has no cutting of its own; its first stage, which converts by leftmost-longest words too, cuts.
 */
function openccWithBuiltinFixes(name: OpenccConfigName): (text: string) => string {
  const config = Locale.configs[name];
  const cuts: Dict = [...cutWords.keys()].map((word) => [word, word] as const);
  const [firstStage = [], ...regionalStages] = config.conversionChain;
  const normalize = ConverterFactory(...(config.normalizationChain ?? []));
  const words = trieOf([builtinReplacements, cuts, ...(config.segmentation ?? firstStage)]);
  const stages = [[builtinReplacements, ...firstStage], ...regionalStages].map(trieOf);
  return (text) =>
    cutIntoPieces(words, normalize(text))
      .map((piece) => stages.reduce((converted, stage) => stage.convert(converted), piece))
      .join("");
}

// Building the tries of one configuration takes a few hundred milliseconds; every chapter and edition shares them.
const openccCache = new Map<OpenccConfigName, (text: string) => string>();

function cachedOpencc(name: OpenccConfigName): (text: string) => string {
  let convert = openccCache.get(name);
  if (!convert) {
    convert = openccWithBuiltinFixes(name);
    openccCache.set(name, convert);
  }
  return convert;
}

const quoteMarks = (language: LanguageTag) => [...languages[language].quotes.outer, ...languages[language].quotes.inner];
const traditionalQuote = new Map(quoteMarks("zh-CN").map((mark, index) => [mark, quoteMarks("zh-Hant")[index]!]));
const simplifiedQuote = new RegExp(`[${quoteMarks("zh-CN").join("")}]`, "g");

/**
 * GB/T 15834 quotes “‘’” as Taiwan and Hong Kong print them, 「『』」 (重訂標點符號手冊); OpenCC leaves
 * quotes alone. A ’ between letters is an apostrophe (don’t, O’Neil) and stays.
 */
export function traditionalQuotes(text: string): string {
  return text.replace(simplifiedQuote, (mark, offset: number) => (mark === "’" && isApostrophe(text, offset) ? mark : traditionalQuote.get(mark)!));
}

function isApostrophe(text: string, offset: number): boolean {
  return /[\p{Script=Latin}\d]/u.test(text[offset - 1] ?? "") && /\p{Script=Latin}/u.test(text[offset + 1] ?? "");
}

/** Leftmost-longest matches of `trie` replaced by their values; the text between them goes through `convertRest`. */
function replaceMatchesFirst(trie: Trie, text: string, convertRest: (text: string) => string): string {
  let converted = "";
  let restStart = 0;
  for (let index = 0; index < text.length; ) {
    const match = trie.matchPrefix(text, index);
    if (match) {
      converted += convertRest(text.slice(restStart, index)) + match.value;
      index = restStart = match.end;
    } else {
      index += text.codePointAt(index)! > 0xffff ? 2 : 1;
    }
  }
  return converted + convertRest(text.slice(restStart));
}

/**
 * Simplified text → the language's text: for a Traditional language, the manuscript's phrases
 * first (printed as written), then OpenCC with the built-in fixes (the language's configuration,
 * book/language.ts), then the quotes; a Simplified language's is the text as it is.
 */
export function converterFor(language: string, options: ConverterOptions = {}): (text: string) => string {
  const conversion = languageOf(language).opencc;
  if (!conversion) return (text) => text;
  const opencc = cachedOpencc(options.keepMainlandVocabulary ? conversion.characters : conversion.vocabulary);
  const convertRest = (text: string) => traditionalQuotes(opencc(text));
  const phrases = options.phrases ?? [];
  if (phrases.length === 0) return convertRest;
  const manuscriptPhrases = trieOf([phrases]);
  return (text) => replaceMatchesFirst(manuscriptPhrases, text, convertRest);
}
