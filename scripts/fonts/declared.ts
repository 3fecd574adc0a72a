import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** First and last code point of a run of characters a face is used for. */
export type CodePointRange = readonly [number, number];

/**
 * Latin (with its extensions and combining marks), Greek and Cyrillic: what the Western companion
 * faces set. Not U+00B7 (the 间隔号 of Chinese names), nor General Punctuation (“” ‘’ — …), whose
 * full-width forms belong to the Chinese face.
 */
const western: readonly CodePointRange[] = [
  [0x0020, 0x007e], [0x00a0, 0x00b6], [0x00b8, 0x036f], [0x0370, 0x03ff], [0x0400, 0x052f], [0x1e00, 0x1fff],
];

/** Han characters beyond the Chinese faces: radicals, strokes, Extension A and the compatibility ideographs. */
const rareHanBasic: readonly CodePointRange[] = [[0x2e80, 0x2fdf], [0x31c0, 0x31ef], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
/** The Supplementary Ideographic Plane and beyond: Extension B to G and the compatibility supplement. */
const rareHanSupplementary: readonly CodePointRange[] = [[0x20000, 0x3134f]];

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
  /** Last in every stack: it sets only what the faces before it lack. */
  fallback?: boolean;
}

/**
 * The only faces the book may use, each a static TrueType-outline font: Chromium embeds them as CID
 * TrueType subsets, where CFF-outline and variable fonts come out as Type 3. styles/base.css stacks
 * them: Western companion first (limited to its scripts by `unicodeRange`), then the Chinese face,
 * then the rare-Han fallback.
 */
export const declaredFonts: readonly DeclaredFace[] = [
  { family: "Book Latin Serif", weight: 400, file: npmFont("@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Serif", weight: 700, file: npmFont("@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 400, file: npmFont("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"), unicodeRange: western },
  { family: "Book Latin Sans", weight: 700, file: npmFont("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"), unicodeRange: western },
  { family: "Book Song", weight: 400, file: npmFont("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf") },
  { family: "Book Song", weight: 700, file: npmFont("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf") },
  { family: "Book Hei", weight: 400, file: npmFont("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf") },
  { family: "Book Hei", weight: 700, file: npmFont("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf") },
  { family: "Book Mono", weight: 400, file: debianFont("dejavu", "DejaVuSansMono.ttf"), debianPackage: "fonts-dejavu-core", codeOnly: true },
  { family: "Book Mono", weight: 700, file: debianFont("dejavu", "DejaVuSansMono-Bold.ttf"), debianPackage: "fonts-dejavu-core", codeOnly: true },
  { family: "Book Han Ext", weight: 400, file: debianFont("hanazono", "HanaMinA.ttf"), debianPackage: "fonts-hanazono", unicodeRange: rareHanBasic, fallback: true },
  { family: "Book Han Ext", weight: 400, file: debianFont("hanazono", "HanaMinB.ttf"), debianPackage: "fonts-hanazono", unicodeRange: rareHanSupplementary, fallback: true },
];

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

export function fontFaceCss(): string {
  return declaredFonts.map((font) => fontFaceRule(font, `file://${font.file}`, "truetype")).join("\n");
}
