import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ownTempFolder } from "../book/paths.ts";
import { declaredFonts } from "../fonts/declared.ts";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A fontconfig configuration that shows Chromium only the declared faces' files among the system's
 * fonts. Chromium sets every character from the book's @font-face stacks, but a cluster that no
 * single face of a stack can set whole (an isolated Devanagari mark after an ASCII quote, in Rust
 * 程式設計語言's code) it takes from any system font that can: Noto Sans Devanagari, which the book
 * does not declare, and the font check failed the build. Seeing only declared files, it takes a
 * declared one (Noto Serif Devanagari has the quote too). The system's caches are read as they are.
 */
export function fontconfigXml(files: readonly string[]): string {
  const folders = [...new Set(files.map((file) => path.dirname(file)))];
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    "<fontconfig>",
    ...folders.map((folder) => `  <dir>${escapeXml(folder)}</dir>`),
    "  <cachedir>/var/cache/fontconfig</cachedir>",
    "  <cachedir prefix=\"xdg\">fontconfig</cachedir>",
    "  <selectfont>",
    ...files.map((file) => `    <acceptfont><glob>${escapeXml(file)}</glob></acceptfont>`),
    "    <rejectfont><glob>*</glob></rejectfont>",
    "  </selectfont>",
    "</fontconfig>",
    "",
  ].join("\n");
}

/** The configuration's file, named for what it holds, in the user's own temporary folder. */
export async function declaredFontconfig(): Promise<string> {
  const systemFiles = declaredFonts.map((font) => font.file).filter((file) => file.startsWith("/usr/share/fonts/"));
  const xml = fontconfigXml([...new Set(systemFiles)]);
  const file = path.join(await ownTempFolder(), `fonts-${createHash("sha256").update(xml).digest("hex").slice(0, 16)}.conf`);
  await writeFile(file, xml);
  return file;
}
