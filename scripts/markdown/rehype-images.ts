import type { Element, Root } from "hast";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Position } from "unist";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { isInside, manuscriptPath, withScheme } from "../book/paths.ts";
import { error, warn } from "../diagnostics.ts";
import type { LinkFolders } from "./cross-references.ts";

export interface ImageReference {
  /** As written in the manuscript. */
  url: string;
  /** Absolute path it points at (checked on disk by the images stage). */
  absolutePath: string;
  position?: Position;
  /** For a site-root path (`/img/x.png`): the folder it was taken from, for the message if it is missing. */
  siteRootOf?: string;
  /** An SVG's: the text its drawing prints (set by the images stage), which the PDF must show. */
  drawnText?: string;
}

declare module "vfile" {
  interface DataMap {
    images: ImageReference[];
  }
}


/**
 * Where an image written in `chapterPath` is. A relative path that names no file beside the chapter
 * is also tried from the folder the site serves the chapter as: MkDocs, Hugo and Jekyll publish
 * `guide/01 Intro.md` as `guide/01 Intro/` (pretty URLs), and pages written for the site say
 * `../img/a.png` for `guide/img/a.png`, which the browser finds from there. When neither exists, the
 * path beside the chapter is the one the message names.
 */
function imagePath(url: string, chapterPath: string, assetsDir: string): string {
  const beside = manuscriptPath(url, chapterPath, assetsDir);
  if (url.startsWith("/") || existsSync(beside)) return beside;
  const name = path.basename(chapterPath).replace(/\.[^.]*$/, "");
  if (/^(index|_index|readme)$/i.test(name)) return beside;
  const served = path.resolve(path.dirname(chapterPath), name, url);
  return existsSync(served) ? served : beside;
}

/**
 * Every image, from Markdown or raw HTML, must be a file of the manuscript: a remote image would be
 * fetched at build time (and differ between builds), a path out of the folder would read files that
 * are not the book's. Kept images point at their file, so every output finds them wherever its
 * HTML is written. Runs after sanitizing, which has already dropped `javascript:` and the like.
 */
export default function rehypeImages(options: LinkFolders) {
  return (tree: Root, file: VFile) => {
    const images: ImageReference[] = [];
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "img") return;
      const src = String(node.properties.src ?? "");
      const alt = String(node.properties.alt ?? "");
      const replaceWithDescription = () => {
        if (parent && index !== undefined) parent.children[index] = { type: "text", value: alt ? `［图：${alt}］` : "［图］" };
      };
      if (!src || withScheme.test(src) || src.startsWith("//")) {
        warn(file, `Unexpected remote or empty image \`${src}\`, expected a file in the manuscript folder: it is not downloaded, its description “${alt}” stands in its place`, node, "remote-image");
        replaceWithDescription();
        return;
      }
      const url = decodeURI(src);
      const absolutePath = imagePath(url, file.path, options.assetsDir);
      if (!isInside(options.manuscriptDir, absolutePath)) {
        error(file, `Unexpected image path \`${src}\` outside the manuscript folder, expected a path inside it such as \`images/figure.png\``, node, "image-outside");
        replaceWithDescription();
        return;
      }
      const siteRoot = url.startsWith("/") ? { siteRootOf: options.assetsDir } : {};
      images.push({ url: src, absolutePath, position: node.position, ...siteRoot });
      node.properties.src = pathToFileURL(absolutePath).href;
    });
    file.data.images = images;
  };
}

