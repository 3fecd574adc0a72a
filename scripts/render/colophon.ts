import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { bookWording } from "./wording.ts";
import type { Isbn } from "../book/isbn.ts";
import { sheetFor, type BookConfig, type PageSize } from "../book/schema.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { markShortNumbers } from "../markdown/rehype-tate-chu-yoko.ts";
import type { Layout } from "../outputs.ts";
import { bodyLineHeight, pageGeometry, textArea } from "./page-css.ts";

/**
 * The colophon (版权页) after GB/T 12450: the copyright statement, the CIP block (GB/T 12451-2023)
 * and the publication record (版本记录). The record's 开本, 印张 and 字数 describe the real print
 * edition: 印张 and 字数 follow from its page count, which only the layout knows, so the PDF's
 * colophon carries their formulas and the layout's page script fills them in from the colophon's
 * own page (scripts/typeset/page-references.browser.js setPrintFigure); the build checks the printed figures
 * against the print PDF (scripts/verify/colophon-figures.ts).
 */

/** The id of the colophon, the book's last page: its page number is the screen edition's page count. */
export const colophonId = "colophon";

export const cipHeading = "图书在版编目（CIP）数据";

/** The statement a book with an ISBN carries when book.yaml gives none. */
export const defaultCopyright = "版权所有　侵权必究";

const millimetresPerPoint = 25.4 / 72;
/** Floating-point slack, so that a text area exactly N characters long holds N. */
const epsilon = 1e-9;

/**
 * 开数: how many trimmed pages one full sheet is cut into, the power of two nearest to sheet area ÷
 * trim area (trims lose a few millimetres to the cut: A5 from 880×1230 is 1/32, 34.8 pages' area).
 */
export function pagesPerSheet(sheet: PageSize, trim: PageSize): number {
  const ratio = (sheet.widthMm * sheet.heightMm) / (trim.widthMm * trim.heightMm);
  return 2 ** Math.max(0, Math.round(Math.log2(ratio)));
}

/**
 * Characters per line and lines per page of the text area, as its geometry gives them (版面字数
 * counts a full page, whatever is set on it). Across the page a line is the text width; in a
 * vertical book a line is a column, as long as the text area is high, and columns stand one line
 * pitch apart across its width.
 */
export function typeArea(page: PageSize, layout: Layout): { charactersPerLine: number; linesPerPage: number } {
  const { widthMm, heightMm } = textArea(page);
  const bodyMm = pageGeometry(page).bodySizePt * millimetresPerPoint;
  const [lineLength, linesDepth] = layout === "vertical" ? [heightMm, widthMm] : [widthMm, heightMm];
  return { charactersPerLine: Math.floor(lineLength / bodyMm + epsilon), linesPerPage: Math.floor(linesDepth / (bodyMm * bodyLineHeight) + epsilon) };
}

/**
 * A figure of the print edition that follows from the book's page count: the print edition's
 * pages (the screen edition's padded to `pageMultiple`) × `times` ÷ `per`, rounded up to the next
 * 1/`steps`. The layout's page script evaluates the same expression (setPageReferences), and the
 * build's check recomputes it from the print PDF.
 */
export interface PageCountFormula {
  pageMultiple: number;
  times: number;
  per: number;
  steps: number;
}

export function pageCountFigure(pages: number, formula: PageCountFormula): number {
  const printPages = Math.ceil(pages / formula.pageMultiple) * formula.pageMultiple;
  return Math.ceil((printPages * formula.times * formula.steps) / formula.per) / formula.steps;
}

/**
 * The print edition's figures for a layout: 印张 = pages ÷ 开数, rounded up to the next half sheet
 * (a half sheet folds into a whole signature; none without a known full sheet), and 字数 = 版面字数
 * (characters per line × lines per page × pages) in thousands, rounded up.
 */
export function printFormulas(config: BookConfig, layout: Layout): { sheets?: PageCountFormula; thousandsOfCharacters: PageCountFormula } {
  const sheet = sheetFor(config);
  const { charactersPerLine, linesPerPage } = typeArea(config.page, layout);
  const { pageMultiple } = config;
  return {
    ...(sheet ? { sheets: { pageMultiple, times: 1, per: pagesPerSheet(sheet, config.page), steps: 2 } } : {}),
    thousandsOfCharacters: { pageMultiple, times: charactersPerLine * linesPerPage, per: 1000, steps: 1 },
  };
}

