import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { error } from "../diagnostics.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { isInside } from "./paths.ts";

const signatures: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // WebP (RIFF)
];

/**
 * Why an image file cannot be used, or undefined when it can: it must exist, lie inside the
 * manuscript folder once symlinks are resolved, and be a PNG, JPEG, GIF or WebP image.
 */
export async function imageFileProblem(url: string, absolutePath: string, manuscriptDir: string): Promise<string | undefined> {
  const real = await realpath(absolutePath).catch(() => undefined);
  if (!real) return `Unexpected missing image \`${url}\`, expected a file at \`${absolutePath}\`: check the name and folder`;
  if (!isInside(manuscriptDir, real)) return `Unexpected image \`${url}\` that leads outside the manuscript folder, expected a file inside it (copy the image in)`;
  if (!(await looksLikeImage(real))) return `Unexpected file \`${url}\` that is not a PNG, JPEG, GIF or WebP image, expected an image file`;
  return undefined;
}

export async function checkImages(chapters: readonly ParsedChapter[], manuscriptDir: string): Promise<void> {
  for (const chapter of chapters) {
    for (const image of chapter.images) {
      const problem = await imageFileProblem(image.url, image.absolutePath, manuscriptDir);
      if (!problem) continue;
      const siteRootHelp = image.siteRootOf
        ? `; a path that starts with \`/\` is read from the folder book.yaml’s \`assets:\` names (now \`${path.relative(manuscriptDir, image.siteRootOf) || "."}\`): set \`assets:\` to the folder your site keeps such files in, e.g. \`assets: static\``
        : "";
      error(chapter.file, problem + siteRootHelp, image.position, "image");
    }
  }
}

async function looksLikeImage(file: string): Promise<boolean> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return signatures.some((bytes) => bytes.every((byte, index) => head[index] === byte));
  } catch {
    return false; // a folder, or unreadable
  } finally {
    await handle.close();
  }
}
