import { readdir } from "node:fs/promises";
import path from "node:path";
import { isData, isFolder, namesOf, readDataFile, textOf, type Data } from "../data-files.ts";
import { numberOf, readFileTree } from "../file-tree.ts";
import { emptySite, type Recognised, type SiteStructure } from "../site.ts";

/**
 * Hugo: the content tree ordered as Hugo lists pages (front matter `weight`, then title, then file
 * name), each section's `_index.md` opening it, leaf bundles (`x/index.md`) as one page. Title,
 * language and author come from the configuration file; a multilingual site's Chinese content.
 */
export async function readHugo(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const { value, problem } = await readDataFile(path.join(dir, recognised.evidence));
  if (problem) site.notes.push({ kind: "warning", text: problem });
  const config = isData(value) ? value : {};
  const contentDir = textOf(config.contentDir) ?? textOf(config.contentdir) ?? "content";
  const chinese = chineseLanguage(config);
  const languageConfig = chinese ? chinese.config : {};
  const params = (data: Data) => (isData(data.params) ? data.params : {});
  site.title = textOf(languageConfig.title) ?? textOf(config.title);
  site.authors = namesOf(params(languageConfig).author ?? params(config).author ?? config.author);
  site.language = textOf(languageConfig.languageCode) ?? textOf(config.languageCode) ?? chinese?.key;
  site.root = await contentRoot(dir, contentDir, chinese, config, site);
  site.entries = await readFileTree(dir, site.root, { extensions: [".md", ".markdown"], folderPages: () => ["_index.md"], leafBundle: "index.md", position: (frontMatter) => numberOf(frontMatter.weight) || undefined, orderBy: "title" }, site.notes);
  if (site.entries[0]?.file === path.posix.join(site.root, "_index.md")) site.notes.push({ kind: "guessed", text: `${site.entries[0].file}, the site's home page, is the first chapter: delete it from the list if it is only a landing page` });
  return site;
}

/** The Chinese entry of the configuration's `languages` table, if the site has one. */
function chineseLanguage(config: Data): { key: string; config: Data } | undefined {
  const languages = isData(config.languages) ? config.languages : {};
  const key = Object.keys(languages).find((name) => /^zh\b/i.test(name) || /^zh\b/i.test(textOf(isData(languages[name]) ? languages[name].languageCode : undefined) ?? ""));
  return key && isData(languages[key]) ? { key, config: languages[key] } : undefined;
}

/** The folder of the Chinese pages: the language's own `contentDir`, `content/<lang>/`, or the content folder itself. */
async function contentRoot(dir: string, contentDir: string, chinese: { key: string; config: Data } | undefined, config: Data, site: SiteStructure): Promise<string> {
  const own = chinese ? textOf(chinese.config.contentDir) ?? textOf(chinese.config.contentdir) : undefined;
  if (own) {
    site.notes.push({ kind: "found", text: `a multilingual site: the Chinese pages (${chinese!.key}) from ${own}/` });
    return path.posix.normalize(own);
  }
  const folders = (await readdir(path.join(dir, contentDir), { withFileTypes: true })).filter((item) => item.isDirectory()).map((item) => item.name);
  const languageKeys = isData(config.languages) ? Object.keys(config.languages) : [];
  const chineseFolder = folders.find((name) => (chinese ? name === chinese.key : /^zh([-_]|$)/i.test(name)));
  const isByLanguage = chineseFolder && (languageKeys.includes(chineseFolder) || folders.every((name) => /^[a-z]{2,3}([-_][A-Za-z0-9]+)?$/.test(name)));
  if (chineseFolder && isByLanguage && (await isFolder(path.join(dir, contentDir, chineseFolder)))) {
    site.notes.push({ kind: "found", text: `a multilingual site (${folders.join(", ")}): the Chinese pages from ${contentDir}/${chineseFolder}/` });
    return path.posix.join(contentDir, chineseFolder);
  }
  return contentDir;
}
