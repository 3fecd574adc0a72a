import path from "node:path";
import citationJs, { type CslItem } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { VFile } from "vfile";
import { location } from "vfile-location";
import type { Point } from "unist";
import { error, warn } from "../diagnostics.ts";
import { readManuscriptFile } from "./decode.ts";
import { isInside } from "./paths.ts";
import { readYaml } from "./yaml.ts";

/** The works the book may cite: book.yaml's `bibliography`, one file or several, read and checked at load. */
export interface Bibliography {
  /** The first bibliography file, whose works the book's list of references sets out (the list's messages go there). */
  file: VFile;
  /** Every bibliography file, for messages about them. */
  files: VFile[];
  /** Their entries as CSL-JSON, each with a `language` (en-US, zh-CN …) that chooses et al. or 等. */
  entries: CslItem[];
  /** Where each entry's key is written: its file and place there (an entry no chapter cites is warned of there). */
  places: ReadonlyMap<string, { file: VFile; place?: Point }>;
}

const formats: Record<string, "bibtex" | "json" | "yaml"> = { ".bib": "bibtex", ".bibtex": "bibtex", ".json": "json", ".yaml": "yaml", ".yml": "yaml" };

/**
 * Reads the bibliography files book.yaml names (BibTeX, CSL-JSON or CSL-YAML; Quarto's books often
 * list two, their own and the one knitr writes for the packages); a problem is an error on the file,
 * at its line where the parser says, and a key in two files is a warning at the second, which is left out. `at` is
 * where book.yaml names them.
 */
export async function loadBibliography(source: VFile, names: readonly string[], manuscriptDir: string, at: Point | undefined): Promise<Bibliography | undefined> {
  const loaded = (await Promise.all(names.map((name) => loadBibliographyFile(source, name, manuscriptDir, at)))).filter((one) => one !== undefined);
  if (loaded.length === 0) return undefined;
  const places = new Map<string, { file: VFile; place?: Point }>();
  const entries: CslItem[] = [];
  for (const { file, entries: own } of loaded) {
    for (const entry of own) {
      const first = places.get(entry.id);
      if (first) {
        warn(file, `Unexpected entry \`${entry.id}\` that \`${first.file.basename}\` has too, expected each key in one bibliography file: the first is cited; rename or remove one`, keyPlace(file, entry.id), "bibliography-duplicate");
        continue;
      }
      places.set(entry.id, { file, place: keyPlace(file, entry.id) });
      entries.push(withLanguage(entry));
    }
  }
  return { file: loaded[0]!.file, files: loaded.map(({ file }) => file), entries, places };
}

async function loadBibliographyFile(source: VFile, name: string, manuscriptDir: string, at: Point | undefined): Promise<{ file: VFile; entries: CslItem[] } | undefined> {
  const filePath = path.resolve(manuscriptDir, name);
  const format = formats[path.extname(filePath).toLowerCase()];
  if (!format) {
    error(source, `Unexpected \`bibliography: ${name}\`, expected a BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) file`, at, "bibliography");
    return undefined;
  }
  const read = isInside(manuscriptDir, filePath) ? await readManuscriptFile(filePath) : undefined;
  if (!read) {
    error(source, `Unexpected \`bibliography: ${name}\` that is not a file in the manuscript folder, expected the works the chapters cite at \`${filePath}\``, at, "bibliography");
    return undefined;
  }
  const { file, readable } = read;
  return { file, entries: readable ? checkedEntries(file, parseEntries(file, format)) : [] };
}

