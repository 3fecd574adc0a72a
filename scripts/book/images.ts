import { open, realpath } from "node:fs/promises";
import { isInside } from "./paths.ts";
import type { SvgFinding } from "./svg.ts";

const signatures: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // WebP (RIFF)
];

/** An SVG figure is known by its name, which also gives its media type in the EPUB. */
export const isSvgPath = (file: string) => /\.svg$/i.test(file);

/**
 * Why an image file cannot be used, or undefined when it can: it must exist, lie inside the
 * manuscript folder once symlinks are resolved, and be a PNG, JPEG, GIF or WebP image, or an SVG
 * where `svgAllowed` (figures, which checkImages reads; the cover stays raster).
 */
export async function imageFileProblem(url: string, absolutePath: string, manuscriptDir: string, svgAllowed = false): Promise<string | undefined> {
  const real = await realpath(absolutePath).catch(() => undefined);
  if (!real) return `Unexpected missing image \`${url}\`, expected a file at \`${absolutePath}\`: check the name and folder`;
  if (!isInside(manuscriptDir, real)) return `Unexpected image \`${url}\` that leads outside the manuscript folder, expected a file inside it (copy the image in)`;
  if (!(svgAllowed && isSvgPath(absolutePath)) && !(await looksLikeImage(real))) {
    return `Unexpected file \`${url}\` that is not a PNG, JPEG, GIF or WebP image, expected an image file${svgAllowed ? " (an SVG figure’s name ends in \`.svg\`)" : ""}`;
  }
  return undefined;
}

export function svgFindingMessage(url: string, finding: SvgFinding): string {
  const where = finding.line ? ` (its line ${finding.line}${finding.column ? `:${finding.column}` : ""})` : "";
  return `Unexpected ${finding.found} in SVG image \`${url}\`${where}, expected ${finding.expected}`;
}

const mediaTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/**
 * The media type an image's bytes say it has (PNG, JPEG, GIF, WebP), whatever its name says, or
 * undefined for any other file: a JPEG saved as `x.png` is common in books from websites, and an
 * EPUB must declare what the file is.
 */
export async function rasterMediaType(file: string): Promise<string | undefined> {
  const head = await readHead(file);
  const index = head ? signatures.findIndex((bytes) => bytes.every((byte, at) => head[at] === byte)) : -1;
  return mediaTypes[index];
}

async function readHead(file: string): Promise<Buffer | undefined> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return head;
  } catch {
    return undefined; // a folder, or unreadable
  } finally {
    await handle.close();
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
