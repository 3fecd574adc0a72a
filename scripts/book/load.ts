import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { closest } from "fastest-levenshtein";
import { VFile } from "vfile";
import { location } from "vfile-location";
import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { assertNoErrors, error, warn } from "../diagnostics.ts";
import { decodeManuscriptText } from "./decode.ts";
import { bookKeys, bookSchema, type BookConfig } from "./schema.ts";

export interface LoadOptions {
  /** Folder holding book.yaml. */
  manuscriptDir: string;
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
}

export const bookFileName = "book.yaml";

export async function loadBook(options: LoadOptions): Promise<LoadedBook> {
  const bookPath = path.resolve(options.manuscriptDir, bookFileName);
  const source = new VFile({ path: bookPath });
  const bytes = await readFile(bookPath).catch(() => undefined);
  if (!bytes) {
    error(source, `Unexpected missing \`${bookFileName}\`, expected the book’s description at \`${bookPath}\` (copy manuscript/book.yaml as a start)`, undefined, "missing-book-yaml");
    assertNoErrors([source]);
  }
  const decoded = decodeManuscriptText(bytes!);
  if (!decoded.ok) {
    error(source, decoded.reason, undefined, "encoding");
    assertNoErrors([source]);
  }
  source.value = decoded.ok ? decoded.text : "";
  const config = parseConfig(source);
  const manuscriptDir = await realpath(path.dirname(bookPath));
  const chapters = await loadChapters(source, config, manuscriptDir);
  return { config, manuscriptDir, source, chapters };
}

function parseConfig(source: VFile): BookConfig {
  const text = String(source.value);
  const place = location(source);
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const problem of document.errors) {
    error(source, `Unexpected YAML syntax: ${problem.message.split("\n")[0]}, expected valid YAML (check indentation and quotes)`, place.toPoint(problem.pos[0]), "yaml");
  }
  assertNoErrors([source]);
  if (!isMap(document.contents)) {
    error(source, "Unexpected empty or non-mapping book.yaml, expected keys such as `title:`, `authors:` and `chapters:`", undefined, "yaml");
    assertNoErrors([source]);
  }
  warnUnknownKeys(source, document, bookKeys, place);
  const parsed = bookSchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".");
    const node = nearestNode(document, issue.path);
    const where = node?.range ? place.toPoint(node.range[0]) : undefined;
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    error(
      source,
      missing
        ? `Unexpected missing \`${key}\`, expected it in book.yaml (${describeKey(issue.path[0])})`
        : `\`${key}\`: ${issue.message}`,
      where,
      "schema",
    );
  }
  assertNoErrors([source]);
  throw new Error("unreachable: schema failed without issues");
}

function describeKey(key: PropertyKey | undefined): string {
  const field = bookSchema.shape[key as keyof typeof bookSchema.shape];
  return field?.description ?? "see README";
}

function nearestNode(document: Document, keyPath: readonly PropertyKey[]): YamlNode | undefined {
  for (let length = keyPath.length; length > 0; length--) {
    const node = document.getIn(keyPath.slice(0, length) as unknown[], true);
    if (node && typeof node === "object" && "range" in node) return node as YamlNode;
  }
  return undefined;
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

async function loadChapters(source: VFile, config: BookConfig, manuscriptDir: string): Promise<VFile[]> {
  const document = parseDocument(String(source.value));
  const place = location(source);
  const entryPlace = (index: number) => {
    const node = document.getIn(["chapters", index], true) as YamlNode | undefined;
    return node?.range ? place.toPoint(node.range[0]) : undefined;
  };
  const seen = new Set<string>();
  const chapters: VFile[] = [];
  for (const [index, entry] of config.chapters.entries()) {
    const chapterPath = path.resolve(manuscriptDir, entry);
    if (seen.has(chapterPath)) {
      warn(source, `Unexpected duplicate chapter \`${entry}\`, expected each file once (the repeat is skipped)`, entryPlace(index), "duplicate-chapter");
      continue;
    }
    seen.add(chapterPath);
    const real = await realpath(chapterPath).catch(() => undefined);
    if (!real || !(await stat(real)).isFile()) {
      error(source, `Unexpected missing chapter \`${entry}\`, expected a Markdown file at \`${chapterPath}\`: check the name under \`chapters:\``, entryPlace(index), "missing-chapter");
      continue;
    }
    if (!isInside(manuscriptDir, real)) {
      error(source, `Unexpected chapter \`${entry}\` outside the manuscript folder, expected a file under \`${manuscriptDir}\``, entryPlace(index), "outside-manuscript");
      continue;
    }
    const file = new VFile({ path: chapterPath });
    const decoded = decodeManuscriptText(await readFile(real));
    if (!decoded.ok) {
      error(file, decoded.reason, undefined, "encoding");
    } else {
      file.value = decoded.text;
      if (decoded.note) warn(file, `Unexpected ${decoded.note} text, expected UTF-8: converted; re-save the file as UTF-8 to silence this`, undefined, "encoding");
      if (decoded.text.trim() === "") warn(file, "Unexpected empty chapter, expected Markdown text with a `# 标题`", undefined, "empty-chapter");
    }
    chapters.push(file);
  }
  assertNoErrors([source, ...chapters]);
  return chapters;
}

/** Whether `target` lies in `folder` (both absolute and symlink-free). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
