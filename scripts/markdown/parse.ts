import type { ElementContent, Root as HastRoot } from "hast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkFrontmatter from "remark-frontmatter";
import remarkCustomHeadingId from "remark-custom-heading-id";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import type { Bibliography } from "../book/bibliography.ts";
import type { IndexTerm } from "../book/index-terms.ts";
import type { FilePlace } from "../book/load.ts";
import type { BookConfig, ChapterFrontMatter } from "../book/schema.ts";
import { resolveCitations } from "./citations.ts";
import { resolveCrossReferences, type LinkFolders } from "./cross-references.ts";
import rehypeCitations from "./rehype-citations.ts";
import rehypeCjkPunctuation from "./rehype-cjk-punctuation.ts";
import rehypeCaptions from "./rehype-captions.ts";
import { numberCaptions, type CaptionOptions } from "./numbered-captions.ts";
import rehypeQuartoReferences from "./rehype-quarto-references.ts";
import rehypeMath from "./math.ts";
import rehypeCodeBlocks from "./rehype-code-blocks.ts";
import rehypeImages, { type ImageReference } from "./rehype-images.ts";
import rehypePrefixIds from "./rehype-prefix-ids.ts";
import rehypeReportUnsafe from "./rehype-report-unsafe.ts";
import rehypeAlign from "./rehype-align.ts";
import rehypeTableScroll from "./rehype-table-scroll.ts";
import rehypeTateChuYoko from "./rehype-tate-chu-yoko.ts";
import rehypeWesternItalic from "./rehype-western-italic.ts";
import rehypeWesternMarks from "./rehype-western-marks.ts";
import remarkAutolinkEnd from "./remark-autolink-end.ts";
import rehypeCenter from "./rehype-center.ts";
import rehypeStrayListItems from "./rehype-stray-list-items.ts";
import remarkAdmonitions, { codeTitleClass, noteClasses, noteTitleClass } from "./remark-admonitions.ts";
import remarkDialects from "./remark-dialects.ts";
import { includesFiles } from "./includes.ts";
import remarkRustHiddenLines from "./rust-hidden-lines.ts";
import rehypeDetails from "./rehype-details.ts";
import rehypeImageWidth from "./rehype-image-width.ts";
import remarkChapterMeta, { warnUnknownFrontMatterKeys } from "./remark-chapter-meta.ts";
import remarkFenceInfo from "./remark-fence-info.ts";
import remarkNestingLimit from "./remark-nesting-limit.ts";
import remarkIndexMarks, { indexMarkClass } from "./remark-index-marks.ts";
import { markIndexTerms, termFinder, termSurfaces } from "./index-marks.ts";

export interface ParsedChapter {
  file: VFile;
  title: string;
  /** Part, chapter or section, as book.yaml nests the file. */
  place: FilePlace;
  frontMatter: ChapterFrontMatter;
  /** The chapter's text without its title, sanitized and typographically normalised. */
  tree: HastRoot;
  images: ImageReference[];
}

/**
 * The Markdown the book is written in (CommonMark, GFM, YAML front matter, math, `{#id}`, the static
 * site generators' containers and shortcodes), as a parser of its own: the lint and the Traditional
 * conversion read chapters with it too. With `includeFolders` it expands mdBook's includes (the build).
 */
export const markdownSyntax = (includeFolders?: LinkFolders) =>
  unified()
    .use(remarkParse)
    .use(remarkNestingLimit)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkGfm)
    .use(remarkAutolinkEnd)
    .use(remarkMath)
    .use(remarkCustomHeadingId)
    .use(remarkDirective)
    .use(remarkDialects, includeFolders);

/** The passes that set a chapter's text as Chinese typography asks (punctuation, Western italics and marks, 纵中横), last. */
const typography = { plugins: [rehypeCjkPunctuation, rehypeWesternItalic, rehypeWesternMarks, rehypeTateChuYoko] };

/**
 * Raw HTML is allowed in the Markdown but passes GitHub's sanitizing schema: no scripts, no event
 * handlers, no frames or styles. Ids are not clobbered by remark-rehype or the sanitizer (each on
 * its own would break the footnote links); `rehypePrefixIds` gives every id the chapter's prefix.
 */
function createProcessor(folders: LinkFolders, word: (text: string) => string, citationKeys: readonly string[] | undefined) {
  return markdownSyntax(folders)
    .use(remarkChapterMeta)
    .use(remarkFenceInfo)
    .use(remarkRustHiddenLines)
    .use(remarkAdmonitions, word)
    .use(remarkIndexMarks)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: word("注释"),
      footnoteBackLabel: word("返回正文"),
      footnoteLabelTagName: "h2",
      clobberPrefix: "",
    })
    .use(rehypeRaw)
    .use(rehypeReportUnsafe)
    .use(rehypeCenter)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeStrayListItems)
    // Before the punctuation and 纵中横 passes change the text the citations are written in.
    .use(rehypeCitations, citationKeys)
    .use(rehypeDetails, word)
    .use(rehypeCaptions)
    .use(rehypeQuartoReferences, word)
    .use(rehypeImageWidth)
    .use(rehypeMath)
    .use(rehypeCodeBlocks)
    .use(rehypeImages, folders)
    .use(rehypeAlign)
    .use(rehypeTableScroll)
    .use(rehypePrefixIds)
    .use(typography);
}

