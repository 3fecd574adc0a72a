import { readFile } from "node:fs/promises";
import path from "node:path";
import { imageFileProblem, isSvgPath, svgFindingMessage } from "../book/images.ts";
import { readSvg } from "../book/svg.ts";
import { error } from "../diagnostics.ts";
import type { ParsedChapter } from "./parse.ts";

/**
 * Each image file is checked; an SVG is read too, each finding an error at the Markdown image, and
 * the text it draws kept with the image for the PDF text check.
 */
export async function checkImages(chapters: readonly ParsedChapter[], manuscriptDir: string): Promise<void> {
  for (const chapter of chapters) {
    for (const image of chapter.images) {
      const problem = await imageFileProblem(image.url, image.absolutePath, manuscriptDir, true);
      if (problem) {
        const siteRootHelp = image.siteRootOf
          ? `; a path that starts with \`/\` is read from the folder book.yaml’s \`assets:\` names (now \`${path.relative(manuscriptDir, image.siteRootOf) || "."}\`): set \`assets:\` to the folder your site keeps such files in, e.g. \`assets: static\``
          : "";
        error(chapter.file, problem + siteRootHelp, image.position, "image");
        continue;
      }
      if (!isSvgPath(image.absolutePath)) continue;
      const svg = readSvg(await readFile(image.absolutePath, "utf8"));
      for (const finding of svg.findings) error(chapter.file, svgFindingMessage(image.url, finding), image.position, "svg-image");
      image.drawnText = svg.drawnText;
    }
  }
}

