import { existsSync, statSync } from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SKIP, visit } from "unist-util-visit";
import { visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { isInside, manuscriptPath, withScheme } from "../book/paths.ts";
import { error, warn } from "../diagnostics.ts";
import { markShortNumbers } from "./rehype-tate-chu-yoko.ts";

/** A chapter as the cross-reference stage sees it: its file (for messages and its path), title and tree. */
export interface LinkedChapter {
  file: VFile;
  title: string;
  tree: Root;
}

/** Where an id of the book is: the chapter that holds it and the element's text (a heading's title). */
export interface LinkTarget {
  chapter: number;
  title: string;
  /** A numbered figure's or table's number (1-1: numbered-captions.ts). */
  number?: string;
}

export interface LinkFolders {
  manuscriptDir: string;
  /** Where site-root paths (`/img/x.png`) start: book.yaml's `assets`, else the manuscript folder. */
  assetsDir: string;
}

/** Id of a chapter's section in the book, the target of links to the chapter as a whole. */
export const chapterId = (index: number) => `chapter-${index + 1}`;

const pagePlaceholder = "{page}";
const titlePlaceholder = "{title}";
const numberPlaceholder = "{number}";

/**
 * Links inside the book, resolved across chapters. Every id of a chapter carries the chapter's
 * prefix (`c2-sec-method`), so that chapters can share one document; a link is written with the id
 * as the author gave it (`#sec-method`, from `## 方法 {#sec-method}`) and points at that id in its
 * own chapter, or else in the one chapter that has it. A link to another chapter's file (`ch2.md`,
 * `../part2/ch3.md#anchor`, or as a static site writes it, `ch2.html`, `ch2/`) points at that
 * chapter or the id in it; a link to an image the book shows points at its figure. In the link's
 * text, `{title}` becomes the target's text, `{number}` a figure's or table's number (图{number} →
 * 图1-1) and `{page}` a page reference (`span.page-ref`), whose number the typesetter fills in. Any
 * other link into the manuscript cannot work in a book: it becomes plain text, with a warning at the
 * link, or an error for a link to a figure or table (`#fig-…`, `#tbl-…`, `{number}`), whose number
 * the text needs. Ids are then made ASCII (safeIds).
 */
export function resolveCrossReferences(chapters: readonly LinkedChapter[], prefixOf: (chapter: number) => string, folders: LinkFolders): void {
  const targets = linkTargets(chapters);
  const chapterOfPath = new Map(chapters.map(({ file }, index) => [path.resolve(file.path), index]));
  chapters.forEach(({ file, tree }, chapter) =>
    visit(tree, "element", (node: Element, index, parent) => {
      const href = node.tagName === "a" ? node.properties.href : undefined;
      if (typeof href !== "string" || href === "" || (withScheme.test(href) && !/^file:/i.test(href)) || href.startsWith("//")) return undefined;
      const numbered = /(^|#)(fig|tbl)-/.test(href) || toText(node).includes(numberPlaceholder);
      const unlink = (reason: string, ruleId: string) => {
        const madeByCode = numbered && labelledInCode(href.slice(href.indexOf("#") + 1), chapters);
        if (numbered && !madeByCode) error(file, `Unexpected link \`${href}\` ${reason}`, node, ruleId);
        else warn(file, `Unexpected link \`${href}\` ${madeByCode ? "to a figure or table a code chunk makes when the site is rendered, which the book does not run" : reason}: it is set as plain text`, node, ruleId);
        parent!.children.splice(index!, 1, ...fillPlaceholders(node.children, undefined, undefined));
        return [SKIP, index!] as [typeof SKIP, number];
      };
      const hash = href.indexOf("#");
      const [filePart, fragment] = hash === -1 ? [href, undefined] : [href.slice(0, hash), href.slice(hash + 1)];
      let targetChapter: number | undefined;
      if (filePart !== "") {
        const absolutePath = linkedPath(filePart, file, folders);
        if (!isInside(folders.manuscriptDir, absolutePath)) {
          error(file, `Unexpected link \`${href}\` to a file outside the manuscript folder, expected a web address, another chapter’s file or a place in the book (#…)`, node, "link-outside");
          delete node.properties.href;
          return undefined;
        }
        targetChapter = chapterCandidates(absolutePath).map((candidate) => chapterOfPath.get(candidate)).find((found) => found !== undefined) ?? sitePageChapter(filePart, chapters, folders);
        if (targetChapter === undefined) {
          const figure = fragment === undefined ? figureShowing(chapters, absolutePath, prefixOf) : undefined;
          if (figure) {
            node.properties.href = `#${figure}`;
            targets.set(figure, { chapter: chapters.findIndex(({ tree }) => hasId(tree, figure)), title: "" });
            return undefined;
          }
          if (!isFile(absolutePath)) {
            const siteRoot = filePart.startsWith("/") ? `; a path that starts with \`/\` is read from the folder book.yaml’s \`assets:\` names (now \`${path.relative(folders.manuscriptDir, folders.assetsDir) || "."}\`)` : "";
            return unlink(`to a file that does not exist (\`${path.relative(folders.manuscriptDir, absolutePath)}\`), expected another chapter’s file or an image the book shows; check the path${siteRoot}`, "link-missing");
          }
          return unlink("to a file of the manuscript that is not a chapter of the book, expected another chapter’s file (listed under `chapters:` in book.yaml) or an image the book shows", "link-not-chapter");
        }
        if (fragment === undefined || fragment === "") {
          node.properties.href = `#${chapterId(targetChapter)}`;
          node.children = fillPlaceholders(node.children, chapterId(targetChapter), chapters[targetChapter]!);
          return undefined;
        }
      }
      // An id may be written as it is or percent-encoded (GFM encodes footnote labels such as `[^译注]`).
      const forms = [...new Set([fragment!, decodeFragment(fragment!)])];
      const idIn = (other: number) => forms.map((form) => prefixOf(other) + form).find((id) => targets.has(id));
      const elsewhere = chapters.flatMap((_, other) => idIn(other) ?? []);
      const id = targetChapter !== undefined ? idIn(targetChapter) : (idIn(chapter) ?? (elsewhere.length === 1 ? elsewhere[0] : undefined));
      if (!id) {
        const written = decodeFragment(fragment!);
        const where = targetChapter !== undefined ? `an id that chapter \`${path.basename(chapters[targetChapter]!.file.path)}\` does not have` : elsewhere.length > 1 ? `an id that ${elsewhere.length} chapters have` : "an id that no heading or anchor of the book has";
        const expected = numbered
          ? `expected the id of one figure or table of the book, written after it as \`![说明](图.png){#${written}}\` or \`: 表题 {#${written}}\`; check the spelling or give them different ids`
          : `expected the id of one heading of the book, written after it as \`## 标题 {#${written}}\`; check the spelling or give the headings different ids`;
        return unlink(`(${where}), ${expected}`, "cross-reference");
      }
      node.properties.href = `#${id}`;
      const target = targets.get(id)!;
      if (target.number === undefined && toText(node).includes(numberPlaceholder)) error(file, `Unexpected \`${numberPlaceholder}\` in a link to \`#${fragment}\`, which is not a numbered figure or table, expected a link to one (\`#fig-…\`, \`#tbl-…\`) or \`{title}\` or \`{page}\``, node, "cross-reference");
      node.children = fillPlaceholders(node.children, id, target);
      return undefined;
    }),
  );
  safeIds(chapters);
}

/** Every id of the book (with its chapter's prefix) with its chapter and text, and each chapter's own id. */
export function linkTargets(chapters: readonly Pick<LinkedChapter, "tree" | "title">[]): Map<string, LinkTarget> {
  const targets = new Map<string, LinkTarget>();
  chapters.forEach(({ tree, title }, chapter) => {
    targets.set(chapterId(chapter), { chapter, title });
    visit(tree, "element", (node: Element) => {
      const { id, dataNumber } = node.properties;
      if (typeof id === "string") targets.set(id, { chapter, title: toText(node).trim(), ...(dataNumber === undefined ? {} : { number: String(dataNumber) }) });
    });
  });
  return targets;
}

/** The file a link's path names (a `file:` URL names a file of the machine, which the caller refuses). */
function linkedPath(written: string, file: VFile, folders: LinkFolders): string {
  if (/^file:/i.test(written)) return path.resolve(written.replace(/^file:\/*/i, "/"));
  return manuscriptPath(decodeFragment(written), file.path, folders.assetsDir);
}

/** The chapter files a link may mean, as static-site generators write links to pages. */
function chapterCandidates(absolutePath: string): string[] {
  const withoutSlash = absolutePath.replace(/\/+$/, "");
  const stem = withoutSlash.replace(/\.(html?|md|markdown)$/i, "");
  return [withoutSlash, `${stem}.md`, `${stem}.markdown`, path.join(withoutSlash, "index.md"), path.join(withoutSlash, "_index.md"), path.join(withoutSlash, "README.md")];
}

/**
 * The chapter a site-root page link names (`/ch2`, `/zh/ch2/`, `/docs/intro.html`): static-site
 * generators serve pages from their content folder (Hugo's `content/zh/ch2.md` is `/ch2`), not from
 * the folder of static files that `assets` names. The one chapter whose path, without its extension
 * and index file, ends with the link's path; none when no chapter or several do.
 */
function sitePageChapter(written: string, chapters: readonly LinkedChapter[], folders: LinkFolders): number | undefined {
  if (!written.startsWith("/")) return undefined;
  const page = decodeFragment(written).replace(/^\/+|\/+$/g, "").replace(/\.(html?|md|markdown)$/i, "");
  if (page === "") return undefined;
  const matches = chapters.flatMap(({ file }, index) => {
    const stem = path.relative(folders.manuscriptDir, file.path).replace(/\.(md|markdown)$/i, "").replace(/(^|\/)(index|_index|README)$/i, "");
    return stem === page || stem.endsWith(`/${page}`) ? [index] : [];
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Whether a chapter labels a code chunk or a Quarto figure div with `id` (`#| label: fig-a`,
 * ```` ```{r fig-a} ````, `::: {#fig-a}`): Quarto and R Markdown books make such figures and tables
 * when the site is rendered, and the book, which runs no code, has no figure to number.
 */
function labelledInCode(id: string, chapters: readonly LinkedChapter[]): boolean {
  const label = new RegExp(`(?:#\\|\\s*label:\\s*["']?|^\\s*\`\`\`+\\s*\\{\\w+[\\s,]+|^\\s*:::+\\s*\\{#)${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "m");
  return chapters.some(({ file }) => label.test(String(file.value)));
}

const isFile = (absolutePath: string) => existsSync(absolutePath) && statSync(absolutePath).isFile();

function hasId(tree: Root, id: string): boolean {
  let found = false;
  visit(tree, "element", (node: Element) => void (found ||= node.properties.id === id));
  return found;
}

/** The id of the figure (or image) that shows the file, given one if it has none. */
function figureShowing(chapters: readonly LinkedChapter[], absolutePath: string, prefixOf: (chapter: number) => string): string | undefined {
  for (const [chapter, { tree }] of chapters.entries()) {
    let id: string | undefined;
    visitParents(tree, "element", (node: Element, ancestors) => {
      if (node.tagName !== "img" || node.properties.src !== pathToFileURL(absolutePath).href) return undefined;
      const parent = ancestors.at(-1);
      const shown = parent?.type === "element" && parent.tagName === "figure" ? parent : node;
      if (typeof shown.properties.id !== "string") shown.properties.id = `${prefixOf(chapter)}figure-${path.basename(absolutePath).replace(/[^\w-]/g, "-")}`;
      id = shown.properties.id as string;
      return false;
    });
    if (id) return id;
  }
  return undefined;
}

/** `{title}` as the target's text, `{number}` as its number and `{page}` as a page reference (or `??` without a target), in the link's text nodes. */
function fillPlaceholders(children: ElementContent[], id: string | undefined, target: Pick<LinkTarget, "title" | "number"> | undefined): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type === "element") return [{ ...child, children: fillPlaceholders(child.children, id, target) }];
    if (child.type !== "text" || !child.value.includes("{")) return [child];
    return child.value
      .replaceAll(titlePlaceholder, target?.title ?? "??")
      .replaceAll(numberPlaceholder, target?.number ?? "??")
      .split(pagePlaceholder)
      .flatMap((text, index): ElementContent[] => [
        ...(index > 0 ? [id ? h("span.page-ref", { dataPageRef: id }) : { type: "text" as const, value: "??" }] : []),
        // The title and number put in stand across a vertical line where short, as the text's numbers do (rehype-tate-chu-yoko.ts).
        ...(text ? markShortNumbers(text) : []),
      ]);
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Characters an id keeps as they are; any other is written as `_hex_`. */
const idCharacter = /[A-Za-z0-9-]/;

/**
 * Ids of ASCII letters, digits and hyphens only. Footnote labels and heading ids may be Chinese
 * (`[^译注1]`, `{#方法}`); such ids become fragments that EPUB reading systems and PDF named
 * destinations handle badly (remark-rehype also percent-encodes them, which is undone first). The
 * mapping is one-to-one (`_` itself is escaped), so ids stay unique.
 */
export const safeId = (id: string) => [...decodeFragment(id)].map((character) => (idCharacter.test(character) ? character : `_${character.codePointAt(0)!.toString(16)}_`)).join("");

function safeIds(chapters: readonly LinkedChapter[]): void {
  for (const { tree } of chapters) {
    visit(tree, "element", (node: Element) => {
      const { properties } = node;
      if (typeof properties.id === "string") properties.id = safeId(properties.id);
      if (typeof properties.href === "string" && properties.href.startsWith("#")) properties.href = `#${safeId(properties.href.slice(1))}`;
      if (typeof properties.dataPageRef === "string") properties.dataPageRef = safeId(properties.dataPageRef);
      for (const key of ["ariaDescribedBy", "ariaLabelledBy"] as const) {
        const ids = properties[key];
        if (Array.isArray(ids)) properties[key] = ids.map((id) => safeId(String(id)));
      }
    });
  }
}
