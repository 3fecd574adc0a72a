import { readSummaryFile } from "../link-list.ts";
import { relativeLink } from "../links.ts";
import { emptySite, type Recognised, type SiteStructure } from "../site.ts";

/** docsify: _sidebar.md, whose links start from the site's folder (`/` is its README.md). */
export async function readDocsify(dir: string, recognised: Recognised): Promise<SiteStructure> {
  const site = emptySite(recognised);
  site.notes.push({ kind: "found", text: "docsify keeps the title and language in index.html's script, which is not read" });
  await readSummaryFile(dir, recognised.evidence, site, (url) => relativeLink(url, site.root, site.root));
  return site;
}
