import type { Root as HastRoot } from "hast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import type { ChapterFrontMatter } from "../book/schema.ts";
import rehypeCjkPunctuation from "./rehype-cjk-punctuation.ts";
import rehypeFigure from "./rehype-figure.ts";
import rehypeTateChuYoko from "./rehype-tate-chu-yoko.ts";
import remarkChapterMeta from "./remark-chapter-meta.ts";
import remarkImages, { type ImageReference } from "./remark-images.ts";

export interface ParsedChapter {
  file: VFile;
  title: string;
  frontMatter: ChapterFrontMatter;
  /** The chapter's text without its title, sanitized and typographically normalised. */
  tree: HastRoot;
  images: ImageReference[];
}

/**
 * Raw HTML is allowed in the Markdown but passes GitHub's sanitizing schema: no scripts, no event
 * handlers, no frames or styles; ids are prefixed so they cannot clash with the book's own.
 */
function createProcessor(manuscriptDir: string) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkGfm)
    .use(remarkChapterMeta)
    .use(remarkImages, { manuscriptDir })
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: "注释",
      footnoteBackLabel: "返回正文",
      footnoteLabelTagName: "h2",
    })
    .use(rehypeRaw)
    .use(rehypeSanitize, defaultSchema)
    .use(rehypeFigure)
    .use(rehypeCjkPunctuation)
    .use(rehypeTateChuYoko);
}

export function parseChapters(files: readonly VFile[], manuscriptDir: string): ParsedChapter[] {
  const processor = createProcessor(manuscriptDir);
  return files.map((file) => {
    const tree = processor.runSync(processor.parse(file), file) as HastRoot;
    return {
      file,
      title: file.data.title ?? "",
      frontMatter: file.data.frontMatter ?? {},
      tree,
      images: file.data.images ?? [],
    };
  });
}
