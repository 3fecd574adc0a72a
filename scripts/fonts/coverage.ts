import * as fontkit from "fontkit";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { LoadedBook } from "../book/load.ts";
import { error, warn } from "../diagnostics.ts";
import { existsSync } from "node:fs";
import { bookFaces, declaredFonts, inUnicodeRange, type DeclaredFace, type HanScript } from "./declared.ts";

interface CoverageFont {
  postscriptName: string;
  familyName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

type OpenedFonts = Array<{ face: DeclaredFace; font: CoverageFont }>;
const openedFonts = new Map<HanScript, OpenedFonts>();

/**
 * The faces that may set running text in a book of `han` script, each with the characters it is
 * used for. One face per family and range is enough: the weights of a family share their character set.
 */
function coverageFonts(han: HanScript = "Hans"): OpenedFonts {
  let opened = openedFonts.get(han);
  if (!opened) {
    opened = bookFaces(han)
      .filter((face) => !face.codeOnly && face.weight === 400)
      .map((face) => ({ face, font: fontkit.openSync(face.file) as unknown as CoverageFont }));
    openedFonts.set(han, opened);
  }
  return opened;
}

/** PostScript names of every declared face: the only fonts a PDF of ours may contain. */
export function declaredPostscriptNames(): string[] {
  return declaredFonts.map((font) => (fontkit.openSync(font.file) as unknown as CoverageFont).postscriptName);
}

/** The declared faces' files that are not on this machine (a Debian font package not installed). */
export function checkFontFiles(file: VFile): void {
  for (const font of declaredFonts) {
    if (existsSync(font.file)) continue;
    const installer = font.debianPackage ? `the Debian package ${font.debianPackage}` : "npm";
    error(file, `Unexpected missing font file \`${font.file}\`, expected it installed by ${installer}: run \`npm run setup\``, undefined, "font-missing");
  }
}

/** Whether a face that sets running text has the character (within the range it is used for). */
export const hasDeclaredGlyph = (codePoint: number, fonts = coverageFonts()) => fonts.some(({ face, font }) => inUnicodeRange(face, codePoint) && font.hasGlyphForCodePoint(codePoint));

/** The opened font that stands for a face's characters: its family's regular weight with the same range. */
const coverageFontOf = (face: DeclaredFace, han: HanScript) => coverageFonts(han).find((opened) => opened.face.family === face.family && opened.face.unicodeRange === face.unicodeRange)?.font;

/**
 * The characters a face sets, of those given: the ones in its range; for a fallback face, only
 * those it has and the Western and Chinese faces lack (else every Han character of the book would
 * be cut into the rare-Han face too, and a symbol face would be loaded for characters it cannot draw).
 */
export function charactersSetBy(face: DeclaredFace, characters: Iterable<string>, han: HanScript = face.han ?? "Hans"): string[] {
  const inRange = [...characters].filter((character) => inUnicodeRange(face, character.codePointAt(0)!));
  if (!face.fallback) return inRange;
  const others = coverageFonts(han).filter((opened) => !opened.face.fallback);
  const own = coverageFontOf(face, han)!;
  return inRange.filter((character) => {
    const codePoint = character.codePointAt(0)!;
    return own.hasGlyphForCodePoint(codePoint) && !hasDeclaredGlyph(codePoint, others);
  });
}

/**
 * The faces a book needs: the Western, Chinese and code faces always (page numbers and generated
 * text use them too), a fallback face only when the book has a character it sets. A page loads
 * every face it declares and each is cut for printing, so the others are left out.
 */
export function facesUsedBy(texts: Iterable<string>, han: HanScript = "Hans"): DeclaredFace[] {
  const characters = new Set<string>();
  for (const text of texts) for (const character of text) characters.add(character);
  return bookFaces(han).filter((face) => !face.fallback || charactersSetBy(face, characters, han).length > 0);
}

/** Names of the faces that set text, for messages. */
const faceNames = (han: HanScript) => [...new Set(coverageFonts(han).map(({ font }) => font.familyName))].join(" / ");

/** Spaces, format controls (joiners, bidi marks, soft hyphen) and variation selectors: nothing to draw. */
const invisible = /[\s\p{Cf}\u{fe00}-\u{fe0f}\u{e0100}-\u{e01ef}]/u;
export const isInvisible = (character: string) => invisible.test(character);

/**
 * Chromium silently falls back to whatever font the machine has for a character our fonts lack,
 * which is how a print run gets tofu or an unlicensed face. Report each such character where it
 * first occurs instead.
 */
export function checkFontCoverage(files: readonly VFile[], severity: "error" | "warning" = "error", han: HanScript = "Hans"): Set<string> {
  const uncovered = new Set<string>();
  const covered = new Map<number, boolean>();
  for (const file of files) {
    const text = String(file.value ?? "");
    const place = location(file);
    const reported = new Set<string>();
    let offset = 0;
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      if (!isInvisible(character) && !reported.has(character)) {
        let isCovered = covered.get(codePoint);
        if (isCovered === undefined) {
          isCovered = hasDeclaredGlyph(codePoint, coverageFonts(han));
          covered.set(codePoint, isCovered);
        }
        if (!isCovered) {
          reported.add(character);
          uncovered.add(character);
          const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
          const consequence = severity === "error" ? "replace it, or describe it in words" : `it is set as ${placeholder}`;
          (severity === "error" ? error : warn)(
            file,
            `Unexpected character “${character}” (U+${hex}) that no declared font has, expected characters of the declared fonts (${faceNames(han)}): ${consequence}`,
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
