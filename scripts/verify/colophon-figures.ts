import type { VFile } from "vfile";
import { bookWording } from "../render/wording.ts";
import type { BookConfig } from "../book/schema.ts";
import { error } from "../diagnostics.ts";
import type { Layout } from "../outputs.ts";
import { pageCountFigure, printFormulas, type PageCountFormula } from "../render/colophon.ts";
import { pdfPageCount, readPdfWords } from "./pdf-text.ts";
import { wordsInReadingOrder } from "./reading-order.ts";

/** The text of a PDF's last page in reading order, and its page count. */
async function lastPage(pdfPath: string, layout: Layout): Promise<{ pages: number; text: string }> {
  const pages = await pdfPageCount(pdfPath);
  const [page] = await readPdfWords(pdfPath, { first: pages, last: pages });
  return { pages, text: page ? wordsInReadingOrder(page, layout).map((word) => word.text).join("") : "" };
}

/** The number a colophon line prints after its label (`印张：8.5`), if the page has that line. */
export function printedFigure(text: string, label: string): number | undefined {
  const match = new RegExp(`${label}[：:]\\s*(\\d+(?:\\.\\d+)?)`).exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The colophon's 印张 and 字数, printed on the print edition's last page, must be what the formula
 * gives for the print edition's real page count (scripts/render/colophon.ts printFormulas): the
 * layout filled them in from the colophon's page number, so a colophon that ran onto a second
 * page, or pages added after the layout, would make them wrong.
 */
export async function checkColophonFigures(printPdfPath: string, config: BookConfig, layout: Layout, output: VFile): Promise<void> {
  const { pages, text } = await lastPage(printPdfPath, layout);
  const formulas = printFormulas(config, layout);
  const check = (label: string, formula: PageCountFormula | undefined, rule: string) => {
    if (!formula) return;
    const expected = pageCountFigure(pages, formula);
    const printed = printedFigure(text, label);
    if (printed === expected) return;
    const said = printed === undefined ? `no ${label}` : `${label} ${printed}`;
    error(output, `Unexpected ${said} on the colophon (page ${pages}, the last), expected ${label} ${expected}: ${rule} for the print edition's ${pages} pages; a colophon longer than one page cannot print them right: shorten book.yaml's colophon entries`, undefined, "colophon-figures");
  };
  const word = bookWording(config.language);
  check(word("印张"), formulas.sheets, `pages ÷ ${formulas.sheets?.per} (开数), rounded up to the next half sheet,`);
  check(word("字数"), formulas.thousandsOfCharacters, `${formulas.thousandsOfCharacters.times} characters a page (版面字数) in thousands, rounded up,`);
}
