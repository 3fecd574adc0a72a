import { loadBook } from "../scripts/book/load.ts";
import { fontFolders } from "../scripts/fonts/declared.ts";
import { parseChapters } from "../scripts/markdown/parse.ts";
import { layouts, type Layout } from "../scripts/outputs.ts";
import { loadRenderAssets } from "../scripts/render/assets.ts";
import { renderBookHtml, renderBookParts, type BookPart } from "../scripts/render/book-html.ts";

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
  const chapters = parseChapters(book.chapters, book.manuscriptDir, book.assetsDir);
  const assets = await loadRenderAssets();
  const documents = layouts.map((layout) => {
    const input = { config: book.config, chapters, layout };
    return { layout, html: renderBookHtml(input, assets), parts: renderBookParts(input, assets) };
  });
  return { documents, allowedPaths: [book.manuscriptDir, ...fontFolders], tagged: book.config.taggedPdf };
}

/** The vertical writing mode on the root, for Chromium to paginate the vertical layout by itself. */
const verticalRoot = "<style>html { -webkit-writing-mode: vertical-rl; writing-mode: vertical-rl; text-orientation: mixed; }</style>";

/**
 * The whole book as one document for Chromium to paginate by itself: the same document, with the
 * vertical layout's writing mode set on the root (the book's stylesheets set it for the page boxes
 * Paged.js makes, which a print without Paged.js has not); the horizontal layout unchanged.
 */
export function withoutPagedjs(document: BookDocument): string {
  return document.layout === "vertical" ? document.html.replace("</head>", `${verticalRoot}\n</head>`) : document.html;
}
