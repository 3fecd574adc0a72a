import type { Image, Root } from "mdast";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { Position } from "unist";
import { error, warn } from "../diagnostics.ts";

export interface ImageReference {
  /** As written in the Markdown. */
  url: string;
  /** Absolute path it points at (not yet checked on disk). */
  absolutePath: string;
  position?: Position;
}

declare module "vfile" {
  interface DataMap {
    images: ImageReference[];
  }
}

const remoteUrl = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Images must be files of the manuscript: a remote image would be fetched at build time (and differ
 * between builds); a path out of the folder would read files that are not the book's.
 */
export default function remarkImages(options: { manuscriptDir: string }) {
  return (tree: Root, file: VFile) => {
    const images: ImageReference[] = [];
    visit(tree, "image", (node: Image, index, parent) => {
      const url = decodeURI(node.url);
      if (remoteUrl.test(url)) {
        warn(file, `Unexpected remote image \`${node.url}\`, expected a file in the manuscript folder: it is not downloaded, its description “${node.alt ?? ""}” stands in its place`, node, "remote-image");
        if (parent && index !== undefined) parent.children[index] = { type: "text", value: node.alt ? `［图：${node.alt}］` : "［图］" };
        return;
      }
      const absolutePath = path.resolve(path.dirname(file.path), url);
      const relative = path.relative(options.manuscriptDir, absolutePath);
      if (path.isAbsolute(url) || relative.startsWith("..")) {
        error(file, `Unexpected image path \`${node.url}\` outside the manuscript folder, expected a path inside it such as \`images/figure.png\``, node, "image-outside");
        return;
      }
      images.push({ url: node.url, absolutePath, position: node.position });
      // Every output reads the image from the manuscript folder, wherever its HTML is written.
      node.url = pathToFileURL(absolutePath).href;
    });
    file.data.images = images;
  };
}
