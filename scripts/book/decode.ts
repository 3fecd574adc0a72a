import { readFile } from "node:fs/promises";
import { VFile } from "vfile";
import { error } from "../diagnostics.ts";

/**
 * Manuscripts arrive from many editors' tools. UTF-8 (with or without BOM) and CRLF are taken as they
 * are; UTF-16 with a BOM is decoded; anything else that is not valid UTF-8 (GBK/GB18030 from Windows
 * editors, most often) is refused rather than guessed, because a wrong guess puts mojibake in the book.
 */
export type Decoded =
  | { ok: true; text: string; note?: string }
  | { ok: false; reason: string };

export function decodeManuscriptText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: normalizeLineEnds(new TextDecoder("utf-16le").decode(bytes.subarray(2))), note: "UTF-16LE" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: normalizeLineEnds(new TextDecoder("utf-16be").decode(bytes.subarray(2))), note: "UTF-16BE" };
  }
  try {
    // TextDecoder drops a UTF-8 BOM by itself.
    return { ok: true, text: normalizeLineEnds(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return {
      ok: false,
      reason:
        "Unexpected bytes that are not UTF-8 (the file is probably saved as GBK/GB18030), expected UTF-8: " +
        "re-save it as “UTF-8” in your editor, or run `iconv -f GB18030 -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE`",
    };
  }
}

function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** C0 control characters but tab and line feed: they print nothing, and XML (an EPUB's pages) cannot hold them. */
const controlCharacters = /[\u0000-\u0008\u000b-\u001f]/g;

/** The text without its control characters, and where each one was (offsets into `text`). */
export function withoutControlCharacters(text: string): { text: string; removed: Array<{ offset: number; character: string }> } {
  const removed = [...text.matchAll(controlCharacters)].map((match) => ({ offset: match.index, character: match[0] }));
  return { text: removed.length > 0 ? text.replace(controlCharacters, "") : text, removed };
}

/**
 * A file of the manuscript other than a chapter (the bibliography, the index's terms) read and
 * decoded; none when it cannot be read. A text that cannot be decoded is an error on the file,
 * which is then left empty (`readable: false`).
 */
export async function readManuscriptFile(filePath: string): Promise<{ file: VFile; readable: boolean } | undefined> {
  const bytes = await readFile(filePath).catch(() => undefined);
  if (!bytes) return undefined;
  const file = new VFile({ path: filePath });
  const decoded = decodeManuscriptText(bytes);
  if (!decoded.ok) error(file, decoded.reason, undefined, "encoding");
  else file.value = decoded.text;
  return { file, readable: decoded.ok };
}
