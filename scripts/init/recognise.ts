import path from "node:path";
import { isFile, isFolder } from "./data-files.ts";
import { generators, type GeneratorId, type Recognised } from "./site.ts";

/** Hugo's configuration files, newest name first; `config/_default/` is its split configuration. */
export const hugoConfigFiles = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"].flatMap((name) => [name, `config/_default/${name}`]);

/**
 * The generator that built the site in `dir`, by the files each one needs, checked in an order
 * where the more specific signs come first (an mdBook has a SUMMARY.md too, under src/). Both
 * `init:book` and the "missing book.yaml" message use it.
 */
export async function recogniseGenerator(dir: string): Promise<Recognised | undefined> {
  const has = (name: string) => isFile(path.join(dir, name));
  const first = async (names: readonly string[]) => {
    for (const name of names) if (await has(name)) return name;
    return undefined;
  };
  const found = (generator: GeneratorId, evidence: string, root = ""): Recognised => ({ generator, evidence, root });
  if (await has("book.toml")) return found("mdbook", "book.toml");
  const quarto = await first(["_quarto.yml", "_quarto.yaml"]);
  if (quarto) return found("quarto", quarto);
  const hugo = await first(hugoConfigFiles);
  if (hugo && (await isFolder(path.join(dir, "content")))) return found("hugo", hugo, "content");
  const mkdocs = await first(["mkdocs.yml", "mkdocs.yaml"]);
  if (mkdocs) return found("mkdocs", mkdocs, "docs");
  const docusaurus = await first(["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "sidebars.json", "sidebars.js", "sidebars.ts"]);
  if (docusaurus) return found("docusaurus", docusaurus, "docs");
  for (const root of ["", "docs"]) {
    if (await isFolder(path.join(dir, root, ".vitepress"))) return found("vitepress", path.posix.join(root, ".vitepress"), root);
    if (await isFolder(path.join(dir, root, ".vuepress"))) return found("vuepress", path.posix.join(root, ".vuepress"), root);
  }
  const gitbook = await first(["book.json", "SUMMARY.md"]);
  if (gitbook) return found("gitbook", gitbook);
  for (const root of ["", "docs"]) {
    const sidebar = path.posix.join(root, "_sidebar.md");
    if (await has(sidebar)) return found("docsify", sidebar, root);
  }
  return undefined;
}

/** For a folder without book.yaml: the site found in it, and the command that writes book.yaml from it. */
export async function describeSiteFolder(folder: string): Promise<string> {
  const recognised = await recogniseGenerator(folder).catch(() => undefined);
  return recognised
    ? `the folder holds a site made with ${generators[recognised.generator]} (${recognised.evidence}); \`npm run init:book -- ${folder}\` writes book.yaml from its table of contents`
    : `\`npm run init:book -- ${folder}\` writes one from the folder's Markdown files, or copy manuscript/book.yaml as a start`;
}
