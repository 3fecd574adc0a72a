import { createRequire } from "node:module";
import path from "node:path";
import type { HanScript } from "../book/language.ts";
import { emoji, rareHanBasic, rareHanSupplementary, scriptPatternOf, western, westernMarks, type CodePointRange } from "./code-point-ranges.ts";
import { debianScriptFaces } from "./script-faces.ts";

// A book's faces follow its language's script (book/language.ts); the stages that pick faces ask here.

const require = createRequire(import.meta.url);

const npmFont = (file: string) => require.resolve(file);
const debianFont = (folder: string, file: string) => `/usr/share/fonts/truetype/${folder}/${file}`;

type Weight = 400 | 700;

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
 * Noto Serif or Noto Sans from npm, regular and bold, upright and italic, as `family` for the
 * characters of `unicodeRange`.
 */
const notoWestern = (family: string, typeface: "Serif" | "Sans", unicodeRange: readonly CodePointRange[]): DeclaredFace[] =>
  ([400, 700] as const).flatMap((weight) =>
    [false, true].map((italic) => {
      const style = `${weight}${weight === 400 ? "Regular" : "Bold"}${italic ? "_Italic" : ""}`;
      return { family, weight, file: npmFont(`@expo-google-fonts/noto-${typeface.toLowerCase()}/${style}/Noto${typeface}_${style}.ttf`), unicodeRange, ...(italic ? { italic: true as const } : {}) };
    }),
  );

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
  ...notoWestern("Book Latin Serif", "Serif", western),
  ...notoWestern("Book Latin Sans", "Sans", western),
  ...notoWestern("Book Marks Serif", "Serif", westernMarks),
  ...notoWestern("Book Marks Sans", "Sans", westernMarks),
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

/**
 * The faces by font file: one file may serve several faces (Noto Serif sets Western letters, and
 * Western quotation marks as a face of its own), and a cut of the file must keep what each sets.
 */
export function facesByFile(faces: readonly DeclaredFace[]): Map<string, DeclaredFace[]> {
  const byFile = new Map<string, DeclaredFace[]>();
  for (const face of faces) byFile.set(face.file, [...(byFile.get(face.file) ?? []), face]);
  return byFile;
}

/** Folders the browser may read fonts from. */
export const fontFolders = [...new Set(declaredFonts.map((font) => path.dirname(font.file)))];

export const inUnicodeRange = (font: DeclaredFace, codePoint: number) =>
  font.unicodeRange ? font.unicodeRange.some(([first, last]) => codePoint >= first && codePoint <= last) : !font.scripts || scriptPatternOf(font.scripts.join(" ")).test(String.fromCodePoint(codePoint));
