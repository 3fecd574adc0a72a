import { open, realpath } from "node:fs/promises";
import { error } from "../diagnostics.ts";
import type { ParsedChapter } from "../markdown/parse.ts";
import { isInside } from "./load.ts";

const signatures: Array<[string, number[]]> = [
  ["png", [0x89, 0x50, 0x4e, 0x47]],
  ["jpeg", [0xff, 0xd8, 0xff]],
  ["gif", [0x47, 0x49, 0x46, 0x38]],
  ["webp", [0x52, 0x49, 0x46, 0x46]],
];

/** Every image a chapter shows must be a real image file inside the manuscript folder (symlinks resolved). */
export async function checkImages(chapters: readonly ParsedChapter[], manuscriptDir: string): Promise<void> {
  for (const chapter of chapters) {
    for (const image of chapter.images) {
      const real = await realpath(image.absolutePath).catch(() => undefined);
      if (!real) {
        error(chapter.file, `Unexpected missing image \`${image.url}\`, expected a file at \`${image.absolutePath}\`: check the name and folder`, image.position, "missing-image");
      } else if (!isInside(manuscriptDir, real)) {
        error(chapter.file, `Unexpected image \`${image.url}\` that leads outside the manuscript folder, expected a file inside it (copy the image in)`, image.position, "image-outside");
      } else if (!(await looksLikeImage(real))) {
        error(chapter.file, `Unexpected file \`${image.url}\` that is not a PNG, JPEG, GIF or WebP image, expected an image file`, image.position, "not-an-image");
      }
    }
  }
}

async function looksLikeImage(file: string): Promise<boolean> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    const isSvg = head.toString("utf8").trimStart().startsWith("<");
    return isSvg || signatures.some(([, bytes]) => bytes.every((byte, index) => head[index] === byte));
  } catch {
    return false; // a folder, or unreadable
  } finally {
    await handle.close();
  }
}
