import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** First and last code point of a run of characters a face is used for. */
export type CodePointRange = readonly [number, number];

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

/** The runs of code points between `first` and `last` whose characters match `pattern`. */
function runsOf(pattern: RegExp, first: number, last: number): CodePointRange[] {
  const runs: Array<[number, number]> = [];
  for (let codePoint = first; codePoint <= last; codePoint++) {
    if (!pattern.test(String.fromCodePoint(codePoint))) continue;
    const run = runs.at(-1);
    if (run && run[1] === codePoint - 1) run[1] = codePoint;
    else runs.push([codePoint, codePoint]);
  }
  return runs;
}

const npmFont = (file: string) => require.resolve(file);
const debianFont = (folder: string, file: string) => `/usr/share/fonts/truetype/${folder}/${file}`;

export interface DeclaredFace {
  family: string;
  weight: 400 | 700;
  file: string;
  /** Debian package that installs the file (npm installs the rest). */
  debianPackage?: string;
  /** The characters the face is used for; all that it has when absent. */
  unicodeRange?: readonly CodePointRange[];
  /** Used only for code (`font-family: var(--code-font)`), so it does not vouch for other text. */
  codeOnly?: boolean;
  /** After the Western and Chinese faces in every stack: it sets only what those lack. */
  fallback?: boolean;
  /** A Chinese face's script: a book uses the faces of its language's script and no other. */
  han?: HanScript;
}

/** Simplified (mainland, Singapore) or Traditional (Taiwan, Hong Kong, Macau) Chinese. */
export type HanScript = "Hans" | "Hant";

/** The script a BCP 47 tag's Chinese is written in: zh-Hant, zh-TW, zh-HK and zh-MO are Traditional. */
export const hanScriptOf = (language: string): HanScript => (/^zh-(?:hant|tw|hk|mo)\b/i.test(language) ? "Hant" : "Hans");

/**
 * The only faces the book may use, each a static TrueType-outline font: Chromium embeds them as CID
 * TrueType subsets, where CFF-outline and variable fonts come out as Type 3. styles/base.css stacks
 * them: Western companion first (limited to its scripts by `unicodeRange`), then the Chinese face,
 * whose symbols (→ ① ※ ○ ≤ …, GB 18030's full-width forms) sit on the Chinese grid, then the
 * fallbacks for what those lack, in order: monochrome emoji (Noto Emoji, drawn as outlines like
 * any glyph, limited to the emoji blocks), symbols (Noto Sans Symbols and Symbols 2, Noto Sans Math,
 * Noto Serif's own, DejaVu Sans), rare Han.
 */
export const declaredFonts: readonly DeclaredFace[] = [
  { family: "Book Latin Serif", weight: 400, file: npmFont("@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Serif", weight: 700, file: npmFont("@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 400, file: npmFont("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 700, file: npmFont("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"), unicodeRange: western },
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

export const inUnicodeRange = (font: DeclaredFace, codePoint: number) =>
  !font.unicodeRange || font.unicodeRange.some(([first, last]) => codePoint >= first && codePoint <= last);

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase();

/** A face's @font-face rule, its source given by `url`. */
export function fontFaceRule(font: DeclaredFace, url: string, format: "truetype" | "woff2"): string {
  const range = font.unicodeRange ? ` unicode-range: ${font.unicodeRange.map(([first, last]) => `U+${hex(first)}-${hex(last)}`).join(", ")};` : "";
  return `@font-face { font-family: "${font.family}"; font-weight: ${font.weight}; font-style: normal; src: url("${url}") format("${format}");${range} }`;
}

/** Families after the Western and Chinese faces, in the order that declaredFonts gives the reasons for. */
const fallbackFamilies = ["Book Emoji", "Book Symbols", "Book Symbols 2", "Book Math", "Book Western Symbols", "Book DejaVu", "Book Han Ext"];

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
