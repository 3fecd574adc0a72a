import { readFile } from "node:fs/promises";
import path from "node:path";
import { Document, isScalar } from "yaml";
import type { ChapterEntry, PartEntry } from "../book/schema.ts";
import { filesInOrder, generators, type SiteEntry, type SiteStructure } from "./site.ts";

/** What book.yaml needs that no site says: written in, marked to be filled in. */
export const placeholders = { author: "作者待定", publisher: "出版者待定" };

/** book.yaml's entries for the site's tree; `titled` are the files that give their own title (`# ` heading or `title:`). */
function bookEntries(entries: readonly SiteEntry[], titled: ReadonlySet<string> | undefined): Array<ChapterEntry | PartEntry> {
  return entries.flatMap((entry): Array<ChapterEntry | PartEntry> => {
    if (!entry.part) return chapterEntries(entry, titled);
    const chapters = entry.children.flatMap((child) => chapterEntries(child, titled));
    // A part without chapters is only its opening file, which then is a chapter.
    if (chapters.length === 0) return entry.file ? chapterEntries({ ...entry, part: false }, titled) : [];
    const title = entry.title ?? (entry.file ? path.posix.basename(path.posix.dirname(entry.file)) : undefined) ?? "未命名 untitled";
    return [{ part: title, ...(entry.file ? { file: entry.file } : {}), chapters }];
  });
}

/**
 * A page and the pages nested under it as a chapter with its sections. A part within a part or
 * chapter (Hugo's nested sections) has no page of its own in a book: with an opening file it is a
 * chapter or section like any page, without one its pages move up a level.
 */
function chapterEntries(entry: SiteEntry, titled: ReadonlySet<string> | undefined): ChapterEntry[] {
  const sections = entry.children.flatMap((child) => chapterEntries(child, titled));
  if (!entry.file) return sections;
  const title = entry.title && !titled?.has(entry.file) ? entry.title : undefined;
  if (!title && sections.length === 0) return [entry.file];
  return [{ file: entry.file, ...(title ? { title } : {}), ...(sections.length > 0 ? { sections } : {}) }];
}

/** The files that open with a title of their own: a level-1 heading outside code, or front matter `title:`. */
export async function filesWithTitles(dir: string, site: SiteStructure): Promise<Set<string>> {
  const titled = new Set<string>();
  for (const file of filesInOrder(site.entries)) {
    const text = await readFile(path.join(dir, file), "utf8").catch(() => "");
    const prose = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
    if (/^#[ \t]+\S/m.test(prose) || /^\S[^\n]*\n=+[ \t]*$/m.test(prose) || /^---\n(?:[^\n]*\n)*?title:[ \t]*\S/.test(text)) titled.add(file);
  }
  return titled;
}

/**
 * book.yaml for the site's book, with a header naming the generator: the site's parts, chapters
 * and nested pages as book.yaml nests them, and a title from the site's contents for a file that
 * has none of its own (mdBook's sub-chapters open with `##`).
 */
export function bookYaml(site: SiteStructure, titled?: ReadonlySet<string>): string {
  const document = new Document({
    title: site.title,
    language: site.language,
    authors: site.authors.length > 0 ? site.authors : [placeholders.author],
    publisher: placeholders.publisher,
    ...(site.assets ? { assets: site.assets } : {}),
    ...(site.bibliography ? { bibliography: site.bibliography.length === 1 ? site.bibliography[0] : site.bibliography } : {}),
    chapters: bookEntries(site.entries, titled),
  });
  const [chineseSource, englishSource] = site.generator === "files" ? ["书稿文件夹里的 Markdown 文件", "the folder's Markdown files"] : [` ${generators[site.generator]} 网站（${site.evidence}）`, `a ${generators[site.generator]} site (${site.evidence})`];
  document.commentBefore = [
    ` 由 npm run init:book 根据${chineseSource}写出；请核对书名、作者、出版者与章节。`,
    ` Written by npm run init:book from ${englishSource}: check the title, authors, publisher and chapters.`,
    " part：篇，单独一页；sections：接在本章后面排的节，不另起页。part: a part with its own page; sections: files that continue their chapter.",
  ].join("\n");
  const fillIn = (node: unknown) => {
    if (isScalar(node)) node.comment = " 请填写 fill in";
  };
  if (site.authors.length === 0) fillIn(document.getIn(["authors", 0], true));
  fillIn(document.get("publisher", true));
  return document.toString({ lineWidth: 0 });
}
