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

/** A stretch of a joined book PDF that one part of the layout printed, and the key its PDF is cached under. */
export interface PartPages {
  first: number;
  pages: number;
  key?: string;
}

/**
 * Parts of the book typeset by earlier builds, kept in the output folder's `.cache/parts`, with
 * what else a build can take from the last (artifacts). A part's
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
  /**
   * Anything else a build makes from inputs it can name (the EPUB's drawn cover, a layout's page
   * numbers), found by the hash of `inputs` and the salt; kept and dropped as the parts are.
   */
  artifactKey(...inputs: string[]): string;
  getArtifact(key: string): Promise<Uint8Array | undefined>;
  putArtifact(key: string, bytes: Uint8Array): Promise<void>;
  /** After a successful build: keep exactly the parts and artifacts it used. */
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
  /** Each entry used by this build: the folder it is in, and its files' extensions. */
  const used = new Map<string, { base: string; extensions: string[] }>();
  const file = (key: string, base: string, extension: string) => path.join(base, `${key}.${extension}`);
  const read = async (key: string, extensions: string[]) => {
    if (!options.reuse) return undefined;
    try {
      const contents = await Promise.all(extensions.map((extension) => readFile(file(key, folder, extension))));
      used.set(key, { base: folder, extensions });
      return contents;
    } catch {
      return undefined;
    }
  };
  const write = async (key: string, contents: Record<string, Uint8Array | string>) => {
    await mkdir(pending, { recursive: true });
    for (const [extension, content] of Object.entries(contents)) await writeFile(file(key, pending, extension), content);
    used.set(key, { base: pending, extensions: Object.keys(contents) });
  };
  return {
    key: (layout, firstPage, html) => createHash("sha256").update(JSON.stringify([options.salt, layout, firstPage])).update(html).digest("hex"),
    async get(key) {
      const found = await read(key, ["pdf", "json"]);
      return found && { ...(JSON.parse(found[1]!.toString("utf8")) as Omit<TypesetPart, "bytes">), bytes: new Uint8Array(found[0]!) };
    },
    put: (key, { bytes, ...facts }) => write(key, { pdf: bytes, json: JSON.stringify(facts) }),
    artifactKey: (...inputs) => createHash("sha256").update(JSON.stringify([options.salt, ...inputs])).digest("hex"),
    async getArtifact(key) {
      const found = await read(key, ["bin"]);
      return found && new Uint8Array(found[0]!);
    },
    putArtifact: (key, bytes) => write(key, { bin: bytes }),
    async commit() {
      await mkdir(folder, { recursive: true });
      for (const [key, { base, extensions }] of used) {
        if (base === folder) continue;
        // The build's private folder may be on another disk: copied, not moved.
        for (const extension of extensions) await copyFile(file(key, base, extension), file(key, folder, extension));
      }
      const unused = (await readdir(folder)).filter((name) => !used.has(name.replace(/\.\w+$/, "")));
      await Promise.all(unused.map((name) => rm(path.join(folder, name), { force: true })));
    },
  };
}
