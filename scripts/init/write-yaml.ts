import { Document, isScalar } from "yaml";
import { generators, type SiteEntry, type SiteStructure } from "./site.ts";

/** What book.yaml needs that no site says: written in, marked to be filled in. */
export const placeholders = { author: "作者待定", publisher: "出版者待定" };

/** A chapter file with the parts it belongs to and the chapters it is nested under, outermost first. */
interface Placed {
  file: string;
  parts: SiteEntry[];
  nestedUnder: string[];
}

function placeFiles(entries: readonly SiteEntry[], parts: SiteEntry[] = [], nestedUnder: string[] = []): Placed[] {
  return entries.flatMap((entry) => {
    const ownParts = entry.part ? [...parts, entry] : parts;
    const own = entry.file ? [{ file: entry.file, parts: ownParts, nestedUnder }] : [];
    const childrenNestedUnder = entry.file && !entry.part ? [...nestedUnder, entry.file] : nestedUnder;
    return [...own, ...placeFiles(entry.children, ownParts, childrenNestedUnder)];
  });
}

/**
 * The comments above each chapter that carry the site's structure, which book.yaml's flat list
 * cannot hold yet: a line where a part begins (or ends without another beginning) and, for a
 * chapter nested under another, the chapter it continues.
 */
function structureComments(placed: readonly Placed[]): string[][] {
  const partTitle = (parts: readonly SiteEntry[], depth: number) => parts.slice(0, depth + 1).map((part) => part.title ?? "（无题 untitled）").join(" › ");
  return placed.map((current, index) => {
    const previous = index > 0 ? placed[index - 1]!.parts : [];
    let shared = 0;
    while (shared < previous.length && previous[shared] === current.parts[shared]) shared++;
    const lines = current.parts.slice(shared).map((_, offset) => `${partTitle(current.parts, shared + offset)}（part）`);
    if (lines.length === 0 && shared < previous.length) lines.push(`（${partTitle(previous, shared)} 结束 end of part）`);
    if (current.nestedUnder.length > 0) lines.push(`${"↳".repeat(current.nestedUnder.length)} nested under ${current.nestedUnder.at(-1)}`);
    return lines;
  });
}

/** book.yaml for the site's book, with a header naming the generator and the structure as comments. */
export function bookYaml(site: SiteStructure): string {
  const placed = placeFiles(site.entries);
  const document = new Document({
    title: site.title,
    language: site.language,
    authors: site.authors.length > 0 ? site.authors : [placeholders.author],
    publisher: placeholders.publisher,
    chapters: placed.map((entry) => entry.file),
  });
  const [chineseSource, englishSource] = site.generator === "files" ? ["书稿文件夹里的 Markdown 文件", "the folder's Markdown files"] : [` ${generators[site.generator]} 网站（${site.evidence}）`, `a ${generators[site.generator]} site (${site.evidence})`];
  document.commentBefore = [
    ` 由 npm run init:book 根据${chineseSource}写出；请核对书名、作者、出版者与章节。`,
    ` Written by npm run init:book from ${englishSource}: check the title, authors, publisher and chapters.`,
    ...(placed.some((entry) => entry.parts.length > 0 || entry.nestedUnder.length > 0)
      ? [" 网站的部分与层级暂时写成章节上方的注释，等 book.yaml 支持后再改。", " The site's parts and nesting are the comments above the chapters until book.yaml supports them."]
      : []),
  ].join("\n");
  const fillIn = (node: unknown) => {
    if (isScalar(node)) node.comment = " 请填写 fill in";
  };
  if (site.authors.length === 0) fillIn(document.getIn(["authors", 0], true));
  fillIn(document.get("publisher", true));
  structureComments(placed).forEach((lines, index) => {
    const chapter = document.getIn(["chapters", index], true);
    if (lines.length > 0 && isScalar(chapter)) chapter.commentBefore = lines.map((line) => ` ${line}`).join("\n");
  });
  return document.toString({ lineWidth: 0 });
}
