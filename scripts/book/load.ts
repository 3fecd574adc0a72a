import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { closest } from "fastest-levenshtein";
import { VFile } from "vfile";
import { location } from "vfile-location";
import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { nearestNode, readYaml } from "./yaml.ts";
import { assertNoErrors, BuildFailure, error, warn } from "../diagnostics.ts";
import { loadBibliography, type Bibliography } from "./bibliography.ts";
import { decodeManuscriptText, withoutControlCharacters } from "./decode.ts";
import { imageFileProblem } from "./images.ts";
import { loadIndexTerms, type IndexTermsFile } from "./index-terms.ts";
import { isInside } from "./paths.ts";
import type { z } from "zod";
import { bookKeys, bookSchema, type BookConfig, type ChapterEntry } from "./schema.ts";

/** Where a file stands in the book's structure, as book.yaml nests it. */
export interface FilePlace {
  /** A part's title page, a chapter (opening on a recto), or a section continuing the chapter before it. */
  role: "part" | "chapter" | "section";
  /** 0 for parts and chapters, 1 for a chapter's sections, 2 for the sections of those … */
  depth: number;
  /** Whether it belongs to a part, which puts it a level lower in the contents and bookmarks. */
  inPart: boolean;
  /** The title book.yaml gives it: a part's, or a chapter's from the site's contents. */
  title?: string;
}

declare module "vfile" {
  interface DataMap {
    place: FilePlace;
  }
}

export interface LoadOptions {
  /** Folder holding book.yaml. */
  manuscriptDir: string;
  /**
   * What to tell an editor whose folder has no book.yaml (the site `init:book` can read there);
   * given by the commands, since recognising sites is init's business, not the loader's.
   */
  describeFolder?: (folder: string) => Promise<string>;
}

/** The manuscript, validated: every later stage works from this object and nothing else on disk. */
export interface LoadedBook {
  config: BookConfig;
  /** Absolute, symlink-free path of the manuscript folder. */
  manuscriptDir: string;
  /** book.yaml itself, for messages about the book as a whole. */
  source: VFile;
  /** One file per chapter, in reading order, its text decoded to UTF-8 with LF line ends. */
  chapters: VFile[];
  /** Absolute, symlink-free folder that site-root paths (`/img/x.png`) start from: `assets`, else the manuscript folder. */
  assetsDir: string;
  /** The index's terms file (book.yaml's `index:`, or `index.yaml`), when the book has one. */
  indexTerms?: IndexTermsFile;
  /** Absolute path of the checked cover image, when book.yaml names one. */
  coverPath?: string;
  /** The works the chapters may cite, when book.yaml names a `bibliography`. */
  bibliography?: Bibliography;
  /**
   * The date reproducible outputs carry: SOURCE_DATE_EPOCH when set, else book.yaml's `date`, else
   * the newest modification time of the manuscript's files (so an unchanged manuscript rebuilds
   * to the same bytes).
   */
  sourceDate: Date;
}

export const bookFileName = "book.yaml";

export async function loadBook(options: LoadOptions): Promise<LoadedBook> {
  const bookPath = path.resolve(options.manuscriptDir, bookFileName);
  const source = new VFile({ path: bookPath });
  const bytes = await readFile(bookPath).catch(() => undefined);
  if (!bytes) {
    error(source, await missingBookYamlMessage(bookPath, options.describeFolder), undefined, "missing-book-yaml");
    assertNoErrors([source]);
  }
  const decoded = decodeManuscriptText(bytes!);
  if (!decoded.ok) {
    error(source, decoded.reason, undefined, "encoding");
    assertNoErrors([source]);
  }
  source.value = decoded.ok ? decoded.text : "";
  const config = parseConfig(source);
  warnIsbnWithoutPrice(source, config);
  const manuscriptDir = await realpath(path.dirname(bookPath));
  const chapters = await loadChapters(source, config, manuscriptDir);
  const assetsDir = config.assets ? await checkAssets(source, config.assets, manuscriptDir) : manuscriptDir;
  const coverPath = config.cover?.image ? await checkCover(source, config.cover.image, manuscriptDir) : undefined;
  const bibliography = config.bibliography ? await loadBibliography(source, config.bibliography, manuscriptDir, placeOf(source, ["bibliography"])) : undefined;
  assertNoErrors([source, ...(bibliography?.files ?? [])]);
  // The terms file's problems are the caller's to report with the chapters' (prepare.ts).
  const indexTerms = await loadIndexTerms(source, config, manuscriptDir, placeOf(source, ["index"]));
  const sourceDate = await reproducibleDate(config, [bookPath, ...chapters.map((file) => file.path), ...(coverPath ? [coverPath] : []), ...(bibliography?.files ?? []).map((file) => file.path), ...(indexTerms ? [indexTerms.file.path] : [])]);
  return { config, manuscriptDir, source, chapters, assetsDir, coverPath, bibliography, sourceDate, ...(indexTerms ? { indexTerms } : {}) };
}

