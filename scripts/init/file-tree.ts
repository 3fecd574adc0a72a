import { readdir } from "node:fs/promises";
import path from "node:path";
import { readPage, type Data, type Page } from "./data-files.ts";
import type { Note, SiteEntry } from "./site.ts";

/** How a generator orders and groups the Markdown files of a folder tree into its navigation. */
export interface TreeRules {
  /** Extensions of the files that are pages. */
  extensions: readonly string[];
  /** Names of a folder's own page (its section or category page), the first present wins. */
  folderPages: (folderName: string) => readonly string[];
  /** Hugo's leaf bundles: a folder holding this file is one page, its other Markdown files its resources. */
  leafBundle?: string;
  /** Where a page stands among its siblings (Hugo's `weight`, Docusaurus' `sidebar_position`); unplaced pages come after the placed ones. */
  position?: (frontMatter: Data) => number | undefined;
  /** A folder's label and position from its own data file (Docusaurus' `_category_.json`). */
  folderData?: (folder: string) => Promise<{ label?: string; position?: number }>;
  /** Unplaced siblings are ordered by title, then file name (Hugo), or by file name alone. */
  orderBy: "title" | "name";
}

interface Placed {
  entry: SiteEntry;
  position?: number;
  title: string;
  name: string;
}

const nameOrder = new Intl.Collator("zh", { numeric: true });

/**
 * The pages under `root` (relative to `dir`) in the generator's order: the root's own page first,
 * then pages and folders; each folder is a part, opened by its own page when it has one. Drafts
 * (`draft: true`) and home-page layouts are left out with a note.
 */
export async function readFileTree(dir: string, root: string, rules: TreeRules, notes: Note[]): Promise<SiteEntry[]> {
  const rootFolder = await readFolder(dir, root, rules, notes);
  if (!rootFolder) return [];
  return rootFolder.entry.file ? [{ file: rootFolder.entry.file, title: rootFolder.entry.title, children: [] }, ...rootFolder.entry.children] : rootFolder.entry.children;
}

async function readFolder(dir: string, folder: string, rules: TreeRules, notes: Note[]): Promise<Placed | undefined> {
  const names = (await readdir(path.join(dir, folder), { withFileTypes: true })).filter((item) => !item.name.startsWith(".") && item.name !== "node_modules" && item.name !== "public");
  const folderName = path.posix.basename(folder);
  const ownPageName = rules.folderPages(folderName).find((name) => names.some((item) => item.isFile() && item.name === name));
  const listed = ownPageName ? await listedPage(dir, path.posix.join(folder, ownPageName), notes, "with its folder") : undefined;
  if (listed === "draft") return undefined;
  const ownPage = listed;
  const placed: Placed[] = [];
  for (const item of names) {
    const relative = path.posix.join(folder, item.name);
    if (item.isDirectory()) {
      const isBundle = rules.leafBundle && (await readdir(path.join(dir, relative))).includes(rules.leafBundle);
      const child = isBundle ? await pageEntry(dir, path.posix.join(relative, rules.leafBundle!), item.name, rules, notes) : await readFolder(dir, relative, rules, notes);
      if (child) placed.push(child);
    } else if (item.isFile() && item.name !== ownPageName && !item.name.startsWith("_") && rules.extensions.includes(path.extname(item.name).toLowerCase())) {
      const child = await pageEntry(dir, relative, item.name, rules, notes);
      if (child) placed.push(child);
    }
  }
  if (placed.length === 0 && !ownPage) return undefined;
  const data = (await rules.folderData?.(path.join(dir, folder))) ?? {};
  const title = data.label ?? ownPage?.title ?? folderName;
  return {
    entry: { file: ownPage ? path.posix.join(folder, ownPageName!) : undefined, title, part: true, children: sortPlaced(placed, rules).map((child) => child.entry) },
    position: data.position ?? (ownPage ? rules.position?.(ownPage.frontMatter) : undefined),
    title,
    name: folderName,
  };
}

async function pageEntry(dir: string, file: string, name: string, rules: TreeRules, notes: Note[]): Promise<Placed | undefined> {
  const page = await listedPage(dir, file, notes);
  if (!page || page === "draft") return undefined;
  const title = page.title ?? path.parse(name).name;
  return { entry: { file, title, children: [] }, position: rules.position?.(page.frontMatter), title, name };
}

/**
 * The page, unless the site leaves it out of the book's reading: a draft (which takes a section's
 * pages with it), or a home page's hero layout (which is no chapter).
 */
async function listedPage(dir: string, file: string, notes: Note[], alsoLeftOut = ""): Promise<Page | "draft" | undefined> {
  const page = await readPage(path.join(dir, file));
  if (!page) return undefined;
  if (page.frontMatter.draft === true) {
    notes.push({ kind: "found", text: `${file} is a draft (draft: true): left out ${alsoLeftOut}`.trimEnd() });
    return "draft";
  }
  if (page.frontMatter.layout === "home") {
    notes.push({ kind: "found", text: `${file} is the site's home page (layout: home), not a chapter: left out` });
    return undefined;
  }
  return page;
}

function sortPlaced(placed: Placed[], rules: TreeRules): Placed[] {
  const byName = (a: Placed, b: Placed) => nameOrder.compare(a.name, b.name);
  const unplaced = (a: Placed, b: Placed) => (rules.orderBy === "title" ? nameOrder.compare(a.title, b.title) || byName(a, b) : byName(a, b));
  return placed.sort((a, b) => {
    if (a.position !== undefined && b.position !== undefined) return a.position - b.position || unplaced(a, b);
    if (a.position !== undefined || b.position !== undefined) return a.position !== undefined ? -1 : 1;
    return unplaced(a, b);
  });
}

/** A number from front matter, or undefined. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
