import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderAssets } from "./book-html.ts";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Reads `templates/book.html` and every stylesheet in `styles/`. */
export async function loadRenderAssets(): Promise<RenderAssets> {
  const stylesDir = path.join(projectRoot, "styles");
  const names = (await readdir(stylesDir)).filter((name) => name.endsWith(".css"));
  const styles = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(path.join(stylesDir, name), "utf8")] as const)),
  );
  const template = await readFile(path.join(projectRoot, "templates", "book.html"), "utf8");
  return { template, styles };
}
