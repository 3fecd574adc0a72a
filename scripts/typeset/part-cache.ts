import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ParsedChapter } from "../markdown/parse.ts";
import type { OutlineEntry } from "./outline.ts";

/** A part of the book as typeset before: its PDF and what the rest of the book needs to know of it. */
export interface TypesetPart {
  bytes: Uint8Array;
  pages: number;
  /** Page of each link target (chapter openings, cross-referenced headings), counted from the part's first page (1). */
  targetPages: Record<string, number>;
  outline: OutlineEntry[];
}

/**
 * Parts of the book typeset by earlier builds, kept in the output folder's `.cache/parts`. A part's
 * PDF depends only on its HTML, the number of its first page, the page numbers it refers to, the images, the pipeline's code,
 * styles, fonts and Chromium, so an entry is found by the hash of all of them: an edited chapter
 * changes its own part (and, if its page count changes, the numbers of those after it). New entries
 * wait in the build's private folder and join the cache only when the build succeeds, which also
 * drops the entries it did not use.
 */
export interface PartCache {
  key(layout: string, firstPage: number, html: string): string;
  get(key: string): Promise<TypesetPart | undefined>;
  put(key: string, part: TypesetPart): Promise<void>;
  /** After a successful build: keep exactly the parts it used. */
  commit(): Promise<void>;
}

/** What every cached part depends on besides its HTML and first page: the tools, and the images' bytes. */
export async function partCacheSalt(toolsFingerprint: string, chapters: readonly ParsedChapter[]): Promise<string> {
  const hash = createHash("sha256").update(toolsFingerprint);
  for (const file of new Set(chapters.flatMap((chapter) => chapter.images.map((image) => image.absolutePath)))) hash.update(`\0${file}\0`).update(await readFile(file));
  return hash.digest("hex");
}

export const partCacheFolder = (outDir: string) => path.join(outDir, ".cache", "parts");

export function openPartCache(options: { outDir: string; workDir: string; salt: string; reuse: boolean }): PartCache {
  const folder = partCacheFolder(options.outDir);
  const pending = path.join(options.workDir, "parts");
  const used = new Map<string, string>();
  const files = (key: string, base: string) => ({ pdf: path.join(base, `${key}.pdf`), facts: path.join(base, `${key}.json`) });
  return {
    key: (layout, firstPage, html) => createHash("sha256").update(JSON.stringify([options.salt, layout, firstPage])).update(html).digest("hex"),
    async get(key) {
      if (!options.reuse) return undefined;
      const { pdf, facts } = files(key, folder);
      try {
        const [bytes, recorded] = await Promise.all([readFile(pdf), readFile(facts, "utf8")]);
        used.set(key, folder);
        return { ...(JSON.parse(recorded) as Omit<TypesetPart, "bytes">), bytes: new Uint8Array(bytes) };
      } catch {
        return undefined;
      }
    },
    async put(key, { bytes, ...facts }) {
      await mkdir(pending, { recursive: true });
      const target = files(key, pending);
      await writeFile(target.pdf, bytes);
      await writeFile(target.facts, JSON.stringify(facts));
      used.set(key, pending);
    },
    async commit() {
      await mkdir(folder, { recursive: true });
      for (const [key, base] of used) {
        if (base === folder) continue;
        const [from, to] = [files(key, base), files(key, folder)];
        // The build's private folder may be on another disk: copied, not moved.
        await copyFile(from.pdf, to.pdf);
        await copyFile(from.facts, to.facts);
      }
      const unused = (await readdir(folder)).filter((name) => !used.has(name.replace(/\.(pdf|json)$/, "")));
      await Promise.all(unused.map((name) => rm(path.join(folder, name), { force: true })));
    },
  };
}
