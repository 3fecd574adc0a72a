import JSZip from "jszip";
import { takeSourceMarks, type SourceMark } from "./source-marks.ts";

export interface PackagedEpub {
  bytes: Uint8Array;
  /** Archive entry (`OEBPS/chapter-001.xhtml`) → where its elements came from in the manuscript. */
  sourceMarks: ReadonlyMap<string, readonly SourceMark[]>;
}

export interface ArchiveOptions {
  /** Timestamp of every entry, so that unchanged input zips to the same bytes. */
  date: Date;
  /** Stable names for files epub-gen-memory named at random (its image ids), old → new. */
  renames: ReadonlyMap<string, string>;
}

const textEntry = /\.(xhtml|opf|ncx|css)$/;

/**
 * An SVG figure without its DOCTYPE: EPUB 3 forbids the external identifier that editors write
 * (`"-//W3C//DTD SVG 1.1//EN"`, OPF-073), and browsers ignore it. Nothing in the figure depends on
 * it: the images stage refuses an SVG that uses an entity the DOCTYPE declares (book/svg.ts).
 */
const withoutDoctype = (svg: string) => svg.replace(/<!DOCTYPE[^[>]*(\[[^\]]*\])?\s*>\s*/i, "");

/**
 * Rewrites epub-gen-memory's zip into a reproducible one: mimetype first and stored, entries in a
 * fixed order with a fixed date and no folder entries, random image names replaced, and the
 * `&#x…;` escapes its serializer writes for every non-ASCII character turned back into text; the
 * pages' source marks are taken out (source-marks.ts) and kept beside the archive.
 */
export async function normalizeEpubArchive(epub: Uint8Array, options: ArchiveOptions): Promise<PackagedEpub> {
  const source = await JSZip.loadAsync(epub);
  const target = new JSZip();
  const entryOptions = { date: options.date, createFolders: false };
  target.file("mimetype", "application/epub+zip", { ...entryOptions, compression: "STORE" });
  const sourceMarks = new Map<string, SourceMark[]>();
  const names = Object.keys(source.files).filter((name) => name !== "mimetype" && !source.files[name]!.dir);
  for (const name of names) {
    const entry = source.files[name]!;
    let targetName = name;
    for (const [from, to] of options.renames) targetName = targetName.replaceAll(from, to);
    if (textEntry.test(name)) {
      let text = await entry.async("string");
      for (const [from, to] of options.renames) text = text.replaceAll(from, to);
      text = text.replace(/&#x([0-9a-f]+);/gi, (escape, hex: string) => {
        const codePoint = Number.parseInt(hex, 16);
        return codePoint > 0x7f ? String.fromCodePoint(codePoint) : escape;
      });
      const { text: unmarked, marks } = takeSourceMarks(text);
      if (marks.length > 0) sourceMarks.set(targetName, marks);
      target.file(targetName, unmarked, entryOptions);
    } else if (name.endsWith(".svg")) {
      target.file(targetName, withoutDoctype(await entry.async("string")), entryOptions);
    } else {
      target.file(targetName, await entry.async("uint8array"), entryOptions);
    }
  }
  const bytes = await target.generateAsync({ type: "uint8array", mimeType: "application/epub+zip", compression: "DEFLATE", compressionOptions: { level: 9 } });
  return { bytes, sourceMarks };
}
