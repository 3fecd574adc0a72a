import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where two PDFs first part: the first page (from 1) whose text or picture differs, or where one runs out. */
export interface PdfDifference {
  page: number;
  what: "text" | "image" | "page count";
}

export interface PdfComparison {
  pages: [number, number];
  /** Absent when every page reads and looks the same. */
  difference?: PdfDifference;
}

/** Each page's text, as poppler extracts it: it ends every page with a form feed. */
async function pageTexts(pdf: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 30 });
  return stdout.split("\f").slice(0, -1);
}

/**
 * A hash of each page's picture at 40 dpi in grey: coarse, but a moved line, a changed glyph or a
 * page number shows, and a thousand pages take seconds rather than minutes.
 */
async function pageImages(pdf: string, scratch: string): Promise<string[]> {
  const folder = await mkdtemp(path.join(scratch, "pages-"));
  try {
    await run("pdftoppm", ["-r", "40", "-gray", pdf, path.join(folder, "page")]);
    // pdftoppm pads the page numbers to one width, so the names sort in page order.
    const files = (await readdir(folder)).sort();
    return await Promise.all(files.map(async (file) => createHash("sha256").update(await readFile(path.join(folder, file))).digest("hex")));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const firstUnequal = (a: readonly string[], b: readonly string[]) => {
  const index = a.findIndex((value, page) => page < b.length && value !== b[page]);
  return index < 0 ? undefined : index + 1;
};

/**
 * Compares two PDFs page by page, by what a reader gets: the text of each page and its picture.
 * Not by bytes: two builds of the same book write different creation dates and document IDs.
 */
export async function comparePdfs(a: string, b: string, scratch: string): Promise<PdfComparison> {
  const [textsA, textsB, imagesA, imagesB] = await Promise.all([pageTexts(a), pageTexts(b), pageImages(a, scratch), pageImages(b, scratch)]);
  const pages: [number, number] = [imagesA.length, imagesB.length];
  const text = firstUnequal(textsA, textsB);
  const image = firstUnequal(imagesA, imagesB);
  const differences: PdfDifference[] = [
    ...(text ? [{ page: text, what: "text" as const }] : []),
    ...(image ? [{ page: image, what: "image" as const }] : []),
    ...(pages[0] !== pages[1] ? [{ page: Math.min(...pages) + 1, what: "page count" as const }] : []),
  ];
  const first = differences.sort((x, y) => x.page - y.page)[0];
  return first ? { pages, difference: first } : { pages };
}
