import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

/** Every word of the PDF with its box (points, origin top left), page by page, via poppler's pdftotext. */
export async function readPdfWords(pdfPath: string): Promise<PdfPage[]> {
  const { stdout } = await run("pdftotext", ["-bbox", "-enc", "UTF-8", pdfPath, "-"], { maxBuffer: 1 << 30 });
  const pages: PdfPage[] = [];
  const pagePattern = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordPattern = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
  for (const pageMatch of stdout.matchAll(pagePattern)) {
    const page = pages.length + 1;
    const words = [...pageMatch[3]!.matchAll(wordPattern)].map((word) => ({
      page,
      text: decodeEntities(word[5]!),
      xMin: Number(word[1]),
      yMin: Number(word[2]),
      xMax: Number(word[3]),
      yMax: Number(word[4]),
    }));
    pages.push({ width: Number(pageMatch[1]), height: Number(pageMatch[2]), words });
  }
  return pages;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);
}
