// Only the two character dictionaries: a character that Simplified → Traditional changes is written
// only in Simplified text, and the other way round.
import * as simplifiedToTraditional from "opencc-js/cn2t";
import * as traditionalToSimplified from "opencc-js/t2cn";

type ConverterOf = { Converter: (options: { from: string; to: string }) => (text: string) => string };
const toTraditional = (simplifiedToTraditional as unknown as ConverterOf).Converter({ from: "cn", to: "t" });
const toSimplified = (traditionalToSimplified as unknown as ConverterOf).Converter({ from: "t", to: "cn" });

/** A site's language code as a BCP 47 tag: `zh_CN`, `zh-cn` → zh-CN; `zh-hant` → zh-Hant. */
export function languageTag(code: string): string {
  const [language = "", ...subtags] = code.trim().split(/[-_]/);
  return [language.toLowerCase(), ...subtags.map((subtag) => (subtag.length === 2 ? subtag.toUpperCase() : subtag.length === 4 ? subtag[0]!.toUpperCase() + subtag.slice(1).toLowerCase() : subtag))].join("-");
}

export interface LanguageGuess {
  tag: string;
  /** Why: the share of Han characters among the letters, and of the Traditional ones among the Han characters that differ. */
  reason: string;
}

/**
 * The language of the text, for a site that does not say: Chinese when most letters are Han
 * characters, Traditional (zh-Hant) when more of the characters that differ between the scripts
 * are Traditional than Simplified, else Simplified (zh-CN); otherwise English.
 */
export function guessLanguage(text: string): LanguageGuess {
  const letters = text.match(/\p{L}/gu) ?? [];
  const han = letters.filter((letter) => /\p{Script=Han}/u.test(letter));
  const hanShare = letters.length === 0 ? 0 : han.length / letters.length;
  if (hanShare < 0.3) return { tag: "en", reason: `${percent(hanShare)} of the letters are Han characters` };
  const changed = new Map<string, "Hans" | "Hant" | undefined>();
  let simplified = 0;
  let traditional = 0;
  for (const character of han) {
    if (!changed.has(character)) changed.set(character, toTraditional(character) !== character ? "Hans" : toSimplified(character) !== character ? "Hant" : undefined);
    const script = changed.get(character);
    if (script === "Hans") simplified++;
    if (script === "Hant") traditional++;
  }
  const reason = `${percent(hanShare)} of the letters are Han characters; ${simplified} are written only in Simplified, ${traditional} only in Traditional`;
  return { tag: traditional > simplified ? "zh-Hant" : "zh-CN", reason };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