function parseEntries(file: VFile, format: "bibtex" | "json" | "yaml"): unknown[] {
  const text = String(file.value);
  const place = location(file);
  if (format === "bibtex") {
    try {
      return citationJs.plugins.input.chain(text, { forceType: "@biblatex/text", generateGraph: false });
    } catch (cause) {
      const message = (cause as Error).message;
      const [, line, column] = /at line (\d+) col (\d+)/.exec(message) ?? [];
      error(file, `Unexpected BibTeX syntax (${message.split("\n")[0]!.replace(/ at line \d+ col \d+:?$/, "")}), expected entries written \`@article{key, title = {…}, …}\`: check the braces and commas before this point`, line ? { line: Number(line), column: Number(column) } : undefined, "bibliography-syntax");
      return [];
    }
  }
  if (format === "json") {
    try {
      return asList(file, JSON.parse(text));
    } catch (cause) {
      const offset = /position (\d+)/.exec((cause as Error).message)?.[1];
      error(file, `Unexpected JSON syntax (${(cause as Error).message}), expected a CSL-JSON list of entries \`[{"id": …, "type": …, "title": …}]\``, offset ? place.toPoint(Number(offset)) : undefined, "bibliography-syntax");
      return [];
    }
  }
  const read = readYaml(text);
  if (!read.ok) {
    for (const problem of read.problems) error(file, problem.message, problem.offset === undefined ? undefined : place.toPoint(problem.offset), "bibliography-syntax");
    return [];
  }
  // CSL-YAML as Pandoc writes it: the list under `references:`, or the list itself.
  const value = read.value as { references?: unknown } | null;
  return asList(file, value && typeof value === "object" && "references" in value ? value.references : value);
}

function asList(file: VFile, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  error(file, "Unexpected bibliography that is not a list, expected a list of entries, each with `id`, `type` and `title`", undefined, "bibliography");
  return [];
}

/** Entries with a key, a type and a title; a key given twice is a warning at the second, which is left out (as Pandoc does, so that a real book's bibliography with a repeated entry still builds). */
function checkedEntries(file: VFile, entries: readonly unknown[]): CslItem[] {
  const seen = new Set<string>();
  const checked: CslItem[] = [];
  entries.forEach((entry, index) => {
    const item = entry as Partial<CslItem> | null;
    const id = item && typeof item === "object" && item.id !== undefined ? String(item.id) : undefined;
    if (!id || typeof item!.type !== "string" || !item!.title) {
      const missing = !id ? "key (`id`)" : typeof item!.type !== "string" ? "type" : "title";
      error(file, `Unexpected entry ${id ? `\`${id}\`` : `number ${index + 1}`} without a ${missing}, expected every entry to have a key, a type and a title`, id ? keyPlace(file, id) : undefined, "bibliography-entry");
      return;
    }
    if (seen.has(id)) {
      warn(file, `Unexpected second entry \`${id}\`, expected each key once: the first is cited; rename or remove one`, keyPlace(file, id, 2), "bibliography-duplicate");
      return;
    }
    seen.add(id);
    checked.push({ ...item, id } as CslItem);
  });
  return checked;
}

/** Where a key is written: the `nth` time it stands as a whole word in the file. */
function keyPlace(file: VFile, key: string, nth = 1): Point | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = [...String(file.value).matchAll(new RegExp(`(?<![\\w:.-])${escaped}(?![\\w:.-])`, "g"))][nth - 1];
  return found?.index === undefined ? undefined : location(file).toPoint(found.index);
}

const han = /\p{Script=Han}/u;

/**
 * An entry's language as a BCP 47 tag: from BibTeX's `langid`/`language` (english, chinese …) or
 * CSL's `language`, else Chinese when its title or an author's name has Han characters. The
 * styles' English layouts apply to `en` entries (et al.), the Chinese to the rest (等).
 */
function withLanguage(entry: CslItem): CslItem {
  const given = typeof entry.language === "string" ? entry.language.trim().toLowerCase() : "";
  const named = /^(en|english|american|british|usenglish|ukenglish)\b/.test(given) ? "en-US" : /^(zh|chinese|pinyin)\b/.test(given) ? "zh-CN" : given;
  const detected = han.test([entry.title, ...(entry.author ?? []).map((name) => `${name.family ?? ""}${name.given ?? ""}${name.literal ?? ""}`)].join("")) ? "zh-CN" : "en-US";
  return { ...entry, language: named || detected };
}
