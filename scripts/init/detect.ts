import path from "node:path";
import { isFile, isFolder, readPage } from "./data-files.ts";
import { readFileTree } from "./file-tree.ts";
import { readDocsify } from "./generators/docsify.ts";
import { readDocusaurus } from "./generators/docusaurus.ts";
import { readGitBook } from "./generators/gitbook.ts";
import { readHugo } from "./generators/hugo.ts";
import { readMdBook } from "./generators/mdbook.ts";
import { readMkDocs } from "./generators/mkdocs.ts";
import { readQuarto } from "./generators/quarto.ts";
import { readVitePress } from "./generators/vitepress.ts";
import { guessLanguage, languageTag } from "./language.ts";
import { recogniseGenerator } from "./recognise.ts";
import { emptySite, filesInOrder, generators, type GeneratorId, type Note, type Recognised, type SiteEntry, type SiteStructure } from "./site.ts";

const readers: Record<GeneratorId, (dir: string, recognised: Recognised) => Promise<SiteStructure>> = {
  mdbook: readMdBook,
  gitbook: readGitBook,
  quarto: readQuarto,
  hugo: readHugo,
  mkdocs: readMkDocs,
  docusaurus: readDocusaurus,
  vitepress: readVitePress,
  vuepress: readVitePress,
  docsify: readDocsify,
  files: async (dir, recognised) => {
    const site = emptySite(recognised);
    site.entries = await readFileTree(dir, "", { extensions: [".md", ".markdown"], folderPages: () => ["index.md", "README.md"], orderBy: "name" }, site.notes);
    return site;
  },
};

/**
 * The book a site in `dir` shows: its generator, title, authors, language and table of contents,
 * every entry's file checked to exist, with notes on what was found and what was guessed.
 */
export async function detectSite(dir: string): Promise<SiteStructure> {
  const recognised = (await recogniseGenerator(dir)) ?? { generator: "files", evidence: "", root: "" };
  const site = await readers[recognised.generator](dir, recognised);
  site.notes.unshift({ kind: recognised.generator === "files" ? "guessed" : "found", text: recognised.generator === "files" ? "no static-site generator recognised: the chapters are the Markdown files in name order" : `${generators[recognised.generator]}, recognised by ${recognised.evidence}` });
  site.entries = await existingEntries(dir, site.entries, new Set(), site.notes);
  if (site.entries.some((entry) => entry.part || entry.children.length > 0)) site.notes.push({ kind: "found", text: "parts and nesting are listed as comments above the chapters until book.yaml supports them" });
  if (filesInOrder(site.entries).length === 0) site.notes.push({ kind: "warning", text: "no chapter file found: add the chapters to book.yaml by hand" });
  await settleLanguage(dir, site);
  await settleAssets(dir, site);
  if (!site.title) {
    site.title = path.basename(path.resolve(dir));
    site.notes.push({ kind: "guessed", text: `no title in the site's configuration: the folder's name “${site.title}”` });
  }
  if (site.authors.length === 0) site.notes.push({ kind: "guessed", text: "no author in the site's configuration: fill in `authors:`" });
  return site;
}

/**
 * The entries whose files exist (a folder link means its README.md or index.md; a link without an
 * extension, the .md file), each file once, inside the manuscript folder, titled from the page
 * when the list gives no title. An entry whose file is missing keeps its title and children.
 */
async function existingEntries(dir: string, entries: readonly SiteEntry[], seen: Set<string>, notes: Note[]): Promise<SiteEntry[]> {
  const kept: SiteEntry[] = [];
  for (const entry of entries) {
    const children = await existingEntries(dir, entry.children, seen, notes);
    const file = entry.file === undefined ? undefined : await existingPage(dir, entry.file);
    if (entry.file !== undefined && !file) notes.push({ kind: "warning", text: `the site lists ${entry.file}${entry.title ? ` (“${entry.title}”)` : ""}, which does not exist: left out` });
    if (file && seen.has(file)) notes.push({ kind: "found", text: `${file} is listed again${entry.title ? ` as “${entry.title}”` : ""}: a book has each chapter once, the repeat is left out` });
    const unique = file && !seen.has(file) ? file : undefined;
    if (unique) seen.add(unique);
    const title = entry.title ?? (unique ? (await readPage(path.join(dir, unique)))?.title : undefined);
    if (unique || children.length > 0) kept.push({ file: unique, title, part: entry.part || !unique || undefined, children });
  }
  return kept;
}

async function existingPage(dir: string, link: string): Promise<string | undefined> {
  const candidates = [link, `${link}.md`, path.posix.join(link, "README.md"), path.posix.join(link, "index.md"), path.posix.join(link, "_index.md")];
  for (const candidate of candidates.map((file) => path.posix.normalize(file))) {
    if (candidate.startsWith("../") || path.posix.isAbsolute(candidate)) continue;
    if (await isFile(path.join(dir, candidate))) return candidate;
  }
  return undefined;
}

/** The site's language as a BCP 47 tag; guessed from the chapters' text when the site gives none or only `zh`. */
async function settleLanguage(dir: string, site: SiteStructure): Promise<void> {
  const given = site.language ? languageTag(site.language) : undefined;
  if (given && given !== "zh") {
    site.language = given;
    return;
  }
  const texts = await Promise.all(filesInOrder(site.entries).map(async (file) => (await readPage(path.join(dir, file)))?.body ?? ""));
  const guess = guessLanguage(texts.join("\n"));
  const tag = given === "zh" && !guess.tag.startsWith("zh") ? "zh-CN" : guess.tag;
  site.notes.push({ kind: "guessed", text: `${given ? "the site says only “zh”" : "no language in the site's configuration"}: ${tag}, from the text (${guess.reason})` });
  site.language = tag;
}

/** Where each generator keeps the files it serves at the site's root, in the order they are looked for. */
function assetFolders(site: SiteStructure): string[] {
  const root = site.root;
  switch (site.generator) {
    case "hugo":
      return ["static"];
    case "mkdocs":
      return [root];
    case "docusaurus":
      return ["static"];
    case "vuepress":
      return [path.posix.join(path.posix.dirname(site.evidence), ".vuepress/public")];
    case "vitepress":
      return [path.posix.join(root, "public")];
    case "mdbook":
    case "gitbook":
    case "docsify":
    case "quarto":
    case "files":
      return [];
  }
}

/**
 * The site's public folder when its pages use site-root paths (`/img/a.png`, `$withBase('/a.png')`):
 * book.yaml's `assets`, or those paths are looked for in the manuscript folder itself.
 */
async function settleAssets(dir: string, site: SiteStructure): Promise<void> {
  if (site.assets) return;
  for (const folder of assetFolders(site)) {
    if (!(await isFolder(path.join(dir, folder)))) continue;
    const texts = await Promise.all(filesInOrder(site.entries).map(async (file) => (await readPage(path.join(dir, file)))?.body ?? ""));
    if (!texts.some((text) => /(?:\]\(\s*<?|src=["']?|withBase\(\s*["'`])\/(?!\/)/.test(text))) return;
    site.assets = path.posix.normalize(folder);
    site.notes.push({ kind: "found", text: `the pages link to files at the site's root (/…), which ${generators[site.generator]} serves from ${site.assets}/: assets: ${site.assets}` });
    return;
  }
}
