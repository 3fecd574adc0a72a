import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { RenderAssets } from "./book-html.ts";

import { projectRoot } from "../book/paths.ts";

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
