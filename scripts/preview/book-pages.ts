import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { VFile } from "vfile";
import { isInside } from "../book/paths.ts";
import { declaredFonts } from "../fonts/declared.ts";
import { chapterId } from "../markdown/cross-references.ts";
import { layouts, type Layout } from "../outputs.ts";
import type { ChapterMemo } from "../markdown/parse.ts";
import { loadCheckedBook, parseCheckedBook } from "../prepare.ts";
import { loadRenderAssets } from "../render/assets.ts";
import { renderBookHead, renderBookParts, splitAtBody } from "../render/book-html.ts";

/**
 * One part of the book as the preview lays it out: the title page and contents, a chapter (with
 * the sections that run on after it), the colophon. A part is laid out again only when its body,
 * its side (recto or verso) or a page number it prints changed; otherwise its pages are kept and at
 * most numbered anew.
 */
export interface PreviewPart {
  /** Names the part's body and whether it opens on a recto: what its layout depends on besides its page numbers. */
  key: string;
  body: string;
  opensOnRecto: boolean;
  /** The ids whose pages the part prints (contents, 第N页). */
  references: string[];
}

/** One layout of the book as the preview's tab lays it out: the document's head, and the parts Paged.js is given. */
export interface PreviewLayout {
  head: string;
  /** Changes only with the head: when it does, the tab loads the document again (fonts, styles). */
  headVersion: string;
  /** Rendered when first asked for, once: a page shows one layout at a time. */
  content(): PreviewContent;
}

export interface PreviewContent {
  parts: PreviewPart[];
  /** Every id a link points to, as the build passes them to Paged.js. */
  targets: string[];
}

export interface PreviewBook {
  title: string;
  chapters: Array<{ id: string; title: string; file: string }>;
  layouts: Record<Layout, PreviewLayout>;
}

/** Where the preview serves the files the book's HTML names with file: URLs. */
export interface ServedFiles {
  manuscriptDir: string;
  /** URL path → font file, for every declared face. */
  fonts: Map<string, string>;
}

export function servedFiles(manuscriptDir: string): ServedFiles {
  const files = [...new Set(declaredFonts.map((face) => face.file))];
  return { manuscriptDir, fonts: new Map(files.map((file, index) => [`/fonts/${index}/${encodeURIComponent(path.basename(file))}`, file])) };
}

/**
 * The book's HTML for the browser: a file: URL of the manuscript or of a font becomes the URL the
 * preview serves it at. Anything else stays a file: URL, which a page served over http cannot load.
 * A manuscript file's URL carries its modification time, so that a saved image is loaded again
 * instead of being taken from the page's memory.
 */
function toServedUrls(html: string, served: ServedFiles): string {
  const fontUrls = new Map([...served.fonts].map(([url, file]) => [file, url]));
  return html.replace(/file:\/\/[^"')\s]+/g, (url) => {
    const file = fileURLToPath(url.startsWith("file:///") ? url : `file://${url.slice("file://".length)}`);
    const font = fontUrls.get(file);
    if (font) return font;
    if (!isInside(served.manuscriptDir, file)) return url;
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return `/manuscript/${path.relative(served.manuscriptDir, file).split(path.sep).map(encodeURIComponent).join("/")}?v=${Math.round(modified)}`;
  });
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Parts of at most this many characters: every chapter opens a part of its own. */
const previewPartCharacters = 0;

export type PreviewOutcome = { ok: true; book: PreviewBook; files: VFile[] } | { ok: false; files: VFile[] };

/**
 * The book prepared as the build prepares it (load, check, parse: scripts/prepare.ts), with each
 * layout's document head; its parts are rendered when a page asks for that layout (`content`), with
 * the build's template, styles, fonts and handlers.
 * A manuscript error gives the files with their messages instead. `memo` keeps each chapter's parse
 * from one call to the next. The proofreading of `lint:book` is left to it and to the build.
 */
export async function renderPreview(served: ServedFiles, memo?: ChapterMemo): Promise<PreviewOutcome> {
  const { BuildFailure } = await import("../diagnostics.ts");
  const files: VFile[] = [];
  try {
    const book = await loadCheckedBook(served.manuscriptDir, files);
    const { chapters, faces } = await parseCheckedBook(book, files, undefined, { memo });
    const assets = await loadRenderAssets();
    // A part a chapter (previewPartCharacters), so that an edit lays out one chapter again; the
    // build's larger parts give the same pages, since each of its parts' chapters opens on a recto too.
    const layoutOf = (layout: Layout): PreviewLayout => {
      const head = toServedUrls(renderBookHead({ config: book.config, layout, faces }, assets), served);
      let content: PreviewContent | undefined;
      return {
        head,
        headVersion: hash(head),
        content: () => {
          content ??= (() => {
            const parts = renderBookParts({ config: book.config, chapters, layout, faces }, assets, previewPartCharacters);
            return {
              parts: parts.map((part) => {
                const body = toServedUrls(splitAtBody(part.html).body, served);
                return { key: hash(`${part.opensOnRecto}\n${body}`), body, opensOnRecto: part.opensOnRecto, references: part.pageReferences };
              }),
              targets: [...new Set(parts.flatMap((part) => part.linkTargets))],
            };
          })();
          return content;
        },
      };
    };
    return {
      ok: true,
      files,
      book: {
        title: book.config.title,
        chapters: chapters.map((chapter, index) => ({ id: chapterId(index), title: chapter.title, file: chapter.file.path })),
        layouts: Object.fromEntries(layouts.map((layout) => [layout, layoutOf(layout)])) as Record<Layout, PreviewLayout>,
      },
    };
  } catch (cause) {
    if (cause instanceof BuildFailure) return { ok: false, files: [...new Set([...files, ...cause.files])] };
    throw cause;
  }
}