/** The missing book.yaml's message, with the site generator found in the folder, which init:book can write it from. */
async function missingBookYamlMessage(bookPath: string, describeFolder: LoadOptions["describeFolder"]): Promise<string> {
  const folder = path.dirname(bookPath);
  const description = (await describeFolder?.(folder).catch(() => undefined)) ?? "copy manuscript/book.yaml as a start";
  return `Unexpected missing \`${bookFileName}\`, expected the book’s description at \`${bookPath}\`: ${description}`;
}

function parseConfig(source: VFile): BookConfig {
  const text = String(source.value);
  const place = location(source);
  const read = readYaml(text);
  if (!read.ok) {
    for (const problem of read.problems) error(source, problem.message, problem.offset === undefined ? undefined : place.toPoint(problem.offset), "yaml");
    throw new BuildFailure([source]);
  }
  const { document, value: raw } = read;
  if (!isMap(document.contents)) {
    error(source, "Unexpected empty or non-mapping book.yaml, expected keys such as `title:`, `authors:` and `chapters:`", undefined, "yaml");
    assertNoErrors([source]);
  }
  warnUnknownKeys(source, document, bookKeys, place);
  const parsed = bookSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const node = nearestNode(document, issue.path);
    error(source, describeIssue(issue, valueAt(raw, issue.path)), node?.range ? place.toPoint(node.range[0]) : undefined, "schema");
  }
  assertNoErrors([source]);
  throw new Error("unreachable: schema failed without issues");
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const key = issue.path.join(".");
  const field = bookSchema.shape[issue.path[0] as keyof typeof bookSchema.shape];
  const help = field?.description ? ` (${field.description})` : "";
  if (issue.code !== "invalid_type") return `\`${key}\`: ${issue.message}${help}`;
  if (value === undefined) return `Unexpected missing \`${key}\`, expected it in book.yaml${help}`;
  const received = Array.isArray(value) ? "list" : value === null ? "empty value" : typeof value === "object" ? "mapping" : typeof value;
  const expected = issue.expected === "array" ? "a list (one `- item` per line, or `[a, b]`)" : issue.expected === "record" || issue.expected === "object" ? "a mapping of `key: value` lines" : `a ${issue.expected}`;
  return `Unexpected ${received} for \`${key}\`, expected ${expected}${help}`;
}

function valueAt(value: unknown, keyPath: readonly PropertyKey[]): unknown {
  return keyPath.reduce<unknown>((current, key) => (current && typeof current === "object" ? (current as Record<PropertyKey, unknown>)[key] : undefined), value);
}


function warnUnknownKeys(source: VFile, document: Document, known: readonly string[], place: ReturnType<typeof location>): void {
  if (!isMap(document.contents)) return;
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (known.includes(key)) continue;
    const range = isScalar(pair.key) ? pair.key.range : undefined;
    warn(source, `Unexpected key \`${key}\`, expected a known key: did you mean \`${closest(key, [...known])}\`? (it is ignored)`, range ? place.toPoint(range[0]) : undefined, "unknown-key");
  }
}

/** book.yaml read for places, once per file: a book of 300 chapters asks for 300 of them. */
const placedDocuments = new WeakMap<VFile, { document: Document; place: ReturnType<typeof location> }>();

/** Where the value at `keyPath` (`["cover"]`, `["chapters", 2]`) stands in book.yaml, for a message about it. */
function placeOf(source: VFile, keyPath: readonly (string | number)[]) {
  let placed = placedDocuments.get(source);
  if (!placed) {
    placed = { document: parseDocument(String(source.value)), place: location(source) };
    placedDocuments.set(source, placed);
  }
  const node = placed.document.getIn(keyPath, true) as YamlNode | undefined;
  return node?.range ? placed.place.toPoint(node.range[0]) : undefined;
}

/** A book with an ISBN is sold, and its colophon (and the cover, under the barcode) must state its 定价. */
function warnIsbnWithoutPrice(source: VFile, config: BookConfig): void {
  if (config.isbn && !config.price) warn(source, "Unexpected `isbn` without `price`, expected the 定价 a book with an ISBN prints on its colophon and cover: add `price:` in yuan, such as `price: 58.00`", placeOf(source, ["isbn"]), "isbn-without-price");
}

/** A file book.yaml lists, with where it is written there (for messages) and where it stands in the book. */
interface ListedFile {
  /** Relative to book.yaml; none for a part given only a title. */
  entry?: string;
  keyPath: (string | number)[];
  place: FilePlace;
  /** Whether the book needs it even when it is empty: it carries a title, sections or a part. */
  holdsStructure: boolean;
}

