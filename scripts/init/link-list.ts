import type { Link, List, ListItem, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import path from "node:path";
import { readText } from "./data-files.ts";
import { generators, type Note, type SiteEntry, type SiteStructure } from "./site.ts";

/** A link target as written in the list (`ch1.md`, `/guide/`), to the file it means, or undefined for none. */
export type LinkTarget = (url: string) => string | undefined;

/**
 * A table of contents written as Markdown link lists: mdBook's and GitBook's SUMMARY.md, docsify's
 * _sidebar.md. A heading before any entry is the list's own title; later headings open parts
 * (mdBook's `# 第一部分`, GitBook's `## 部分`). Links outside lists are mdBook's prefix and suffix
 * chapters; an item that is text without a link is a group of the entries under it.
 */
export function readLinkList(markdown: string, target: LinkTarget, notes: Note[]): SiteEntry[] {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  const top: SiteEntry[] = [];
  let part: SiteEntry | undefined;
  let separators = 0;
  for (const node of tree.children) {
    if (node.type === "heading") {
      if (top.length === 0 && !part) continue;
      part = { title: toString(node), part: true, children: [] };
      top.push(part);
    } else if (node.type === "list") {
      (part?.children ?? top).push(...listEntries(node, target, notes));
    } else if (node.type === "paragraph") {
      top.push(...linksIn(node).flatMap((link) => linkEntry(link, [], target, notes) ?? []));
    } else if (node.type === "thematicBreak") {
      separators++;
    }
  }
  if (separators > 0) notes.push({ kind: "found", text: `${separators} separator line(s) (---) in the list: a book has no place for them, left out` });
  return top;
}

function listEntries(list: List, target: LinkTarget, notes: Note[]): SiteEntry[] {
  return list.children.flatMap((item) => itemEntry(item, target, notes) ?? []);
}

function itemEntry(item: ListItem, target: LinkTarget, notes: Note[]): SiteEntry | undefined {
  const children = item.children.flatMap((child) => (child.type === "list" ? listEntries(child, target, notes) : []));
  const label = item.children.find((child) => child.type === "paragraph");
  const link = label ? linksIn(label)[0] : undefined;
  if (link) return linkEntry(link, children, target, notes);
  const title = label ? toString(label).trim() : "";
  return children.length > 0 ? { title: title || undefined, part: true, children } : undefined;
}

function linkEntry(link: Link, children: SiteEntry[], target: LinkTarget, notes: Note[]): SiteEntry | undefined {
  const title = toString(link).trim();
  if (link.url.trim() === "") {
    notes.push({ kind: "found", text: `draft entry “${title}” has no file yet: left out` });
    return children.length > 0 ? { title, part: true, children } : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.url)) {
    notes.push({ kind: "found", text: `entry “${title}” links to ${link.url}, outside the site: left out` });
    return children.length > 0 ? { title, part: true, children } : undefined;
  }
  const file = target(link.url);
  return file ? { file, title, children } : { title, part: true, children };
}

function linksIn(node: RootContent): Link[] {
  if (node.type === "link") return [node];
  return "children" in node ? (node.children as RootContent[]).flatMap(linksIn) : [];
}

/** The table of contents in `file` (relative to `dir`) as the site's entries, or a warning when it is missing. */
export async function readSummaryFile(dir: string, file: string, site: SiteStructure, target: LinkTarget): Promise<void> {
  const summary = await readText(path.join(dir, file));
  if (summary === undefined) {
    site.notes.push({ kind: "warning", text: `no ${file}, which ${generators[site.generator]} takes the chapters from` });
    return;
  }
  site.notes.push({ kind: "found", text: `chapters from ${file}` });
  site.entries = readLinkList(summary, target, site.notes);
}
