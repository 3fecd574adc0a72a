import path from "node:path";
import { fileURLToPath } from "node:url";

/** The pipeline's own folder, where `styles/`, `templates/` and `scripts/` are. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A URL scheme (`https:`, `mailto:`, `file:`): a link or image that is not a path in the manuscript. */
export const withScheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The file a path written in a chapter names: one that starts with `/` from the assets folder
 * (static-site generators write paths from the site's root), any other from the chapter's folder.
 */
export function manuscriptPath(written: string, chapterPath: string, assetsDir: string): string {
  return written.startsWith("/") ? path.join(assetsDir, written) : path.resolve(path.dirname(chapterPath), written);
}

/** Whether `target` lies in `folder` (both absolute and symlink-free). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
