import type { Element, Root } from "hast";
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
      const absolutePath = manuscriptPath(url, file.path, options.assetsDir);
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

