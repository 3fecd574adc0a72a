import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import subsetFont from "subset-font";
import { charactersSetBy } from "../fonts/coverage.ts";
import { facesByFile, type DeclaredFace } from "../fonts/declared.ts";
import { fontFaceRule } from "../fonts/font-css.ts";
import type { EpubFont } from "./package.ts";

export interface EmbeddedFonts {
  fonts: EpubFont[];
  /** @font-face rules pointing at the EPUB's fonts/ folder. */
  css: string;
}

/**
 * The declared faces, each cut down to the characters the book uses (a full CJK face is 15 MB; the
 * subset of a short book is a few hundred KB) and written as WOFF2 into `workDir`.
 */
export async function subsetFontsForEpub(text: string, faces: readonly DeclaredFace[], workDir: string): Promise<EmbeddedFonts> {
  const characters = [...new Set(text)];
  const fonts: EpubFont[] = [];
  const rules: string[] = [];
  for (const [file, fileFaces] of facesByFile(faces)) {
    const usedBy = fileFaces.map((font) => ({ font, used: charactersSetBy(font, characters) })).filter(({ used }) => used.length > 0);
    // A face none of whose characters the book uses (the rare-Han fallback, usually) is left out.
    if (usedBy.length === 0) continue;
    const filename = `${path.basename(file, ".ttf")}.woff2`;
    const subset = await subsetFont(await readFile(file), [...new Set(usedBy.flatMap(({ used }) => used))].join(""), { targetFormat: "woff2" });
    const fontPath = path.join(workDir, filename);
    await writeFile(fontPath, subset);
    fonts.push({ filename, path: fontPath });
    for (const { font } of usedBy) rules.push(fontFaceRule(font, `fonts/${filename}`, "woff2"));
  }
  return { fonts, css: rules.join("\n") };
}
