import type { Heading, Root, Yaml } from "mdast";
import { toString } from "mdast-util-to-string";
import { closest } from "fastest-levenshtein";
import type { VFile } from "vfile";
import { parse as parseYaml } from "yaml";
import { chapterFrontMatterKeys, chapterFrontMatterSchema, type ChapterFrontMatter } from "../book/schema.ts";
import { error, warn } from "../diagnostics.ts";

declare module "vfile" {
  interface DataMap {
    title: string;
    frontMatter: ChapterFrontMatter;
  }
}

/**
 * Takes the chapter's front matter (subtitle, author, affiliation) and its title (the first level-1
 * heading) out of the tree into `file.data`, where the renderer places them.
 */
export default function remarkChapterMeta() {
  return (tree: Root, file: VFile) => {
    const yamlIndex = tree.children.findIndex((node) => node.type === "yaml");
    file.data.frontMatter = yamlIndex === -1 ? {} : readFrontMatter(tree.children[yamlIndex] as Yaml, file);
    if (yamlIndex !== -1) tree.children.splice(yamlIndex, 1);

    const titleIndex = tree.children.findIndex((node) => node.type === "heading" && node.depth === 1);
    if (titleIndex === -1) {
      error(file, "Unexpected chapter without a title, expected a level-1 heading such as `# 第一章 标题` before the text", tree.children[0] ?? undefined, "chapter-title");
      file.data.title = "";
      return;
    }
    file.data.title = toString(tree.children[titleIndex] as Heading).trim();
    tree.children.splice(titleIndex, 1);
  };
}

function readFrontMatter(node: Yaml, file: VFile): ChapterFrontMatter {
  let value: unknown;
  try {
    value = parseYaml(node.value) ?? {};
  } catch (cause) {
    error(file, `Unexpected front matter that is not valid YAML (${(cause as Error).message.split("\n")[0]}), expected lines such as \`author: 姓名\``, node, "front-matter");
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    error(file, "Unexpected front matter, expected `key: value` lines (subtitle, author, affiliation)", node, "front-matter");
    return {};
  }
  for (const key of Object.keys(value)) {
    if (!chapterFrontMatterKeys.includes(key)) {
      warn(file, `Unexpected front matter key \`${key}\`, expected a known key: did you mean \`${closest(key, chapterFrontMatterKeys)}\`? (it is ignored)`, node, "unknown-key");
    }
  }
  const parsed = chapterFrontMatterSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    error(file, `Front matter \`${issue.path.join(".")}\`: ${issue.message}`, node, "front-matter");
  }
  return {};
}
