import path from "node:path";
import { isData, namesOf, readDataFile, textOf } from "../data-files.ts";
import { emptySite, type Recognised, type SiteEntry, type SiteStructure } from "../site.ts";

/**
 * Quarto books: _quarto.yml's `book:` (title, author, chapters with `part:` groups, appendices),
 * `lang` and `bibliography`. Jupyter notebooks (.ipynb) are not Markdown and are left out with a warning.
 */
export async function readQuarto(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  const { value, problem } = await readDataFile(path.join(dir, recognised.evidence));
  if (problem) site.notes.push({ kind: "warning", text: problem });
  const config = isData(value) ? value : {};
  const book = isData(config.book) ? config.book : {};
  site.title = textOf(book.title) ?? textOf(config.title);
  site.authors = namesOf(book.author ?? config.author);
  site.language = textOf(config.lang);
  const bibliography = (Array.isArray(config.bibliography) ? config.bibliography : [config.bibliography]).map(textOf).filter((file) => file !== undefined);
  if (bibliography.length > 0) {
    site.bibliography = bibliography;
    site.notes.push({ kind: "found", text: `citations' works from ${recognised.evidence} (bibliography: ${bibliography.join(", ")})` });
  }
  const entry = (item: unknown): SiteEntry[] => {
    if (typeof item === "string") return [pageEntry(item)];
    if (!isData(item)) return [];
    const children = Array.isArray(item.chapters) ? item.chapters.flatMap(entry) : [];
    const part = textOf(item.part);
    if (part) return [/\.(q?md|ipynb|rmd)$/i.test(part) ? { ...pageEntry(part), part: true, children } : { title: part, part: true, children }];
    const file = textOf(item.file) ?? textOf(item.href);
    return file ? [{ ...pageEntry(file), title: textOf(item.text), children }] : children;
  };
  const pageEntry = (file: string): SiteEntry => {
    if (/\.ipynb$/i.test(file)) site.notes.push({ kind: "warning", text: `${file} is a Jupyter notebook, not Markdown: left out (convert it with \`quarto convert\`)` });
    return { file: /\.ipynb$/i.test(file) ? undefined : path.posix.normalize(file), children: [] };
  };
  site.entries = Array.isArray(book.chapters) ? book.chapters.flatMap(entry) : [];
  if (Array.isArray(book.appendices) && book.appendices.length > 0) {
    site.entries.push({ title: "附录 Appendices", part: true, children: book.appendices.flatMap(entry) });
    site.notes.push({ kind: "found", text: "book.appendices listed as a part “附录 Appendices” after the chapters" });
  }
  site.notes.push({ kind: "found", text: `chapters from ${recognised.evidence} (book.chapters)` });
  return site;
}
