import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import subsetFont from "subset-font";
import { charactersSetBy } from "../fonts/coverage.ts";
import type { DeclaredFace } from "../fonts/declared.ts";
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
  for (const font of faces) {
    // A face none of whose characters the book uses (the rare-Han fallback, usually) is left out.
    const used = charactersSetBy(font, characters).join("");
    if (used === "") continue;
    const filename = `${path.basename(font.file, ".ttf")}.woff2`;
    const subset = await subsetFont(await readFile(font.file), used, { targetFormat: "woff2" });
    const fontPath = path.join(workDir, filename);
    await writeFile(fontPath, subset);
    fonts.push({ filename, path: fontPath });
    rules.push(fontFaceRule(font, `fonts/${filename}`, "woff2"));
  }
  return { fonts, css: rules.join("\n") };
}