/** 开本: the full sheet and how many pages it is cut into, "787mm×1092mm 1/32". */
export function sheetFormatText(config: BookConfig): string | undefined {
  const sheet = sheetFor(config);
  return sheet && `${sheet.widthMm}mm×${sheet.heightMm}mm 1/${pagesPerSheet(sheet, config.page)}`;
}

/** "2024年3月" from 2024-03 or 2024-03-15 (the record names months), "2024年" from 2024. */
export function monthText(date: string): string {
  const [year, month] = date.split("-");
  return month ? `${year}年${Number(month)}月` : `${year}年`;
}

/** A line of the record: its label and either texts or a figure the layout computes, with its unit. */
export interface RecordEntry {
  label: string;
  values: string[];
  figure?: { formula: PageCountFormula; unit: string };
}

/**
 * The publication record (版本记录), each field left out when book.yaml lacks what it needs. With
 * a layout it has that layout's 印张 and 字数; without one (the EPUBs, which share one colophon and
 * are laid out by their readers) it has not.
 */
export function publicationRecord(config: BookConfig, layout?: Layout): RecordEntry[] {
  const word = bookWording(config.language);
  const entry = (label: string, value: string | undefined): RecordEntry[] => (value ? [{ label: word(label), values: [value] }] : []);
  const distributor = config.distributor !== config.publisher ? config.distributor : undefined;
  const formulas = layout && printFormulas(config, layout);
  // `date` is the edition's publication date and `edition.date` this printing's; each stands in for the other.
  const edition = config.edition ?? (config.date ? { number: 1, printing: 1 } : undefined);
  const [editionDate, printingDate] = [config.date ?? config.edition?.date, config.edition?.date ?? config.date];
  const month = (date: string | undefined) => (date ? monthText(date) : "");
  return [
    ...entry("书名", config.title),
    ...entry("著者", config.authors.join("　")),
    ...(distributor ? [...entry("出版", config.publisher), ...entry("发行", distributor)] : entry("出版发行", config.publisher)),
    ...entry("印刷", config.printer),
    ...entry("开本", sheetFormatText(config)),
    ...(formulas?.sheets ? [{ label: word("印张"), values: [], figure: { formula: formulas.sheets, unit: "" } }] : []),
    ...(formulas ? [{ label: word("字数"), values: [], figure: { formula: formulas.thousandsOfCharacters, unit: word("千字") } }] : []),
    ...entry("版次", edition && `${month(editionDate)}${word(`第${edition.number}版`)}`),
    ...entry("印次", edition && `${month(printingDate)}${word(`第${edition.printing}次印刷`)}`),
    ...entry("印数", typeof config.copies === "number" ? `${config.copies}${word("册")}` : config.copies),
    ...entry("书号", config.isbn && `ISBN ${config.isbn.written}`),
    ...entry("定价", config.price && `${config.price}${word("元")}`),
  ];
}

/** The copyright statement: book.yaml's, else the usual one for a book with an ISBN, else none. */
export const copyrightStatement = (config: BookConfig) => config.copyright ?? (config.isbn ? bookWording(config.language)(defaultCopyright) : undefined);

const isCipHeading = (line: string) => line.startsWith("图书在版编目");
const isIsbnLine = (line: string) => /^ISBN\b/i.test(line);
/** The classification line (Ⅰ.…) and the 核字号 line follow the description, each a paragraph. */
const followsDescription = (line: string) => /^[ⅠI]\s*[.．]/.test(line) || line.includes("核字");
/** Lines of one paragraph broken where book.yaml broke them: Chinese runs on, Latin words keep a space. */
const joinLines = (before: string, line: string) => (before && /[A-Za-z\d]$/.test(before) && /^[A-Za-z\d]/.test(line) ? `${before} ${line}` : before + line);

