import { loadBook } from "../scripts/book/load.ts";
import { fontFolders } from "../scripts/fonts/declared.ts";
import { parseChapters } from "../scripts/markdown/parse.ts";
import { layouts, type Layout } from "../scripts/outputs.ts";
import { loadRenderAssets } from "../scripts/render/assets.ts";
import { renderBookHtml, renderBookParts, type BookPart } from "../scripts/render/book-html.ts";
import { partCharacters } from "../scripts/typeset/typeset.ts";

export interface BookDocument {
  layout: Layout;
  /** The whole book as one document. */
  html: string;
  /** The documents the build has Paged.js lay out. */
  parts: BookPart[];
}

/** The two HTML documents the build gives Paged.js, made by the build's own stages. */
export async function bookDocuments(manuscriptDir: string): Promise<{ documents: BookDocument[]; allowedPaths: string[]; tagged: boolean }> {
  const book = await loadBook({ manuscriptDir });
  const chapters = parseChapters(book.chapters, book.manuscriptDir);
  const assets = await loadRenderAssets();
  const documents = layouts.map((layout) => {
    const input = { config: book.config, chapters, layout };
    return { layout, html: renderBookHtml(input, assets), parts: renderBookParts(input, assets, partCharacters(book.config.taggedPdf)) };
  });
  return { documents, allowedPaths: [book.manuscriptDir, ...fontFolders], tagged: book.config.taggedPdf };
}

/**
 * The whole book as one document for Chromium to paginate by itself, styled as the build's own
 * chapter-by-chapter documents are (`chromium-pages` on the root: the vertical writing mode).
 */
export function withoutPagedjs(document: BookDocument): string {
  return document.html.replace(/<html([^>]*) class="/, '<html$1 class="chromium-pages ');
}
