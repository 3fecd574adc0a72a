import path from "node:path";

/**
 * A site link (`ch1.md#x`, `./第一章.md`, `/guide/intro`, `%E7%AC%AC.md`) as a path relative to the
 * manuscript folder: relative links from `fromFolder`, links starting with `/` from the site's
 * `root`. Folder links and links without an extension are resolved against the disk later
 * (`existingPage`).
 */
export function relativeLink(url: string, fromFolder: string, root: string): string {
  const bare = url.replace(/[?#].*$/, "");
  let decoded = bare;
  try {
    decoded = decodeURI(bare);
  } catch {
    // A stray % is a literal percent sign in the file name.
  }
  const [base, rest] = decoded.startsWith("/") ? [root, decoded.slice(1)] : [fromFolder, decoded];
  return path.posix.join(base || ".", rest);
}
