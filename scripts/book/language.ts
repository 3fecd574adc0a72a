/** Simplified (mainland, Singapore) or Traditional (Taiwan, Hong Kong, Macau) Chinese. */
export type HanScript = "Hans" | "Hant";

export interface QuoteStyle {
  family: "“”" | "「」";
  outer: readonly [string, string];
  inner: readonly [string, string];
}

/** opencc-js's presets from Simplified Chinese. */
export type OpenccConfigName = "s2twp" | "s2tw" | "s2hk" | "s2t";

export interface Language {
  /** Picks the Chinese faces the book is set in (fonts/declared.ts). */
  script: HanScript;
  /** GB/T 15834's curly quotes on the mainland, 重訂標點符號手冊's corner brackets in Taiwan and Hong Kong. */
  quotes: QuoteStyle;
  /**
   * How OpenCC converts Simplified text into the language: `vocabulary` with its region's words
   * (软件 → 軟體), `characters` without them (`opencc: { zh-TW: tw }`, and the pipeline's own
   * words, which are terms, not prose). A Simplified language has none.
   */
  opencc?: { vocabulary: OpenccConfigName; characters: OpenccConfigName };
  /** A Simplified manuscript can be converted to it (book.yaml's `editions`). */
  edition?: true;
}

const curlyQuotes: QuoteStyle = { family: "“”", outer: ["“", "”"], inner: ["‘", "’"] };
const cornerQuotes: QuoteStyle = { family: "「」", outer: ["「", "」"], inner: ["『", "』"] };
const hongKongOpencc = { vocabulary: "s2hk", characters: "s2hk" } as const;

/**
 * The Chinese languages, each by language and region or language and script. book.yaml's
 * `language` may be any BCP 47 tag: one whose first two subtags are none of these (zh-yue, en) is
 * zh-CN's, the language the pipeline's own words are written in.
 */
export const languages = {
  "zh-CN": { script: "Hans", quotes: curlyQuotes },
  "zh-SG": { script: "Hans", quotes: curlyQuotes },
  "zh-Hans": { script: "Hans", quotes: curlyQuotes },
  "zh-TW": { script: "Hant", quotes: cornerQuotes, opencc: { vocabulary: "s2twp", characters: "s2tw" }, edition: true },
  "zh-HK": { script: "Hant", quotes: cornerQuotes, opencc: hongKongOpencc, edition: true },
  "zh-MO": { script: "Hant", quotes: cornerQuotes, opencc: hongKongOpencc },
  // OpenCC's own standard characters, for no region.
  "zh-Hant": { script: "Hant", quotes: cornerQuotes, opencc: { vocabulary: "s2t", characters: "s2t" }, edition: true },
} as const satisfies Record<string, Language>;

export type LanguageTag = keyof typeof languages;

/** The Traditional Chinese editions a Simplified manuscript can be converted to (scripts/convert). */
export type EditionLanguage = { [Tag in LanguageTag]: (typeof languages)[Tag] extends { edition: true } ? Tag : never }[LanguageTag];

const tags = Object.keys(languages) as LanguageTag[];

export const editionLanguages = tags.filter((tag): tag is EditionLanguage => "edition" in languages[tag]);

/** The entry of a BCP 47 tag, by its first two subtags in any case: zh-Hant-TW is zh-Hant's, zh-tw-x-a zh-TW's. */
export function languageOf(tag: string): Language {
  const [primary, second] = tag.toLowerCase().split("-");
  const named = primary === "zh" && second ? tags.find((known) => known.toLowerCase() === `zh-${second}`) : undefined;
  return languages[named ?? "zh-CN"];
}

/** The script a BCP 47 tag's Chinese is written in: zh-Hant, zh-TW, zh-HK and zh-MO are Traditional. */
export const hanScriptOf = (language: string): HanScript => languageOf(language).script;
