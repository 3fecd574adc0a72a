import { randomBytes } from "node:crypto";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeManuscriptText } from "../book/decode.ts";

type Encoding = "UTF-8" | "UTF-16LE" | "UTF-16BE";

/** A chapter file's text exactly as stored: BOM (as U+FEFF) and line ends kept, so it can be written back the same. */
export interface RawText {
  text: string;
  encoding: Encoding;
}

/** Decodes as the loader does (decode.ts decides what is accepted and which encoding it is), but keeps BOM and CR. */
export function decodeRaw(bytes: Uint8Array): RawText | undefined {
  const decoded = decodeManuscriptText(bytes);
  if (!decoded.ok) return undefined;
  const encoding = (decoded.note ?? "UTF-8") as Encoding;
  return { text: new TextDecoder(encoding.toLowerCase(), { ignoreBOM: true }).decode(bytes), encoding };
}

export function encodeRaw({ text, encoding }: RawText): Buffer {
  if (encoding === "UTF-8") return Buffer.from(text, "utf8");
  const littleEndian = Buffer.from(text, "utf16le");
  return encoding === "UTF-16LE" ? littleEndian : littleEndian.swap16();
}

export async function readRaw(file: string): Promise<RawText | undefined> {
  return decodeRaw(await readFile(file));
}

/**
 * Replaces `file` in one step: the new bytes go to a temporary file beside it (same file system,
 * same permissions) that is then renamed over it, so an interrupted run never leaves half a chapter.
 */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, bytes, { mode: (await stat(file)).mode & 0o777, flag: "wx" });
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
}
