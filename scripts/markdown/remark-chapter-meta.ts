import path from "node:path";
import type { Heading, Root, Yaml } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { closest } from "fastest-levenshtein";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { isMap, isScalar } from "yaml";
import { chapterFrontMatterKeys, chapterFrontMatterSchema, staticSiteFrontMatterKeys, staticSiteTitleKeys, type ChapterFrontMatter } from "../book/schema.ts";
import { error, warn } from "../diagnostics.ts";
import { readYaml } from "../book/yaml.ts";

declare module "vfile" {
  interface DataMap {
    title: string;
    frontMatter: ChapterFrontMatter;
    /** Static-site keys found in the front matter and ignored, for the build's one summary line. */
    ignoredFrontMatterKeys: string[];
    /** Keys neither ours nor a static site's, warned once for the whole book (`warnUnknownFrontMatterKeys`). */
    unknownFrontMatterKeys: { key: string; place: Point | Yaml }[];
  }
}

/** A title the static site's own keys give, with where it is written. */
interface SiteTitle {
  key: string;
  value: string;
  place: Point | Yaml;
}

/**
 * Takes the chapter's front matter (title, subtitle, author, affiliation) and its title out of the
 * tree into `file.data`, where the renderer places them. The title is the first level-1 heading,
 * else front matter `title:`, else the static site's own title (`staticSiteTitleKeys`), else a
 * heading of another level that opens the chapter (a GitBook classic's `### 【第一回】…`, an mdBook
 * sub-chapter's `## …`), else the file's name; the last three with a warning, since a site shows
 * the first in its menus, not on the page, and the others are guesses.
 */
export default function remarkChapterMeta() {
  return (tree: Root, file: VFile) => {
    const yamlIndex = tree.children.findIndex((node) => node.type === "yaml");
    const yaml = yamlIndex === -1 ? undefined : (tree.children[yamlIndex] as Yaml);
    const { frontMatter, siteTitle } = yaml ? readFrontMatter(yaml, file) : { frontMatter: {} };
    file.data.frontMatter = frontMatter;
    if (yaml) tree.children.splice(yamlIndex, 1);

    const place = file.data.place;
    const titleIndex = place?.role === "part" ? -1 : tree.children.findIndex((node) => node.type === "heading" && node.depth === 1);
    if (titleIndex === -1) {
      file.data.title = place?.title ? structureTitle(place.title, tree) : frontMatter.title ?? fallbackTitle(file, siteTitle, tree);
    } else {
      const heading = tree.children[titleIndex] as Heading;
      file.data.title = toString(heading).trim();
      if (frontMatter.title && frontMatter.title !== file.data.title) {
        warn(file, `Unexpected front matter title “${frontMatter.title}” that differs from the heading “${file.data.title}”, expected one title: the heading is used; remove one of them`, heading, "chapter-title");
      }
      tree.children.splice(titleIndex, 1);
    }
    if (place?.role === "section") deepenHeadings(tree, place.depth);
  };
}

/** Letters and digits only, so that “1.2 安装” and “安装” in a menu and on the page compare as the words they are. */
const titleWords = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();

/**
 * The title the book's structure gives (a part's, or mdBook's SUMMARY entry): a heading of any
 * level that opens the file with the same words is that title, set once; a different one stays
 * in the text.
 */
function structureTitle(title: string, tree: Root): string {
  const opening = tree.children[0];
  if (opening?.type === "heading" && titleWords(toString(opening)) === titleWords(title)) tree.children.shift();
  return title;
}

/**
 * A section file's headings, set below its title: a section `depth` levels into its chapter is
 * titled at level depth + 1, so its own headings start at depth + 2 (never beyond level 6, and
 * never raised).
 */
function deepenHeadings(tree: Root, depth: number): void {
  const headings: Heading[] = [];
  visit(tree, "heading", (heading: Heading) => void headings.push(heading));
  if (headings.length === 0) return;
  const shift = depth + 2 - Math.min(...headings.map((heading) => heading.depth));
  if (shift <= 0) return;
  for (const heading of headings) heading.depth = Math.min(6, heading.depth + shift) as Heading["depth"];
}

function fallbackTitle(file: VFile, siteTitle: SiteTitle | undefined, tree: Root): string {
  const expected = "expected a level-1 heading such as `# 第一章 标题` before the text, or `title:` in its front matter";
  if (siteTitle) {
    warn(file, `Unexpected chapter without a title, ${expected}: its \`${siteTitle.key}\` “${siteTitle.value}” is used`, siteTitle.place, "chapter-title");
    return siteTitle.value;
  }
  const opening = tree.children[0];
  const openingTitle = opening?.type === "heading" ? toString(opening).trim() : "";
  if (opening?.type === "heading" && openingTitle) {
    tree.children.shift();
    // A section's file opens with its heading at the level it has in its chapter, as it should.
    if (file.data.place?.role === "section") return openingTitle;
    warn(file, `Unexpected chapter without a level-1 heading, ${expected}: the level-${opening.depth} heading “${openingTitle}” that opens it is used`, opening, "chapter-title");
    return openingTitle;
  }
  const name = fileTitle(file.path);
  warn(file, `Unexpected chapter without a title, ${expected}: its file name “${name}” is used`, opening ?? { line: 1, column: 1 }, "chapter-title");
  return name;
}

