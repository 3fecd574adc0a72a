import { readdir } from "node:fs/promises";
import path from "node:path";
import { isData, readDataFile, readPage, readText, textOf } from "../data-files.ts";
import { readJsLiteralExport } from "../js-literal.ts";
import { readFileTree } from "../file-tree.ts";
import { relativeLink } from "../links.ts";
import { emptySite, type Note, type Recognised, type SiteEntry, type SiteStructure } from "../site.ts";

/**
 * VitePress and VuePress: the sidebar when it is data (a sidebar JSON/YAML file in .vitepress/ or
 * .vuepress/, VuePress' config.yml/config.toml, or the literals of a config.js/config.ts, read as
 * text and never run: js-literal.ts); otherwise the chapters are the file tree, each folder's
 * index.md or README.md first.
 */
export async function readVitePress(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const configFolder = path.join(dir, recognised.evidence);
  const home = await readPage(path.join(dir, recognised.root, "index.md")) ?? await readPage(path.join(dir, recognised.root, "README.md"));
  const hero = isData(home?.frontMatter.hero) ? home.frontMatter.hero : {};
  const names = (await readdir(configFolder)).sort();
  const dataFiles = names.filter((name) => /\.(json|ya?ml|toml)$/i.test(name));
  const codeFiles = names.filter((name) => /^(config|sidebar)[\w.-]*\.(m|c)?(js|ts)$/i.test(name));
  for (const name of [...dataFiles, ...codeFiles]) {
    const isCode = codeFiles.includes(name);
    const value = isCode ? readJsLiteralExport((await readText(path.join(configFolder, name))) ?? "") : (await readDataFile(path.join(configFolder, name))).value;
    const config = isData(value) ? value : {};
    const theme = isData(config.themeConfig) ? config.themeConfig : {};
    // Of a configuration that is code, only a sidebar written out in full is taken (its title and
    // language may be computed, and are left to the editor).
    if (!isCode) site.title ??= textOf(config.title);
    if (!isCode) site.language ??= textOf(config.lang);
    const sidebar = /sidebar/i.test(name) ? value : theme.sidebar;
    if (site.entries.length === 0 && sidebar) {
      site.entries = sidebarEntries(sidebar, site.root, site.notes);
      site.notes.push({ kind: "found", text: `chapters from the sidebar in ${path.posix.join(recognised.evidence, name)}${isCode ? " (its literals read as data; the code is not run)" : ""}` });
    }
  }
  site.title ??= textOf(hero.name) ?? textOf(home?.frontMatter.title);
  if (site.entries.length === 0) {
    site.notes.push({ kind: "found", text: `the configuration in ${recognised.evidence}/ is code and was not run, and has no sidebar written out as data: the chapters are the file tree in name order, each folder's index.md or README.md first` });
    site.entries = await readFileTree(dir, site.root, { extensions: [".md"], folderPages: () => ["index.md", "README.md"], orderBy: "name" }, site.notes);
  }
  return site;
}

/**
 * A VitePress sidebar (`{ text, link, items }`) or a VuePress one (`{ title, path, children }`, or a
 * page's path alone); a sidebar per section (`{ "/guide/": [...] }`) is read section by section.
 */
function sidebarEntries(sidebar: unknown, root: string, notes: Note[]): SiteEntry[] {
  if (isData(sidebar) && !["items", "children", "text", "title", "link", "path"].some((key) => key in sidebar)) {
    notes.push({ kind: "guessed", text: `the sidebar has a part per section (${Object.keys(sidebar).join(", ")}): listed one after another` });
    return Object.values(sidebar).flatMap((section) => sidebarEntries(section, root, notes));
  }
  const items = Array.isArray(sidebar) ? sidebar : [sidebar];
  return items.flatMap((item): SiteEntry[] => {
    const link = typeof item === "string" ? item : isData(item) ? textOf(item.link) ?? textOf(item.path) : undefined;
    const title = isData(item) ? textOf(item.text) ?? textOf(item.title) : undefined;
    const children = isData(item) ? sidebarEntries(item.items ?? item.children ?? [], root, notes) : [];
    if (/^[a-z][a-z0-9+.-]*:/i.test(link ?? "")) return children.length > 0 ? [{ title, part: true, children }] : [];
    return [{ file: link === undefined ? undefined : relativeLink(link, root, root), title, part: link === undefined, children }];
  });
}
