import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { withScheme } from "../../book/paths.ts";
import { isData, isFolder, namesOf, readDataFile, textOf } from "../data-files.ts";
import { readFileTree } from "../file-tree.ts";
import { emptySite, type Recognised, type SiteEntry, type SiteStructure } from "../site.ts";

const defaultDocsFolder = "docs";

/**
 * A nav title as text: MkDocs writes them as HTML (“第 1 章 &nbsp; 初识算法”), and a book's part
 * title is plain text, one space where the site spaced words out.
 */
const plainTitle = (title: string) => toText(fromHtml(title, { fragment: true })).replace(/[\s\u00A0]+/g, " ").trim();

/**
 * MkDocs (Material for MkDocs too): mkdocs.yml's `site_name`, `site_author`, `theme.language`,
 * `docs_dir` and `nav`, whose entries are pages (`- page.md`, `- 标题: page.md`) and sections
 * (`- 标题: [ … ]`, parts here, opened by their index.md when it comes first); links to other
 * sites are left out. Without `nav`, the docs folder
 * in name order, each folder's index.md first, as MkDocs lists it.
 */
export async function readMkDocs(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const { value, problem } = await readDataFile(path.join(dir, recognised.evidence));
  if (problem) site.notes.push({ kind: "warning", text: problem });
  const config = isData(value) ? value : {};
  site.title = textOf(config.site_name);
  site.authors = namesOf(config.site_author);
  site.language = isData(config.theme) ? textOf(config.theme.language) : undefined;
  const docsDir = path.posix.normalize(textOf(config.docs_dir) ?? defaultDocsFolder).replace(/^\.\/?$|\/$/g, "");
  site.root = docsDir;
  if (docsDir !== defaultDocsFolder && !(await isFolder(path.join(dir, docsDir))) && (await isFolder(path.join(dir, defaultDocsFolder)))) {
    // Sites that generate their pages before MkDocs runs (Hello 算法: docs_dir: build/docs) keep the written ones in docs/.
    site.notes.push({ kind: "guessed", text: `docs_dir: ${docsDir} is not in the folder (made when the site is built): the pages are read from ${defaultDocsFolder}/` });
    site.root = defaultDocsFolder;
  }
  const page = (link: string, title?: string): SiteEntry[] => {
    if (withScheme.test(link) || link.startsWith("//")) return [];
    return [{ file: path.posix.normalize(path.posix.join(site.root, link.replace(/[#?].*$/, ""))), title, children: [] }];
  };
  const entry = (item: unknown): SiteEntry[] => {
    if (typeof item === "string") return page(item);
    if (!isData(item)) return [];
    return Object.entries(item).flatMap(([title, target]): SiteEntry[] => {
      const text = plainTitle(title);
      if (typeof target === "string") return page(target, text);
      if (!Array.isArray(target)) return [];
      const [first, ...rest] = target.flatMap(entry);
      // A section's index page opens it (Material's navigation.indexes shows it as the section's own page).
      if (first?.file && /(?:^|\/)(?:index|README)\.md$/i.test(first.file)) return [{ file: first.file, title: text, part: true, children: rest }];
      return [{ title: text, part: true, children: first ? [first, ...rest] : [] }];
    });
  };
  if (Array.isArray(config.nav)) {
    site.entries = config.nav.flatMap(entry);
    site.notes.push({ kind: "found", text: `chapters from ${recognised.evidence} (nav)` });
  } else {
    site.notes.push({ kind: "found", text: `no nav in ${recognised.evidence}: the chapters are the ${site.root}/ tree in name order, as MkDocs lists it` });
    site.entries = await readFileTree(dir, site.root, { extensions: [".md", ".markdown"], folderPages: () => ["index.md", "README.md"], orderBy: "name" }, site.notes);
  }
  return site;
}
