import type { Element, Root } from "hast";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Position } from "unist";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { error, warn } from "../diagnostics.ts";

export interface ImageReference {
  /** As written in the manuscript. */
  url: string;
  /** Absolute path it points at (checked on disk by the images stage). */
  absolutePath: string;
  position?: Position;
}

declare module "vfile" {
  interface DataMap {
    images: ImageReference[];
  }
}

const withScheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every image, from Markdown or raw HTML, must be a file of the manuscript: a remote image would be
 * fetched at build time (and differ between builds), a path out of the folder would read files that
 * are not the book's. Kept images point at their file, so every output finds them wherever its
 * HTML is written. Runs after sanitizing, which has already dropped `javascript:` and the like.
 */
export default function rehypeImages(options: { manuscriptDir: string }) {
  return (tree: Root, file: VFile) => {
    const images: ImageReference[] = [];
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "a") return checkLinkTarget(node, file, options.manuscriptDir);
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
      const absolutePath = path.resolve(path.dirname(file.path), url);
      if (path.isAbsolute(url) || path.relative(options.manuscriptDir, absolutePath).startsWith("..")) {
        error(file, `Unexpected image path \`${src}\` outside the manuscript folder, expected a path inside it such as \`images/figure.png\``, node, "image-outside");
        replaceWithDescription();
        return;
      }
      images.push({ url: src, absolutePath, position: node.position });
      node.properties.src = pathToFileURL(absolutePath).href;
    });
    file.data.images = images;
  };
}

/** A link to a file outside the manuscript (`../../etc/passwd`, `/etc/passwd`, `file:`) is refused. */
function checkLinkTarget(node: Element, file: VFile, manuscriptDir: string): void {
  const href = String(node.properties.href ?? "");
  if (!href || href.startsWith("#") || (withScheme.test(href) && !/^file:/i.test(href))) return;
  const target = /^file:/i.test(href) ? href.replace(/^file:\/*/i, "/") : decodeURI(href);
  const absolutePath = path.resolve(path.dirname(file.path), target);
  if (path.isAbsolute(target) || path.relative(manuscriptDir, absolutePath).startsWith("..")) {
    error(file, `Unexpected link \`${href}\` to a file outside the manuscript folder, expected a web address or a place in the book (#…)`, node, "link-outside");
    delete node.properties.href;
  }
}
