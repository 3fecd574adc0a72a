/** The static-site generators `init:book` reads a book's structure from. */
export const generators = {
  mdbook: "mdBook",
  gitbook: "GitBook/HonKit",
  quarto: "Quarto",
  hugo: "Hugo",
  mkdocs: "MkDocs",
  docusaurus: "Docusaurus",
  vitepress: "VitePress",
  vuepress: "VuePress",
  docsify: "docsify",
  files: "no site generator (Markdown files in name order)",
} as const;

export type GeneratorId = keyof typeof generators;

/** A generator recognised in a folder, by the file that gave it away. */
export interface Recognised {
  generator: GeneratorId;
  /** The file or folder that identifies it, relative to the manuscript folder (`book.toml`). */
  evidence: string;
  /** The folder the site's pages live in, relative to the manuscript folder ("" for the folder itself). */
  root: string;
}

/**
 * One entry of the site's table of contents: a page (`file`), a titled group (a part), or both (a
 * part with its own opening page, as Hugo's `_index.md`). Children are the entries nested under it.
 */
export interface SiteEntry {
  /** Path relative to the manuscript folder, with `/` separators. */
  file?: string;
  title?: string;
  /** A part or section: its children belong to it rather than continue its page. */
  part?: boolean;
  children: SiteEntry[];
}

/** What `init:book` tells the editor: what it found in the site, what it had to guess, what is wrong. */
export interface Note {
  kind: "found" | "guessed" | "warning";
  text: string;
}

/** A site's book as the generator shows it, before it is written as book.yaml. */
export interface SiteStructure extends Recognised {
  title?: string;
  authors: string[];
  language?: string;
  /** The folder the site serves at its root (Hugo's static/, VuePress' .vuepress/public/): book.yaml's `assets`, where `/img/a.png` is found. */
  assets?: string;
  /** The works the site's pages cite (Quarto's and Pandoc's `bibliography:`): book.yaml's `bibliography`. */
  bibliography?: string[];
  entries: SiteEntry[];
  notes: Note[];
}

/** Every file of the tree, in reading order. */
export function filesInOrder(entries: readonly SiteEntry[]): string[] {
  return entries.flatMap((entry) => [...(entry.file ? [entry.file] : []), ...filesInOrder(entry.children)]);
}

/** A site with nothing read yet but the generator that made it. */
export function emptySite(recognised: Recognised): SiteStructure {
  return { ...recognised, authors: [], entries: [], notes: [] };
}
