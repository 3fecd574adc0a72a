import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * The only faces the book may use. Static TrueType-outline instances of Noto Serif SC (宋体/明体 for
 * the text) and Noto Sans SC (黑体 for headings), installed by npm with the project: Chromium embeds
 * them as CID TrueType subsets, where CFF-outline and variable fonts come out as Type 3.
 */
export const declaredFonts = [
  { family: "Book Song", weight: 400, file: require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf") },
  { family: "Book Song", weight: 700, file: require.resolve("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf") },
  { family: "Book Hei", weight: 400, file: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf") },
  { family: "Book Hei", weight: 700, file: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf") },
] as const;

export type DeclaredFont = (typeof declaredFonts)[number];

/** Folders the browser may read fonts from. */
export const fontFolders = [...new Set(declaredFonts.map((font) => path.dirname(font.file)))];

export function fontFaceCss(): string {
  return declaredFonts
    .map(
      (font) =>
        `@font-face { font-family: "${font.family}"; font-weight: ${font.weight}; font-style: normal; src: url("file://${font.file}") format("truetype"); }`,
    )
    .join("\n");
}