/** GitHub's schema, keeping the classes of the note boxes (remark-admonitions.ts) and figures written in HTML. */
const sanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: "",
  // Books wrap listings and figures in <figure> with a <figcaption> (the Rust book's “示例 2-1”); unwrapped, the caption was loose text.
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), ["className", ...noteClasses]],
    p: [...(defaultSchema.attributes?.p ?? []), ["className", noteTitleClass, codeTitleClass]],
    span: [...(defaultSchema.attributes?.span ?? []), ["className", indexMarkClass], "dataIndexEntry", "dataIndexSort", "dataIndexSub", "dataIndexSubSort", "dataIndexSee", "dataIndexSeealso"],
  },
};

const idPrefix = (index: number) => `c${index + 1}-`;

/** Text made after the chapters were parsed (a list of references), set by the same passes. */
const typographyAlone = unified().use(typography);
const typesetText = (value: string) => (typographyAlone.runSync({ type: "root", children: [{ type: "text", value }] } as HastRoot) as HastRoot).children as ElementContent[];

/** The pipeline's own words as written, in Simplified Chinese: a Simplified book's wording. */
const simplified = (text: string) => text;

/** The book's bibliography and how book.yaml asks its citations and list of references to be set. */
/**
 * Chapters parsed before, by their text and place, kept between the preview's saves so that an edit
 * parses its own chapter only; the book-wide passes (numbers, citations, links, index) run on
 * copies every time. The keeper drops it when anything but a chapter's text changes (book.yaml,
 * the bibliography, an image), and a chapter that includes other files is parsed every time.
 */
export type ChapterMemo = Map<string, { tree: HastRoot; data: VFile["data"]; messages: VFile["messages"] }>;

function rememberedTree(memo: ChapterMemo, used: Set<string>, file: VFile, index: number, parse: () => HastRoot): HastRoot {
  const source = String(file.value);
  if (includesFiles(source)) return parse();
  const key = `${index}\0${file.path}\0${source}`;
  used.add(key);
  const kept = memo.get(key);
  if (kept) {
    Object.assign(file.data, structuredClone(kept.data));
    file.messages.push(...kept.messages);
    return structuredClone(kept.tree);
  }
  const messagesBefore = file.messages.length;
  const tree = parse();
  memo.set(key, { tree: structuredClone(tree), data: structuredClone(file.data), messages: file.messages.slice(messagesBefore) });
  return tree;
}

export interface CitationSettings {
  bibliography: Bibliography;
  style: BookConfig["citationStyle"];
  references: BookConfig["references"];
}

/**
 * Every chapter parsed, then its figures and tables numbered (numbered-captions.ts), the citations
 * set (citations.ts), the links between them resolved (cross-references.ts) and the index's
 * occurrences marked (`indexTerms`, the terms file's, and the `:index` marks: index-marks.ts);
 * `word` gives the words the parser adds (注释, the note boxes' labels, 图 and 表, 参考文献) in the
 * book's script (render/wording.ts). With `references: book` the list of references is a chapter of
 * its own after the last, so the contents, the EPUB's navigation and the text checks treat it as
 * they treat every chapter.
 */
export function parseChapters(
  files: readonly VFile[],
  manuscriptDir: string,
  assetsDir = manuscriptDir,
  word: (text: string) => string = simplified,
  { captions = { numbering: "chapter", numberAll: true }, citations, indexTerms = [], memo }: { captions?: CaptionOptions; citations?: CitationSettings; indexTerms?: readonly IndexTerm[]; memo?: ChapterMemo } = {},
): ParsedChapter[] {
  const folders = { manuscriptDir, assetsDir };
  const processor = createProcessor(folders, word, citations?.bibliography.entries.map((entry) => entry.id));
  const used = new Set<string>();
  const chapters = files.map((file, index) => {
    file.data.idPrefix = idPrefix(index);
    const tree = memo ? rememberedTree(memo, used, file, index, () => processor.runSync(processor.parse(file), file) as HastRoot) : (processor.runSync(processor.parse(file), file) as HastRoot);
    return {
      file,
      title: file.data.title ?? "",
      place: file.data.place ?? { role: "chapter", depth: 0, inPart: false },
      frontMatter: file.data.frontMatter ?? {},
      tree,
      images: file.data.images ?? [],
    };
  });
  if (memo) for (const key of memo.keys()) if (!used.has(key)) memo.delete(key);
  warnUnknownFrontMatterKeys(files);
  numberCaptions(chapters, captions, idPrefix, word);
  const referencesTree = citations && resolveCitations(chapters, citations.bibliography, { ...citations, word, prefixOf: idPrefix, typeset: typesetText });
  const book = referencesTree ? [...chapters, { file: citations.bibliography.file, title: word("参考文献"), place: { role: "chapter", depth: 0, inPart: false } as const, frontMatter: {}, tree: referencesTree, images: [] }] : chapters;
  resolveCrossReferences(book, idPrefix, folders);
  const surfaces = termSurfaces(indexTerms);
  const find = termFinder(surfaces.keys());
  chapters.forEach((chapter, index) => markIndexTerms(chapter.tree, idPrefix(index), surfaces, find));
  return book;
}
