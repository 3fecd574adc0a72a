import { scriptRunsOf } from "./code-point-ranges.ts";
import { bookFaces, declaredFonts, type DeclaredFace } from "./declared.ts";

// The declared faces as CSS: @font-face rules and the font stacks every stylesheet uses.

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