/** book.yaml's `chapters:` in reading order, parts and nested sections flattened. */
function listFiles(config: BookConfig): ListedFile[] {
  const chapter = (entry: ChapterEntry, keyPath: (string | number)[], depth: number, inPart: boolean): ListedFile[] => {
    const place: FilePlace = { role: depth === 0 ? "chapter" : "section", depth, inPart };
    if (typeof entry === "string") return [{ entry, keyPath, place, holdsStructure: false }];
    const own = { entry: entry.file, keyPath: [...keyPath, "file"], place: { ...place, title: entry.title }, holdsStructure: Boolean(entry.title || entry.sections) };
    return [own, ...(entry.sections ?? []).flatMap((section, index) => chapter(section, [...keyPath, "sections", index], depth + 1, inPart))];
  };
  return config.chapters.flatMap((entry, index): ListedFile[] => {
    if (typeof entry === "string" || !("part" in entry)) return chapter(entry, ["chapters", index], 0, false);
    const part: ListedFile = { entry: entry.file, keyPath: ["chapters", index, entry.file ? "file" : "part"], place: { role: "part", depth: 0, inPart: true, title: entry.part }, holdsStructure: true };
    return [part, ...entry.chapters.flatMap((inner, innerIndex) => chapter(inner, ["chapters", index, "chapters", innerIndex], 0, true))];
  });
}

async function loadChapters(source: VFile, config: BookConfig, manuscriptDir: string): Promise<VFile[]> {
  const seen = new Set<string>();
  const chapters: VFile[] = [];
  for (const { entry, keyPath, place, holdsStructure } of listFiles(config)) {
    const entryPlace = placeOf(source, keyPath);
    if (entry === undefined) {
      // A part named in book.yaml without a file of its own: its page holds only its title.
      chapters.push(new VFile({ path: source.path, value: "", data: { place } }));
      continue;
    }
    const chapterPath = path.resolve(manuscriptDir, entry);
    if (seen.has(chapterPath)) {
      warn(source, `Unexpected duplicate chapter \`${entry}\`, expected each file once (the repeat is skipped)`, entryPlace, "duplicate-chapter");
      continue;
    }
    seen.add(chapterPath);
    const real = await realpath(chapterPath).catch(() => undefined);
    if (!real || !(await stat(real)).isFile()) {
      error(source, `Unexpected missing chapter \`${entry}\`, expected a Markdown file at \`${chapterPath}\`: check the name under \`chapters:\``, entryPlace, "missing-chapter");
      continue;
    }
    if (!isInside(manuscriptDir, real)) {
      error(source, `Unexpected chapter \`${entry}\` outside the manuscript folder, expected a file under \`${manuscriptDir}\``, entryPlace, "outside-manuscript");
      continue;
    }
    const file = new VFile({ path: chapterPath, data: { place } });
    const decoded = decodeManuscriptText(await readFile(real));
    if (!decoded.ok) {
      error(file, decoded.reason, undefined, "encoding");
    } else {
      const { text, removed } = withoutControlCharacters(decoded.text);
      file.value = text;
      if (removed.length > 0) {
        const [first] = removed;
        const names = [...new Set(removed.map(({ character }) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`))].join(", ");
        warn(file, `Unexpected control character${removed.length > 1 ? `s (${removed.length}: ${names})` : ` ${names}`}, expected printable text: removed, as they print nothing and an EPUB cannot hold them (delete them in the file to silence this)`, location(new VFile(decoded.text)).toPoint(first!.offset), "control-character");
      }
      if (decoded.note) warn(file, `Unexpected ${decoded.note} text, expected UTF-8: converted; re-save the file as UTF-8 to silence this`, undefined, "encoding");
      if (decoded.text.trim() === "" && !holdsStructure) {
        warn(source, `Unexpected empty chapter \`${entry}\`, expected Markdown text with a \`# 标题\`: it is left out of the book`, entryPlace, "empty-chapter");
        continue;
      }
    }
    chapters.push(file);
  }
  if (!chapters.some((file) => String(file.value).trim() !== "")) error(source, "Unexpected book without any chapter text, expected at least one chapter with Markdown text", undefined, "no-chapters");
  assertNoErrors([source, ...chapters]);
  return chapters;
}

async function checkAssets(source: VFile, assets: string, manuscriptDir: string): Promise<string> {
  const real = await realpath(path.resolve(manuscriptDir, assets)).catch(() => undefined);
  const isFolder = real ? (await stat(real)).isDirectory() : false;
  if (real && isFolder && (real === manuscriptDir || isInside(manuscriptDir, real))) return real;
  const problem = !real || !isFolder ? "that is not a folder" : "outside the manuscript folder";
  error(source, `Unexpected \`assets: ${assets}\` ${problem}, expected a folder inside the manuscript folder (such as \`static\`) that paths starting with \`/\` are read from`, placeOf(source, ["assets"]), "assets");
  throw new BuildFailure([source]);
}

async function checkCover(source: VFile, cover: string, manuscriptDir: string): Promise<string> {
  const coverPath = path.resolve(manuscriptDir, cover);
  const problem = await imageFileProblem(cover, coverPath, manuscriptDir);
  if (problem) {
    error(source, problem, placeOf(source, ["cover", "image"]) ?? placeOf(source, ["cover"]), "cover");
    assertNoErrors([source]);
  }
  return coverPath;
}

async function reproducibleDate(config: BookConfig, files: readonly string[]): Promise<Date> {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  if (process.env.SOURCE_DATE_EPOCH && Number.isInteger(epoch)) return new Date(epoch * 1000);
  if (config.date) return new Date(`${config.date.padEnd(10, "-01").slice(0, 10)}T00:00:00Z`);
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  return new Date(Math.floor(Math.max(...times) / 1000) * 1000);
}
