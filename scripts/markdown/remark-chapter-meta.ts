import type { Heading, Root, Yaml } from "mdast";
import { toString } from "mdast-util-to-string";
import { closest } from "fastest-levenshtein";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { isMap, isScalar } from "yaml";
import { chapterFrontMatterKeys, chapterFrontMatterSchema, staticSiteFrontMatterKeys, type ChapterFrontMatter } from "../book/schema.ts";
import { error, warn } from "../diagnostics.ts";
import { readYaml } from "../book/yaml.ts";

declare module "vfile" {
  interface DataMap {
    title: string;
    frontMatter: ChapterFrontMatter;
    /** Static-site keys found in the front matter and ignored, for the build's one summary line. */
    ignoredFrontMatterKeys: string[];
  }
}

/**
 * Takes the chapter's front matter (title, subtitle, author, affiliation) and its title (the first
 * level-1 heading, else front matter `title:`) out of the tree into `file.data`, where the renderer
 * places them.
 */
export default function remarkChapterMeta() {
  return (tree: Root, file: VFile) => {
    const yamlIndex = tree.children.findIndex((node) => node.type === "yaml");
    const yaml = yamlIndex === -1 ? undefined : (tree.children[yamlIndex] as Yaml);
    file.data.frontMatter = yaml ? readFrontMatter(yaml, file) : {};
    if (yaml) tree.children.splice(yamlIndex, 1);

    const titleIndex = tree.children.findIndex((node) => node.type === "heading" && node.depth === 1);
    const frontMatterTitle = file.data.frontMatter.title;
    if (titleIndex === -1) {
      if (!frontMatterTitle) {
        error(file, "Unexpected chapter without a title, expected a level-1 heading such as `# 第一章 标题` before the text, or `title:` in its front matter", tree.children[0] ?? undefined, "chapter-title");
      }
      file.data.title = frontMatterTitle ?? "";
      return;
    }
    const heading = tree.children[titleIndex] as Heading;
    file.data.title = toString(heading).trim();
    if (frontMatterTitle && frontMatterTitle !== file.data.title) {
      warn(file, `Unexpected front matter title “${frontMatterTitle}” that differs from the heading “${file.data.title}”, expected one title: the heading is used; remove one of them`, heading, "chapter-title");
    }
    tree.children.splice(titleIndex, 1);
  };
}

function readFrontMatter(node: Yaml, file: VFile): ChapterFrontMatter {
  const read = readYaml(node.value);
  if (!read.ok) {
    for (const problem of read.problems) error(file, `Front matter: ${problem.message}`, problem.offset === undefined ? node : pointInFrontMatter(node, problem.offset), "front-matter");
    return {};
  }
  const { document, value } = read;
  if (document.contents === null) return {};
  if (!isMap(document.contents) || typeof value !== "object" || value === null) {
    error(file, `Unexpected front matter, expected \`key: value\` lines (${chapterFrontMatterKeys.join(", ")})`, node, "front-matter");
    return {};
  }
  const ignored: string[] = [];
  const known: Record<string, unknown> = {};
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (chapterFrontMatterKeys.includes(key)) {
      known[key] = (value as Record<string, unknown>)[key];
    } else if (staticSiteFrontMatterKeys.has(key)) {
      ignored.push(key);
    } else {
      const place = isScalar(pair.key) && pair.key.range ? pointInFrontMatter(node, pair.key.range[0]) : node;
      warn(file, `Unexpected front matter key \`${key}\`, expected a known key: did you mean \`${closest(key, chapterFrontMatterKeys)}\`? (it is ignored)`, place, "unknown-key");
    }
  }
  file.data.ignoredFrontMatterKeys = ignored;
  const parsed = chapterFrontMatterSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    error(file, `Front matter \`${issue.path.join(".")}\`: ${issue.message}`, node, "front-matter");
  }
  return {};
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