/**
 * The CIP block's paragraphs (GB/T 12451-2023): the description with the ISBN run in (a separate
 * ISBN line of an older record, or the book's ISBN when the description lacks one, follows it as
 * `.—ISBN …`), then the classification and 核字号 lines as they are. The heading is the page's own.
 */
export function cipParagraphs(lines: readonly string[], isbn?: Isbn): string[] {
  const own = lines.filter((line) => !isCipHeading(line));
  const split = own.findIndex(followsDescription);
  const [descriptionLines, rest] = split < 0 ? [own, []] : [own.slice(0, split), own.slice(split)];
  const description = descriptionLines.filter((line) => !isIsbnLine(line)).reduce(joinLines, "");
  const isbnText = descriptionLines.find(isIsbnLine) ?? (isbn ? `ISBN ${isbn.written}` : undefined);
  const runIn = !isbnText || /ISBN/i.test(description) ? description : description ? `${description}${description.endsWith(".") ? "" : "."}—${isbnText}` : isbnText;
  return [runIn, ...rest].filter(Boolean);
}

/** A value in Chinese (with Han characters) sets its short numbers across a vertical line (纵中横); a Latin run (开本, 书号) turns whole. */
const valueContent = (value: string): ElementContent[] => (/\p{Script=Han}/u.test(value) ? markShortNumbers(cjk(value)) : [{ type: "text", value }]);

/** An ISBN run into a CIP paragraph stays on one line. */
function keepIsbnWhole(paragraph: string): ElementContent[] {
  return paragraph.split(/(ISBN\s*[\dX-]+)/).filter(Boolean).map((piece) => (piece.startsWith("ISBN") ? h("span.isbn", piece) : { type: "text", value: piece }));
}

/** A figure the layout's page script fills in from the colophon's page number (see PageCountFormula). */
function figureSpan({ formula, unit }: NonNullable<RecordEntry["figure"]>): ElementContent[] {
  const span = h("span.print-figure", { dataPageRef: colophonId, dataPageMultiple: formula.pageMultiple, dataTimes: formula.times, dataPer: formula.per, dataSteps: formula.steps });
  return unit ? [span, { type: "text", value: unit }] : [span];
}

/**
 * The colophon page: copyright statement, CIP block, then book.yaml's own `colophon:` entries
 * (editors, sponsors: GB/T 12450 puts the people responsible first in the record) followed by the
 * publication record. A layout gives the PDF's page with that layout's print figures; without one
 * it is the EPUBs' page.
 */
export function colophonPage(config: BookConfig, layout?: Layout): Element {
  const copyright = copyrightStatement(config);
  const cip = config.cip ? cipParagraphs(config.cip, config.isbn) : [];
  const entries: RecordEntry[] = [...config.colophon, ...publicationRecord(config, layout)];
  const word = bookWording(config.language);
  return h("section.colophon", { id: colophonId, role: "doc-colophon", ariaLabel: word("版权页"), "epub:type": "colophon" }, [
    h("div.colophon-body", [
      copyright ? h("p.colophon-copyright", cjk(copyright)) : null,
      cip.length > 0 ? h("div.cip", [h("p.cip-heading", word(cipHeading)), ...cip.map((paragraph) => h("p.cip-paragraph", keepIsbnWhole(paragraph)))]) : null,
      h(
        "dl",
        entries.map((entry) =>
          h("div.colophon-entry", [h("dt", entry.label), ...entry.values.map((value) => h("dd", valueContent(value))), entry.figure ? h("dd", figureSpan(entry.figure)) : null]),
        ),
      ),
    ]),
  ]);
}

/**
 * The colophon's text from book.yaml in the order the page shows it, for the completeness check:
 * what both the PDFs and the EPUBs print (not the labels of the record, nor its figures).
 */
export function colophonTexts(config: BookConfig): string[] {
  return [
    copyrightStatement(config) ?? "",
    ...(config.cip ? cipParagraphs(config.cip, config.isbn) : []),
    ...config.colophon.flatMap((entry) => [entry.label, ...entry.values]),
    ...publicationRecord(config).flatMap((entry) => entry.values),
  ].filter(Boolean);
}
