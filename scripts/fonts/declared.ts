import { createRequire } from "node:module";
import path from "node:path";
import type { HanScript } from "../book/language.ts";
import { scriptsPattern } from "./unicode-scripts.ts";

// A book's faces follow its language's script (book/language.ts); the stages that pick faces ask here.

const require = createRequire(import.meta.url);

/** First and last code point of a run of characters a face is used for. */
export type CodePointRange = readonly [number, number];

/** The runs of code points between `first` and `last` whose characters match `pattern`, a one-character pattern. */
function runsOf(pattern: RegExp, first: number, last: number): CodePointRange[] {
  // One regular-expression scan of the characters in order is a hundred times faster than testing each.
  const characters = codePointsText(`${first.toString(16)}-${last.toString(16)}`);
  return [...characters.matchAll(new RegExp(`(?:${pattern.source})+`, `${pattern.flags}g`))].map(([run]) => [run.codePointAt(0)!, [...run].at(-1)!.codePointAt(0)!]);
}

/** `compute`, remembering each key's result. */
function memoized<T>(compute: (key: string) => T): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    if (!results.has(key)) results.set(key, compute(key));
    return results.get(key)!;
  };
}

/** The characters from first to last ("first-last", hexadecimal) in order, without the surrogates (no characters by themselves). */
const codePointsText = memoized((firstToLast) => {
  const [first, last] = firstToLast.split("-").map((bound) => parseInt(bound, 16)) as [number, number];
  const codePoints: number[] = [];
  for (let codePoint = first; codePoint <= last; codePoint++) if (codePoint < 0xd800 || codePoint > 0xdfff) codePoints.push(codePoint);
  // In pieces, as a call takes only so many arguments; a character at a time is ten times slower.
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += 4096) pieces.push(String.fromCodePoint(...codePoints.slice(start, start + 4096)));
  return pieces.join("");
});

/**
 * Latin (with its extensions and combining marks), Greek, Cyrillic and the superscript and
 * subscript digits and letters (x², H₂O): what the Western companion faces set. Not U+00B7 (the 间隔号 of Chinese names), nor General Punctuation (“” ‘’ — …), whose
 * full-width forms belong to the Chinese face.
 */
const western: readonly CodePointRange[] = [
  [0x0020, 0x007e], [0x00a0, 0x00b6], [0x00b8, 0x036f], [0x0370, 0x03ff], [0x0400, 0x052f], [0x1e00, 0x1fff], [0x2070, 0x209f],
];

