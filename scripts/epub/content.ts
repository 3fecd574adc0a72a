import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import { h } from "hastscript";
import { bookWording } from "../render/wording.ts";
import { pathToFileURL } from "node:url";
import type { BookConfig } from "../book/schema.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { chapterSection, itemLists, outlineLevel, titlePage } from "../render/book-sections.ts";
import { toText } from "hast-util-to-text";
import { colophonPage } from "../render/colophon.ts";
import { indexSection, type Locators } from "../render/book-index.ts";
import { runSeparator } from "../render/page-runs.js";
import { epubFootnotes } from "./footnotes.ts";
import { epubLinks } from "./links.ts";
import { markSources } from "./source-marks.ts";
import { linkTargets } from "../markdown/cross-references.ts";
import { hasMath, renderMath } from "../markdown/math.ts";

/** One XHTML file of the EPUB, as epub-gen-memory takes it (extra keys reach our templates). */
export interface EpubItem {
  id: string;
  title: string;
  filename: string;
  content: string;
  beforeToc: boolean;
  excludeFromToc: boolean;
  /** `epub:type` of the body: cover, frontmatter, bodymatter, backmatter. */
  bodyType: string;
  /** The manifest item's `properties` (`mathml` when the page holds MathML). */
  properties?: string;
  /** How far in the contents nest it: 0 at the top, 1 for a part's chapters and a chapter's sections … */
  tocDepth: number;
}

export interface Landmark {
  type: string;
  href: string;
  title: string;
}

const chapterFile = (index: number) => `chapter-${String(index + 1).padStart(3, "0")}.xhtml`;

/** The EPUB's pages from the same parsed chapters and page builders as the printed book. */
export function epubItems(config: BookConfig, chapters: readonly ParsedChapter[], coverPath: string): EpubItem[] {
  const item = (id: string, title: string, body: Element, options: Partial<EpubItem>): EpubItem => ({
    id,
    title,
    filename: `${id}.xhtml`,
    content: toHtml(body),
    beforeToc: false,
    excludeFromToc: false,
    bodyType: "bodymatter",
    tocDepth: 0,
    ...options,
  });
  const word = bookWording(config.language);
  const cover = h("section.cover", { "epub:type": "cover" }, [
    h("img", { src: pathToFileURL(coverPath).href, alt: `${word("封面")}：${config.title}` }),
  ]);
  const targets = linkTargets(chapters);
  const index = indexSection(chapters, config.language, indexLocators);
  return [
    item("cover", word("封面"), cover, { beforeToc: true, excludeFromToc: true, bodyType: "cover" }),
    item("titlepage", word("书名页"), titlePage(config), { beforeToc: true, excludeFromToc: true, bodyType: "frontmatter" }),
    ...itemLists(config, chapters, word, { pages: false }).map((list) => {
      const title = toText(list.children.find((child) => child.type === "element" && child.tagName === "h2")!);
      return item(String(list.properties.id), title, epubLinks(list, -1, targets, chapterFile), { bodyType: "frontmatter" });
    }),
    ...chapters.map((parsed, index) => {
      const chapter = { ...parsed, tree: renderMath(parsed.tree, "epub") };
      const properties = hasMath(parsed.tree) ? { properties: "mathml" } : {};
      return item(`chapter-${index + 1}`, cjk(chapter.title), markSources(withoutBuildData(epubLinks(epubFootnotes(chapterSection(chapter, index, config.language)), index, targets, chapterFile)), index), { filename: chapterFile(index), tocDepth: outlineLevel(parsed.place) - 1, ...properties });
    }),
    ...(index ? [item(indexFile, word("索引"), index, { bodyType: "backmatter" })] : []),
    item("colophon", word("版权页"), colophonPage(config), { bodyType: "backmatter" }),
  ];
}

const indexFile = "index";

/**
 * An EPUB has no pages: the index links to each occurrence by the chapter's number and the
 * occurrence's in that chapter (1.2: the second in chapter 1), as EPUB Indexes' locators.
 */
const indexLocators: Locators = (entry) =>
  entry.occurrences.flatMap(({ id, chapter, numberInChapter }, index) => [
    ...(index > 0 ? [{ type: "text" as const, value: runSeparator }] : []),
    h("a", { href: `${chapterFile(chapter)}#${id}`, "epub:type": "index-locator" }, `${chapter + 1}.${numberInChapter}`),
  ]);

/**
 * What the build keeps on elements for itself, which EPUB's XHTML does not allow: the figures' and
 * tables' numbers for the print's 续表 (`data-number`; their captions print them) and the index
 * marks' data (markdown/remark-index-marks.ts; a reader's copy keeps the marks' ids, which the index
 * links to). Changes `section`, a copy.
 */
function withoutBuildData(section: Element): Element {
  visit(section, "element", (node: Element) => {
    for (const key of Object.keys(node.properties)) if (key === "dataNumber" || key.startsWith("dataIndex")) delete node.properties[key];
  });
  return section;
}

/** The landmarks (guide) of the EPUB, named in the book's script; `hasIndex` adds the index's. */
export function epubLandmarks(chapterCount: number, language: string, hasIndex = false): Landmark[] {
  const word = bookWording(language);
  return [
    { type: "cover", href: "cover.xhtml", title: word("封面") },
    { type: "titlepage", href: "titlepage.xhtml", title: word("书名页") },
    { type: "toc", href: "toc.xhtml#toc", title: word("目录") },
    ...(chapterCount > 0 ? [{ type: "bodymatter", href: chapterFile(0), title: word("正文") }] : []),
    ...(hasIndex ? [{ type: "index", href: `${indexFile}.xhtml`, title: word("索引") }] : []),
    { type: "colophon", href: "colophon.xhtml", title: word("版权页") },
  ];
}
