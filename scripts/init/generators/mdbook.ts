import path from "node:path";
import { isData, namesOf, readDataFile, textOf } from "../data-files.ts";
import { readSummaryFile } from "../link-list.ts";
import { relativeLink } from "../links.ts";
import { emptySite, type Recognised, type SiteStructure } from "../site.ts";

/** mdBook: book.toml's `[book]` (title, authors or author, language, src) and src/SUMMARY.md. */
export async function readMdBook(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const { value, problem } = await readDataFile(path.join(dir, "book.toml"));
  if (problem) site.notes.push({ kind: "warning", text: problem });
  const book = isData(value) && isData(value.book) ? value.book : {};
  site.title = textOf(book.title);
  // `author`, as some books write it (Rust 程式設計語言, rust-tw/book-tw), names them as well.
  site.authors = namesOf(book.authors ?? book.author);
  site.language = textOf(book.language);
  site.root = path.posix.normalize(textOf(book.src) ?? "src").replace(/^\.\/?$|\/$/g, "");
  await readSummaryFile(dir, path.posix.join(site.root, "SUMMARY.md"), site, (url) => relativeLink(url, site.root, site.root));
  return site;
}
