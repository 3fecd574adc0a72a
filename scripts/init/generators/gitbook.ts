import path from "node:path";
import { isData, namesOf, readDataFile, textOf } from "../data-files.ts";
import { readSummaryFile } from "../link-list.ts";
import { relativeLink } from "../links.ts";
import { emptySite, type Recognised, type SiteStructure } from "../site.ts";

/** GitBook (legacy) and HonKit: book.json (title, author, language, root, structure.summary) and SUMMARY.md. */
export async function readGitBook(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const { value, problem } = await readDataFile(path.join(dir, "book.json"));
  if (problem) site.notes.push({ kind: "warning", text: problem });
  const book = isData(value) ? value : {};
  site.title = textOf(book.title);
  site.authors = namesOf(book.author);
  site.language = textOf(book.language);
  site.root = path.posix.normalize(textOf(book.root) ?? ".").replace(/^\.\/?$|\/$/g, "");
  const summaryName = (isData(book.structure) ? textOf(book.structure.summary) : undefined) ?? "SUMMARY.md";
  const summaryFile = path.posix.join(site.root, summaryName);
  await readSummaryFile(dir, summaryFile, site, (url) => relativeLink(url, path.posix.dirname(summaryFile), site.root));
  return site;
}