/** A page bundle's or folder's index (Hugo's `ch1/index.md`, docsify's `ch1/README.md`) is named by its folder. */
function fileTitle(filePath: string): string {
  const name = path.basename(filePath, path.extname(filePath));
  return /^_?index$|^readme$/i.test(name) ? path.basename(path.dirname(filePath)) : name;
}

function readFrontMatter(node: Yaml, file: VFile): { frontMatter: ChapterFrontMatter; siteTitle?: SiteTitle } {
  const read = readYaml(node.value);
  if (!read.ok) {
    for (const problem of read.problems) error(file, `Front matter: ${problem.message}`, problem.offset === undefined ? node : pointInFrontMatter(node, problem.offset), "front-matter");
    return { frontMatter: {} };
  }
  const { document, value } = read;
  if (document.contents === null) return { frontMatter: {} };
  if (!isMap(document.contents) || typeof value !== "object" || value === null) {
    error(file, `Unexpected front matter, expected \`key: value\` lines (${chapterFrontMatterKeys.join(", ")})`, node, "front-matter");
    return { frontMatter: {} };
  }
  const ignored: string[] = [];
  const unknown: { key: string; place: Point | Yaml }[] = [];
  const siteTitles: SiteTitle[] = [];
  const known: Record<string, unknown> = {};
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const place = isScalar(pair.key) && pair.key.range ? pointInFrontMatter(node, pair.key.range[0]) : node;
    const pairValue = (value as Record<string, unknown>)[key];
    if (chapterFrontMatterKeys.includes(key)) {
      known[key] = pairValue;
    } else if (staticSiteFrontMatterKeys.has(key)) {
      ignored.push(key);
      if (staticSiteTitleKeys.includes(key) && typeof pairValue === "string" && pairValue.trim()) siteTitles.push({ key, value: pairValue.trim(), place });
    } else {
      unknown.push({ key, place });
    }
  }
  file.data.ignoredFrontMatterKeys = ignored;
  file.data.unknownFrontMatterKeys = unknown;
  const siteTitle = siteTitles.sort((a, b) => staticSiteTitleKeys.indexOf(a.key) - staticSiteTitleKeys.indexOf(b.key))[0];
  const parsed = chapterFrontMatterSchema.safeParse(known);
  if (parsed.success) return { frontMatter: parsed.data, siteTitle };
  for (const issue of parsed.error.issues) {
    error(file, `Front matter \`${issue.path.join(".")}\`: ${issue.message}`, node, "front-matter");
  }
  return { frontMatter: {}, siteTitle };
}

/** The place in the chapter of an offset into the front matter's text, which starts on the line after `---`. */
function pointInFrontMatter(node: Yaml, offset: number): Point | Yaml {
  if (!node.position) return node;
  const before = node.value.slice(0, offset).split("\n");
  return { line: node.position.start.line + before.length, column: before.at(-1)!.length + 1 };
}

/** One line for the whole build naming the static-site keys its chapters carry, which the book ignores. */
export function ignoredKeysSummary(files: readonly VFile[]): string | undefined {
  const chaptersPerKey = new Map<string, number>();
  for (const file of files) for (const key of new Set(file.data.ignoredFrontMatterKeys ?? [])) chaptersPerKey.set(key, (chaptersPerKey.get(key) ?? 0) + 1);
  if (chaptersPerKey.size === 0) return undefined;
  const keys = [...chaptersPerKey].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `\`${key}\` (${count})`);
  return `Ignored static-site front matter keys, which mean nothing in a book: ${keys.join(", ")} (chapters carrying each)`;
}

/**
 * One warning per unknown front matter key for the whole book, at its first place: a key copied into
 * every chapter of a site made a warning per chapter, the same each time.
 */
export function warnUnknownFrontMatterKeys(files: readonly VFile[]): void {
  const found = new Map<string, { file: VFile; place: Point | Yaml; files: number }>();
  for (const file of files) {
    for (const { key, place } of file.data.unknownFrontMatterKeys ?? []) {
      // A key is written once per front matter: YAML refuses a mapping with the same key twice.
      const seen = found.get(key);
      if (seen) seen.files++;
      else found.set(key, { file, place, files: 1 });
    }
  }
  for (const [key, { file, place, files: count }] of found) {
    const where = count > 1 ? ` in ${count} chapters (the first is here)` : "";
    warn(file, `Unexpected front matter key \`${key}\`${where}, expected a known key: did you mean \`${closest(key, chapterFrontMatterKeys)}\`? (it is ignored)`, place, "unknown-key");
  }
}
