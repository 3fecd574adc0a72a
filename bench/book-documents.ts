import { loadBook } from "../scripts/book/load.ts";
import { fontFolders } from "../scripts/fonts/declared.ts";
import { parseChapters } from "../scripts/markdown/parse.ts";
import { layouts, type Layout } from "../scripts/outputs.ts";
import { loadRenderAssets } from "../scripts/render/assets.ts";
import { renderBookHtml } from "../scripts/render/book-html.ts";

export interface BookDocument {
  layout: Layout;
  html: string;
}

/** The two HTML documents the build gives Paged.js, made by the build's own stages. */
export async function bookDocuments(manuscriptDir: string): Promise<{ documents: BookDocument[]; allowedPaths: string[]; tagged: boolean }> {
  const book = await loadBook({ manuscriptDir });
  const chapters = parseChapters(book.chapters, book.manuscriptDir);
  const assets = await loadRenderAssets();
  const documents = layouts.map((layout) => ({ layout, html: renderBookHtml({ config: book.config, chapters, layout }, assets) }));
  return { documents, allowedPaths: [book.manuscriptDir, ...fontFolders], tagged: book.config.taggedPdf };
}

/**
 * The same document for a typesetter without Paged.js: the vertical layout's writing mode sits on
 * a box Paged.js creates, so it is put on the root instead.
 */
export function withoutPagedjs(document: BookDocument): string {
  return document.layout === "vertical" ? document.html.replace("</head>", "<style>html { writing-mode: vertical-rl; }</style>\n</head>") : document.html;
}