/** Han characters beyond the Chinese faces: radicals, strokes, Extension A and the compatibility ideographs. */
const rareHanBasic: readonly CodePointRange[] = [[0x2e80, 0x2fdf], [0x31c0, 0x31ef], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
/** The Supplementary Ideographic Plane and beyond: Extension B to G and the compatibility supplement. */
const rareHanSupplementary: readonly CodePointRange[] = [[0x20000, 0x3134f]];

/**
 * Emoji: the emoji blocks of the Supplementary Multilingual Plane, and the characters of the Basic
 * Multilingual Plane that are shown as emoji by default (✅ ❌ ⏰ ⭐), so every emoji picture comes
 * from one face.
 */
const emoji: readonly CodePointRange[] = [...runsOf(/\p{Emoji_Presentation}/u, 0x2000, 0x2bff), [0x1f000, 0x1faff]];

const npmFont = (file: string) => require.resolve(file);
const debianFont = (folder: string, file: string) => `/usr/share/fonts/truetype/${folder}/${file}`;

type Weight = 400 | 700;
const regularAndBold: readonly Weight[] = [400, 700];

/**
 * The face of Debian's fonts-noto-core that sets each script the Western and Chinese faces lack
 * (by its Unicode long name; several when one face has several), Regular and, where Debian has it,
 * Bold. One face per script serves text, headings and code alike: the serif where Debian has one
 * (Noto Naskh Arabic, the book hand, for Arabic), else the sans. A common character several of
 * these scripts share (the danda । of the Indic scripts, the Arabic comma ، and tatweel ـ) comes
 * from the first face here that has it, so the scripts of many readers come first, the ones that
 * borrow from them (Grantha, Chakma, Syriac, Thaana…) after.
 */
const debianScriptFaces: ReadonlyArray<readonly [face: string, scripts: string, weights?: readonly Weight[]]> = [
  ["NotoNaskhArabic", "Arabic", regularAndBold],
  ["NotoSerifDevanagari", "Devanagari", regularAndBold],
  ["NotoSerifBengali", "Bengali", regularAndBold],
  ["NotoSerifGurmukhi", "Gurmukhi", regularAndBold],
  ["NotoSerifGujarati", "Gujarati", regularAndBold],
  ["NotoSansOriya", "Oriya", regularAndBold],
  ["NotoSerifTamil", "Tamil", regularAndBold],
  ["NotoSansTamilSupplement", "Tamil"],
  ["NotoSerifTelugu", "Telugu", regularAndBold],
  ["NotoSerifKannada", "Kannada", regularAndBold],
  ["NotoSerifMalayalam", "Malayalam", regularAndBold],
  ["NotoSerifSinhala", "Sinhala", regularAndBold],
  ["NotoSerifThai", "Thai", regularAndBold],
  ["NotoSerifLao", "Lao", regularAndBold],
  ["NotoSerifTibetan", "Tibetan", regularAndBold],
  ["NotoSerifMyanmar", "Myanmar", regularAndBold],
  ["NotoSerifKhmer", "Khmer", regularAndBold],
  ["NotoSerifHebrew", "Hebrew", regularAndBold],
  ["NotoSerifGeorgian", "Georgian", regularAndBold],
  ["NotoSerifArmenian", "Armenian", regularAndBold],
  ["NotoSerifEthiopic", "Ethiopic", regularAndBold],
  // The rest in the order of their names.
  ["NotoSansAdlam", "Adlam", regularAndBold],
  ["NotoSerifAhom", "Ahom"],
  ["NotoSansAnatolianHieroglyphs", "Anatolian_Hieroglyphs"],
  ["NotoSansAvestan", "Avestan"],
  ["NotoSerifBalinese", "Balinese"],
  ["NotoSansBamum", "Bamum", regularAndBold],
  ["NotoSansBassaVah", "Bassa_Vah"],
  ["NotoSansBatak", "Batak"],
  ["NotoSansBhaiksuki", "Bhaiksuki"],
  ["NotoSansBrahmi", "Brahmi"],
  ["NotoSansBuginese", "Buginese"],
  ["NotoSansBuhid", "Buhid"],
  ["NotoSansCanadianAboriginal", "Canadian_Aboriginal", regularAndBold],
  ["NotoSansCarian", "Carian"],
  ["NotoSansCaucasianAlbanian", "Caucasian_Albanian"],
  ["NotoSansChakma", "Chakma"],
  ["NotoSansCham", "Cham", regularAndBold],
  ["NotoSansCherokee", "Cherokee", regularAndBold],
  ["NotoSansCoptic", "Coptic"],
  ["NotoSansCuneiform", "Cuneiform"],
  ["NotoSansCypriot", "Cypriot"],
  ["NotoSansDeseret", "Deseret"],
  ["NotoSerifDogra", "Dogra"],
  ["NotoSansDuployan", "Duployan"],
  ["NotoSansEgyptianHieroglyphs", "Egyptian_Hieroglyphs"],
  ["NotoSansElbasan", "Elbasan"],
  ["NotoSansElymaic", "Elymaic"],
  ["NotoSansGlagolitic", "Glagolitic"],
  ["NotoSansGothic", "Gothic"],
  ["NotoSerifGrantha", "Grantha"],
  ["NotoSansGunjalaGondi", "Gunjala_Gondi"],
  ["NotoSansHanifiRohingya", "Hanifi_Rohingya", regularAndBold],
  ["NotoSansHanunoo", "Hanunoo"],
  ["NotoSansHatran", "Hatran"],
  ["NotoSansImperialAramaic", "Imperial_Aramaic"],
  ["NotoSansInscriptionalPahlavi", "Inscriptional_Pahlavi"],
  ["NotoSansInscriptionalParthian", "Inscriptional_Parthian"],
  ["NotoSansJavanese", "Javanese", regularAndBold],
  ["NotoSansKaithi", "Kaithi"],
  ["NotoSansKayahLi", "Kayah_Li", regularAndBold],
  ["NotoSansKharoshthi", "Kharoshthi"],
  ["NotoSerifKhojki", "Khojki", regularAndBold],
  ["NotoSansKhudawadi", "Khudawadi"],
  ["NotoSansLepcha", "Lepcha"],
  ["NotoSansLimbu", "Limbu"],
  ["NotoSansLinearA", "Linear_A"],
  ["NotoSansLinearB", "Linear_B"],
  ["NotoSansLisu", "Lisu", regularAndBold],
  ["NotoSansLycian", "Lycian"],
  ["NotoSansLydian", "Lydian"],
  ["NotoSansMahajani", "Mahajani"],
  ["NotoSansMandaic", "Mandaic"],
  ["NotoSansManichaean", "Manichaean"],
  ["NotoSansMarchen", "Marchen"],
  ["NotoSansMasaramGondi", "Masaram_Gondi"],
  ["NotoSansMedefaidrin", "Medefaidrin", regularAndBold],
  ["NotoSansMeeteiMayek", "Meetei_Mayek", regularAndBold],
  ["NotoSansMendeKikakui", "Mende_Kikakui"],
  ["NotoSansMeroitic", "Meroitic_Cursive Meroitic_Hieroglyphs"],
  ["NotoSansMiao", "Miao"],
  ["NotoSansModi", "Modi"],
  ["NotoSansMongolian", "Mongolian"],
  ["NotoSansMro", "Mro"],
  ["NotoSansMultani", "Multani"],
  ["NotoSansNabataean", "Nabataean"],
  ["NotoSansNewTaiLue", "New_Tai_Lue"],
  ["NotoSansNewa", "Newa"],
  ["NotoSansNKo", "Nko"],
  ["NotoSansNushu", "Nushu"],
  ["NotoSerifNyiakengPuachueHmong", "Nyiakeng_Puachue_Hmong", regularAndBold],
  ["NotoSansOgham", "Ogham"],
  ["NotoSansOlChiki", "Ol_Chiki", regularAndBold],
  ["NotoSansOldHungarian", "Old_Hungarian"],
  ["NotoSansOldItalic", "Old_Italic"],
  ["NotoSansOldNorthArabian", "Old_North_Arabian"],
  ["NotoSansOldPermic", "Old_Permic"],
  ["NotoSansOldPersian", "Old_Persian"],
  ["NotoSansOldSogdian", "Old_Sogdian"],
  ["NotoSansOldSouthArabian", "Old_South_Arabian"],
  ["NotoSansOldTurkic", "Old_Turkic"],
  ["NotoSansOsage", "Osage"],
  ["NotoSansOsmanya", "Osmanya"],
  ["NotoSansPahawhHmong", "Pahawh_Hmong"],
  ["NotoSansPalmyrene", "Palmyrene"],
  ["NotoSansPauCinHau", "Pau_Cin_Hau"],
  ["NotoSansPhagsPa", "Phags_Pa"],
  ["NotoSansPhoenician", "Phoenician"],
  ["NotoSansPsalterPahlavi", "Psalter_Pahlavi"],
  ["NotoSansRejang", "Rejang"],
  ["NotoSansRunic", "Runic"],
  ["NotoSansSamaritan", "Samaritan"],
  ["NotoSansSaurashtra", "Saurashtra"],
  ["NotoSansSharada", "Sharada"],
  ["NotoSansShavian", "Shavian"],
  ["NotoSansSiddham", "Siddham"],
  ["NotoSansSignWriting", "SignWriting"],
  ["NotoSansSogdian", "Sogdian"],
  ["NotoSansSoraSompeng", "Sora_Sompeng", regularAndBold],
  ["NotoSansSoyombo", "Soyombo"],
  ["NotoSansSundanese", "Sundanese", regularAndBold],
  ["NotoSansSylotiNagri", "Syloti_Nagri"],
  ["NotoSansSyriac", "Syriac"],
  ["NotoSansTagalog", "Tagalog"],
  ["NotoSansTagbanwa", "Tagbanwa"],
  ["NotoSansTaiLe", "Tai_Le"],
  ["NotoSansTaiTham", "Tai_Tham", regularAndBold],
  ["NotoSansTaiViet", "Tai_Viet"],
  ["NotoSansTakri", "Takri"],
  ["NotoSerifTangut", "Tangut"],
  ["NotoSansThaana", "Thaana", regularAndBold],
  ["NotoSansTifinagh", "Tifinagh"],
  ["NotoSansTirhuta", "Tirhuta"],
  ["NotoSansUgaritic", "Ugaritic"],
  ["NotoSansVai", "Vai"],
  ["NotoSansWancho", "Wancho"],
  ["NotoSansWarangCiti", "Warang_Citi"],
  ["NotoSerifYezidi", "Yezidi", regularAndBold],
  ["NotoSansYi", "Yi"],
  ["NotoSansZanabazarSquare", "Zanabazar_Square"],
];

const debianScriptFallbacks = debianScriptFaces.flatMap(([face, scripts, weights = [400]]) =>
  weights.map((weight): DeclaredFace => ({
    family: `Book ${face}`,
    weight,
    file: debianFont("noto", `${face}-${weight === 400 ? "Regular" : "Bold"}.ttf`),
    debianPackage: "fonts-noto-core",
    scripts: scripts.split(" "),
    fallback: true,
  })),
);

export interface DeclaredFace {
  family: string;
  weight: Weight;
  file: string;
  /** Debian package that installs the file (npm installs the rest). */
  debianPackage?: string;
  /** The characters the face is used for; when absent, those of its `scripts`, or else all that it has. */
  unicodeRange?: readonly CodePointRange[];
  /** The Unicode scripts (long names) whose characters the face is used for, those they share with other scripts included. */
  scripts?: readonly string[];
  /** Used only for code (`font-family: var(--code-font)`), so it does not vouch for other text. */
  codeOnly?: boolean;
  /** After the Western and Chinese faces in every stack: it sets only what those lack. */
  fallback?: boolean;
  /** A Chinese face's script: a book uses the faces of its language's script and no other. */
  han?: HanScript;
  /** An italic, for Western words in emphasis (markdown/rehype-western-italic.ts); Chinese is never slanted. */
  italic?: true;
}

/**
 * The only faces the book may use, each a static TrueType-outline font: Chromium embeds them as CID
 * TrueType subsets, where CFF-outline and variable fonts come out as Type 3. styles/base.css stacks
 * them: Western companion first (limited to its scripts by `unicodeRange`), then the Chinese face,
 * whose symbols (→ ① ※ ○ ≤ …, GB 18030's full-width forms) sit on the Chinese grid, then the
 * fallbacks for what those lack, in order: monochrome emoji (Noto Emoji, drawn as outlines like
 * any glyph, limited to the emoji blocks), symbols (Noto Sans Symbols and Symbols 2, Noto Sans Math),
 * the other scripts (Hangul, then debianScriptFaces; before DejaVu Sans, whose own Arabic, Hebrew,
 * Armenian and Georgian letters are not meant for text), symbols again (Noto Serif's own, DejaVu
 * Sans), rare Han.
 */
export const declaredFonts: readonly DeclaredFace[] = [
  { family: "Book Latin Serif", weight: 400, file: npmFont("@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Serif", weight: 700, file: npmFont("@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf"), unicodeRange: western },
  { family: "Book Latin Serif", weight: 400, italic: true, file: npmFont("@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf"), unicodeRange: western },
  { family: "Book Latin Serif", weight: 700, italic: true, file: npmFont("@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 400, file: npmFont("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 700, file: npmFont("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 400, italic: true, file: npmFont("@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 700, italic: true, file: npmFont("@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf"), unicodeRange: western },
  { family: "Book Song", weight: 400, file: npmFont("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"), han: "Hans" },
  { family: "Book Song", weight: 700, file: npmFont("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"), han: "Hans" },
  { family: "Book Hei", weight: 400, file: npmFont("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"), han: "Hans" },
  { family: "Book Hei", weight: 700, file: npmFont("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"), han: "Hans" },
  // Traditional Chinese: Taiwan's glyph shapes, and 。，、；：！？ centred in the em box as
  // Taiwan's 重訂標點符號手冊 places them (the TC faces' default forms).
  { family: "Book Song", weight: 400, file: npmFont("@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf"), han: "Hant" },
  { family: "Book Song", weight: 700, file: npmFont("@expo-google-fonts/noto-serif-tc/700Bold/NotoSerifTC_700Bold.ttf"), han: "Hant" },
  { family: "Book Hei", weight: 400, file: npmFont("@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf"), han: "Hant" },
  { family: "Book Hei", weight: 700, file: npmFont("@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf"), han: "Hant" },
  { family: "Book Mono", weight: 400, file: debianFont("dejavu", "DejaVuSansMono.ttf"), debianPackage: "fonts-dejavu-core", codeOnly: true },
  { family: "Book Mono", weight: 700, file: debianFont("dejavu", "DejaVuSansMono-Bold.ttf"), debianPackage: "fonts-dejavu-core", codeOnly: true },
  { family: "Book Emoji", weight: 400, file: npmFont("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"), unicodeRange: emoji, fallback: true },
  { family: "Book Emoji", weight: 700, file: npmFont("@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf"), unicodeRange: emoji, fallback: true },
  { family: "Book Symbols", weight: 400, file: debianFont("noto", "NotoSansSymbols-Regular.ttf"), debianPackage: "fonts-noto-core", fallback: true },
  { family: "Book Symbols", weight: 700, file: debianFont("noto", "NotoSansSymbols-Bold.ttf"), debianPackage: "fonts-noto-core", fallback: true },
  { family: "Book Symbols 2", weight: 400, file: debianFont("noto", "NotoSansSymbols2-Regular.ttf"), debianPackage: "fonts-noto-core", fallback: true },
  { family: "Book Math", weight: 400, file: debianFont("noto", "NotoSansMath-Regular.ttf"), debianPackage: "fonts-noto-core", fallback: true },
  // Korean from npm: fonts-noto-core has no Hangul.
  { family: "Book Hangul", weight: 400, file: npmFont("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf"), scripts: ["Hangul"], fallback: true },
  { family: "Book Hangul", weight: 700, file: npmFont("@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf"), scripts: ["Hangul"], fallback: true },
  ...debianScriptFallbacks,
  // Debian's copy of Noto Serif, for the symbols of its own that the faces before it lack (⅊ ⅌ ⅏);
  // the npm copy is the Western companion, limited to Western letters.
  { family: "Book Western Symbols", weight: 400, file: debianFont("noto", "NotoSerif-Regular.ttf"), debianPackage: "fonts-noto-core", fallback: true },
  { family: "Book DejaVu", weight: 400, file: debianFont("dejavu", "DejaVuSans.ttf"), debianPackage: "fonts-dejavu-core", fallback: true },
  { family: "Book DejaVu", weight: 700, file: debianFont("dejavu", "DejaVuSans-Bold.ttf"), debianPackage: "fonts-dejavu-core", fallback: true },
  { family: "Book Han Ext", weight: 400, file: debianFont("hanazono", "HanaMinA.ttf"), debianPackage: "fonts-hanazono", unicodeRange: rareHanBasic, fallback: true },
  { family: "Book Han Ext", weight: 400, file: debianFont("hanazono", "HanaMinB.ttf"), debianPackage: "fonts-hanazono", unicodeRange: rareHanSupplementary, fallback: true },
];

/** The faces a book in `han` script may use: every declared face but the other script's Chinese faces. */
export const bookFaces = (han: HanScript): DeclaredFace[] => declaredFonts.filter((face) => !face.han || face.han === han);

/** Folders the browser may read fonts from. */
export const fontFolders = [...new Set(declaredFonts.map((font) => path.dirname(font.file)))];

/** Every script but Han lies in the first two planes. */
const lastNonHanCodePoint = 0x1ffff;

// Keyed by the scripts' names joined with spaces: a face's weights share them.
const scriptPatternOf = memoized((scripts) => scriptsPattern(scripts.split(" ")));
const scriptRunsOf = memoized((scripts) => runsOf(scriptPatternOf(scripts), 0, lastNonHanCodePoint));

export const inUnicodeRange = (font: DeclaredFace, codePoint: number) =>
  font.unicodeRange ? font.unicodeRange.some(([first, last]) => codePoint >= first && codePoint <= last) : !font.scripts || scriptPatternOf(font.scripts.join(" ")).test(String.fromCodePoint(codePoint));

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase();

/** A face's @font-face rule, its source given by `url`. */
export function fontFaceRule(font: DeclaredFace, url: string, format: "truetype" | "woff2"): string {
  const runs = font.unicodeRange ?? (font.scripts && scriptRunsOf(font.scripts.join(" ")));
  const range = runs ? ` unicode-range: ${runs.map(([first, last]) => `U+${hex(first)}-${hex(last)}`).join(", ")};` : "";
  return `@font-face { font-family: "${font.family}"; font-weight: ${font.weight}; font-style: ${font.italic ? "italic" : "normal"}; src: url("${url}") format("${format}");${range} }`;
}

/** Families after the Western and Chinese faces, in the order of declaredFonts. */
const fallbackFamilies = [...new Set(declaredFonts.filter((font) => font.fallback).map((font) => font.family))];

/**
 * The font stacks every stylesheet uses through `var(--text-font)` and the like, each ending in the
 * generic family a reading system falls back to when an EPUB does not embed the faces.
 */
const fontStacks = {
  "--text-font": { families: ["Book Latin Serif", "Book Song", ...fallbackFamilies], generic: "serif" },
  "--heading-font": { families: ["Book Latin Sans", "Book Hei", ...fallbackFamilies], generic: "sans-serif" },
  "--code-font": { families: ["Book Mono", "Book Hei", ...fallbackFamilies], generic: "monospace" },
} as const;

/** The stacks as custom properties, for every document: the book, the EPUBs (fonts embedded or not), the cover. */
export function fontStackCss(): string {
  const stack = ({ families, generic }: (typeof fontStacks)[keyof typeof fontStacks]) => [...families.map((family) => `"${family}"`), generic].join(", ");
  return `:root { ${Object.entries(fontStacks).map(([property, value]) => `${property}: ${stack(value)};`).join(" ")} }`;
}

/** The @font-face rules of `faces` (a Simplified Chinese book's unless told) and the stacks. */
export function fontFaceCss(faces: readonly DeclaredFace[] = bookFaces("Hans")): string {
  return [...faces.map((font) => fontFaceRule(font, `file://${font.file}`, "truetype")), fontStackCss()].join("\n");
}
