import * as fontkit from "fontkit";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { LoadedBook } from "../book/load.ts";
import { error, warn } from "../diagnostics.ts";
import { declaredFonts } from "./declared.ts";

interface CoverageFont {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let openedFonts: CoverageFont[] | undefined;

/** One face per family is enough: the weights of a family share their character set. */
function coverageFonts(): CoverageFont[] {
  openedFonts ??= [...new Map(declaredFonts.map((font) => [font.family, font.file])).values()].map(
    (file) => fontkit.openSync(file) as unknown as CoverageFont,
  );
  return openedFonts;
}

/** PostScript names of every declared face: the only fonts a PDF of ours may contain. */
export function declaredPostscriptNames(): string[] {
  return declaredFonts.map((font) => (fontkit.openSync(font.file) as unknown as CoverageFont).postscriptName);
}

const invisible = /[\s\u200b-\u200d\ufeff]/u;

/**
 * Chromium silently falls back to whatever font the machine has for a character our fonts lack,
 * which is how a print run gets tofu or an unlicensed face. Report each such character where it
 * first occurs instead.
 */
export function checkFontCoverage(files: readonly VFile[], severity: "error" | "warning" = "error"): Set<string> {
  const uncovered = new Set<string>();
  const fonts = coverageFonts();
  const covered = new Map<number, boolean>();
  for (const file of files) {
    const text = String(file.value ?? "");
    const place = location(file);
    const reported = new Set<string>();
    let offset = 0;
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      if (!invisible.test(character) && !reported.has(character)) {
        let isCovered = covered.get(codePoint);
        if (isCovered === undefined) {
          isCovered = fonts.some((font) => font.hasGlyphForCodePoint(codePoint));
          covered.set(codePoint, isCovered);
        }
        if (!isCovered) {
          reported.add(character);
          uncovered.add(character);
          const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
          const consequence = severity === "error" ? "replace it, or describe it in words" : `it is set as ${placeholder}`;
          (severity === "error" ? error : warn)(
            file,
            `Unexpected character “${character}” (U+${hex}) that no declared font has, expected characters of Noto Serif SC / Noto Sans SC: ${consequence}`,
            place.toPoint(offset),
            "font-coverage",
          );
        }
      }
      offset += character.length;
    }
  }
  return uncovered;
}

/** The geta mark, which Chinese and Japanese typesetting has long used for a character it lacks. */
export const placeholder = "〓";

/**
 * The book with each uncovered character replaced by the placeholder, in book.yaml's values and
 * the chapters' text alike, so no output shows a tofu box or a machine's fallback font.
 */
export function substituteUncovered(book: LoadedBook, characters: ReadonlySet<string>): LoadedBook {
  if (characters.size === 0) return book;
  const pattern = new RegExp(`[${[...characters].map((character) => character.replace(/[\\\]^-]/g, "\\$&")).join("")}]`, "gu");
  for (const chapter of book.chapters) chapter.value = String(chapter.value).replace(pattern, placeholder);
  return { ...book, config: JSON.parse(JSON.stringify(book.config).replace(pattern, placeholder)) as LoadedBook["config"] };
}
