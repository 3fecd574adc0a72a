import * as fontkit from "fontkit";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { LoadedBook } from "../book/load.ts";
import { error, warn } from "../diagnostics.ts";
import { existsSync } from "node:fs";
import type { HanScript } from "../book/language.ts";
import { bookFaces, declaredFonts, inUnicodeRange, type DeclaredFace } from "./declared.ts";
import { scriptOf } from "./unicode-scripts.ts";

interface CoverageFont {
  postscriptName: string;
  familyName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const openedFonts = new Map<string, CoverageFont>();

/** A face's font file, opened when first asked about: a book needs few of the script faces. */
function fontOf(face: DeclaredFace): CoverageFont {
  let font = openedFonts.get(face.file);
  if (!font) openedFonts.set(face.file, (font = fontkit.openSync(face.file) as unknown as CoverageFont));
  return font;
}

const coverageFacesByScript = new Map<HanScript, DeclaredFace[]>();

/**
 * The faces that may set running text in a book of `han` script, in the order the font stacks try
 * them. One face per family and range is enough: the weights of a family share their character set.
 */
function coverageFaces(han: HanScript = "Hans"): DeclaredFace[] {
  let faces = coverageFacesByScript.get(han);
  if (!faces) coverageFacesByScript.set(han, (faces = bookFaces(han).filter((face) => !face.codeOnly && !face.italic && face.weight === 400)));
  return faces;
}

let postscriptNames: string[] | undefined;

/** PostScript names of every declared face: the only fonts a PDF of ours may contain. */
export function declaredPostscriptNames(): string[] {
  postscriptNames ??= declaredFonts.map((face) => fontOf(face).postscriptName);
  return postscriptNames;
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
export const hasDeclaredGlyph = (codePoint: number, faces = coverageFaces()) => faces.some((face) => inUnicodeRange(face, codePoint) && fontOf(face).hasGlyphForCodePoint(codePoint));

/**
 * The characters a face sets, of those given: the ones in its range; for a fallback face, only
 * those it has and no face before it in the stacks has (else every Han character of the book would
 * be cut into the rare-Han face too, a symbol face would be loaded for characters it cannot draw,
 * and every Indic face for one danda).
 */
export function charactersSetBy(face: DeclaredFace, characters: Iterable<string>, han: HanScript = face.han ?? "Hans"): string[] {
  const inRange = [...characters].filter((character) => inUnicodeRange(face, character.codePointAt(0)!));
  if (!face.fallback) return inRange;
  const faces = coverageFaces(han);
  // The face that stands for this one's characters: its family's regular weight with the same range.
  const position = faces.findIndex((opened) => opened.family === face.family && opened.unicodeRange === face.unicodeRange);
  const [own, before] = [faces[position]!, faces.slice(0, position)];
  return inRange.filter((character) => {
    const codePoint = character.codePointAt(0)!;
    return fontOf(own).hasGlyphForCodePoint(codePoint) && !hasDeclaredGlyph(codePoint, before);
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
  // Only what the book's own faces leave, and can be seen, is worth asking some 180 fallback faces about.
  const ownFaces = coverageFaces(han).filter((face) => !face.fallback);
  const left = [...characters].filter((character) => !isInvisible(character) && !hasDeclaredGlyph(character.codePointAt(0)!, ownFaces));
  return bookFaces(han).filter((face) => !face.fallback || charactersSetBy(face, left, han).length > 0);
}

/** The faces that set text, for messages: the book's own by name, the fallbacks counted. */
function faceNames(han: HanScript): string {
  const faces = coverageFaces(han);
  const own = [...new Set(faces.filter((face) => !face.fallback).map((face) => fontOf(face).familyName))].join(" / ");
  const scriptFallbacks = new Set(faces.flatMap((face) => face.scripts ?? [])).size;
  return `${own}, and fallbacks for symbols, emoji, rare Han and ${scriptFallbacks} other scripts`;
}

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
          isCovered = hasDeclaredGlyph(codePoint, coverageFaces(han));
          covered.set(codePoint, isCovered);
        }
        if (!isCovered) {
          reported.add(character);
          uncovered.add(character);
          const hex = codePoint.toString(16).toUpperCase().padStart(4, "0");
          const consequence = severity === "error" ? "replace it, or describe it in words" : `it is set as ${placeholder}`;
          (severity === "error" ? error : warn)(
            file,
            `Unexpected character “${character}” (U+${hex}, ${scriptOf(character)}) that no font can print, expected characters of the declared fonts (${faceNames(han)}): ${consequence}`,
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
