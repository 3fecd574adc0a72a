import { z } from "zod";
import { isbnSchema } from "./isbn.ts";
import { editionLanguages } from "./language.ts";

/** Trim sizes an editor may name instead of giving millimetres (width × height). */
export const namedPageSizes = {
  A4: [210, 297],
  A5: [148, 210],
  B5: [176, 250],
  正16开: [185, 260],
  大16开: [210, 285],
  正32开: [130, 184],
  大32开: [140, 203],
} as const satisfies Record<string, readonly [number, number]>;

const pageSizePattern = /^\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*[x×* ]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$/i;

export interface PageSize {
  widthMm: number;
  heightMm: number;
}

const pageSchema = z
  .string()
  .describe(`Trim size: a name (${Object.keys(namedPageSizes).join(", ")}) or "W H" in millimetres, e.g. "148 210"`)
  .transform((value, context): PageSize => {
    const named = namedPageSizes[value.trim() as keyof typeof namedPageSizes];
    if (named) return { widthMm: named[0], heightMm: named[1] };
    const match = pageSizePattern.exec(value);
    const widthMm = Number(match?.[1]);
    const heightMm = Number(match?.[2]);
    if (!match || widthMm < 50 || heightMm < 50 || widthMm > 1000 || heightMm > 1000) {
      context.addIssue({
        code: "custom",
        message: `Unexpected page size \`${value}\`, expected one of ${Object.keys(namedPageSizes).join("、")} or "宽 高" in millimetres such as "148 210"`,
      });
      return z.NEVER;
    }
    return { widthMm, heightMm };
  });

const text = z.string().trim().min(1, "Unexpected empty text, expected a value");

/** Full sheets a trim size is cut from, by the trim's name (publishing-norms §1; the A-series trims from 880×1230 are the usual practice, not a standard's figure). */
const sheetOfNamedPage: Partial<Record<keyof typeof namedPageSizes, readonly [number, number]>> = {
  正16开: [787, 1092],
  正32开: [787, 1092],
  大16开: [850, 1168],
  大32开: [850, 1168],
  A4: [880, 1230],
  A5: [880, 1230],
};

/** The full sheet of `sheet:`, else the one a named trim size is cut from; none for other trims. */
export function sheetFor(config: { sheet?: PageSize; page: PageSize }): PageSize | undefined {
  if (config.sheet) return config.sheet;
  const named = (Object.keys(sheetOfNamedPage) as Array<keyof typeof sheetOfNamedPage>).find((name) => namedPageSizes[name][0] === config.page.widthMm && namedPageSizes[name][1] === config.page.heightMm);
  const sheet = named ? sheetOfNamedPage[named] : undefined;
  return sheet ? { widthMm: sheet[0], heightMm: sheet[1] } : undefined;
}

const sheetSchema = z
  .union([z.string(), z.number()])
  .transform((value, context): PageSize => {
    const match = pageSizePattern.exec(String(value));
    const [widthMm, heightMm] = [Number(match?.[1]), Number(match?.[2])];
    if (!match || widthMm < 300 || heightMm < 300 || widthMm > 2000 || heightMm > 2000) {
      context.addIssue({ code: "custom", message: `Unexpected sheet \`${value}\`, expected a full sheet in millimetres such as "787×1092" or "850×1168"` });
      return z.NEVER;
    }
    return { widthMm, heightMm };
  });

const editionLanguage = z.enum(editionLanguages);

const editionSchema = z.strictObject({
  language: editionLanguage,
  title: text.optional(),
  subtitle: text.optional(),
  authors: z.array(text).min(1).optional(),
  publisher: text.optional(),
  isbn: isbnSchema.optional().describe("The edition's own ISBN, when it has one"),
});

const coverSchema = z.strictObject({
  image: text.optional().describe("Front cover picture (PNG or JPEG, relative to book.yaml), set at full bleed; at least 300 ppi in print"),
  back: text.optional().describe("Text on the back cover (封底), above the barcode"),
  flaps: z.number().min(30).max(200).optional().describe("Width of the flaps (勒口) in millimetres, usually 60–100"),
});

/** A chapter as book.yaml lists it: a file, or a file with the title the site's contents give it and the files nested under it. */
export type ChapterEntry = string | { file: string; title?: string; sections?: ChapterEntry[] };

const chapterSchema: z.ZodType<Exclude<ChapterEntry, string>> = z.strictObject({
  file: text.describe("The chapter's Markdown file"),
  title: text.optional().describe("Its title as the site's contents give it, for a file that opens without a `# ` heading (mdBook's SUMMARY entry)"),
  get sections() {
    return z
      .array(z.union([text, chapterSchema]))
      .min(1, "Unexpected empty `sections:`, expected the files that continue this chapter")
      .optional()
      .describe("Files that continue the chapter as its sections, on the same pages, each titled as a section");
  },
});

const partSchema = z.strictObject({
  part: text.describe("The part's title (第一篇 …), set on a page of its own"),
  file: text.optional().describe("A Markdown file whose text follows the title on the part's page (Hugo's `_index.md`)"),
  chapters: z.array(z.union([text, chapterSchema])).min(1, "Unexpected part without chapters, expected its files under `chapters:`"),
});

export type PartEntry = z.output<typeof partSchema>;

export const bookSchema = z.object({
  title: text.describe("Book title, on the title page, in running heads and in the PDF metadata"),
  subtitle: text.optional().describe("Subtitle under the title on the title page"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Unexpected language tag, expected a BCP 47 tag such as zh-CN")
    .default("zh-CN")
    .describe("Language of the text (BCP 47), set on every page"),
  authors: z.array(text).min(1, "Unexpected empty author list, expected at least one name").describe("Authors or editors, in order"),
  publisher: text.describe("Publisher, on the title page and in the metadata"),
  isbn: isbnSchema.optional().describe("ISBN of the edition, as on its record (978-7-213-08888-9): the EPUB's identifier, the colophon's 书号 and the cover's barcode; its check digit is checked"),
  price: z
    .union([z.number().positive(), z.string().regex(/^\d+(\.\d{1,2})?$/, "Unexpected price, expected yuan with up to two decimals such as 58.00")])
    .transform((value) => Number(value).toFixed(2))
    .optional()
    .describe("定价 in yuan (58.00): in the colophon and under the cover's barcode"),
  copyright: text
    .optional()
    .describe("The copyright statement heading the colophon (版权说明), e.g. 版权所有　侵权必究; default: that statement for a book with an ISBN, none otherwise"),
  identifier: text.optional().describe("Another identifier of the edition when there is no ISBN (a URN such as urn:uuid:…)"),
  date: z
    .union([z.date(), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "Unexpected date, expected YYYY, YYYY-MM or YYYY-MM-DD")])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
    .optional()
    .describe("Publication date (YYYY-MM-DD), shown on the colophon page"),
  page: pageSchema.prefault("A5").describe("Trim size of the printed book"),
  bleed: z.number().min(0).max(10).default(3).describe("Bleed of the print edition in millimetres (0–10, usually 3)"),
  pageMultiple: z
    .union([z.literal(4), z.literal(8), z.literal(16), z.literal(32)])
    .default(4)
    .describe("The print edition is padded with blank pages to a multiple of this (4, 8, 16 or 32: pages per signature)"),
  pressReady: z.boolean().default(false).describe("Also write a PDF/X file (CMYK, output intent) of each print edition"),
  uncoveredCharacters: z
    .enum(["error", "warning"])
    .default("error")
    .describe("A character no declared font has: stop the build (error), or set 〓 in its place and warn (warning)"),
  pageNumbers: z
    .enum(["arabic", "chinese"])
    .default("arabic")
    .describe("Page numbers in Arabic digits (1, 2, 3) or Chinese numerals (一, 二, 三), for folios and the contents list"),
  colophon: z
    .record(z.string().trim().min(1), z.union([text, z.array(text).min(1)]))
    .transform((entries) =>
      Object.entries(entries).map(([label, value]) => ({ label, values: typeof value === "string" ? [value] : value })),
    )
    .default([])
    .describe("Colophon (版权页): label → text or list of texts, in order"),
  notes: z
    .enum(["page", "chapter"])
    .default("page")
    .describe("Footnotes ([^label]) in the horizontal PDF: at the foot of the page that cites them, numbered ①②③ afresh on every page (page), or at the end of their chapter (chapter). The vertical PDF sets them at the chapter's end, the EPUBs as pop-up notes"),
  numbering: z
    .enum(["chapter", "book"])
    .default("chapter")
    .describe("How figures and tables are numbered: by chapter (图 1-1, 表 2-3: the chapter's number, then the figure's in it) or through the book (图 1, 图 2 …)"),
  numberAll: z
    .boolean()
    .default(true)
    .describe("Number every figure and table that has a caption (true), or only those with an id (`{#fig-…}`, `{#tbl-…}`) (false)"),
  lists: z
    .array(z.enum(["figures", "tables"]))
    .default([])
    .describe("Lists after the contents: `figures` (插图目录) and `tables` (表格目录), each number, caption and page"),
  index: text
    .optional()
    .describe("The index's list of terms (YAML, relative to book.yaml), found by the build wherever they occur in the text; default: `index.yaml` beside book.yaml when there is one"),
  bibliography: z
    .union([text.transform((file) => [file]), z.array(text).min(1)])
    .optional()
    .describe("The works the chapters cite with `[@key]`: a BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) file relative to book.yaml, or a list of them"),
  citationStyle: z
    .enum(["numeric", "author-date"])
    .default("numeric")
    .describe("How citations are set, after GB/T 7714-2015: numeric (顺序编码制, [1] in order of first citation) or author-date (著者-出版年制, (张伟, 2015))"),
  references: z
    .enum(["book", "chapter"])
    .default("book")
    .describe("Where the list of references (参考文献) stands: at the end of the book (book), or at the end of each chapter with the works it cites (chapter)"),
  runningHeads: z
    .strictObject({
      verso: z.enum(["book", "chapter"]).default("book").describe("Running head of even pages (versos): the book title or the chapter title"),
      recto: z.enum(["chapter", "section"]).default("chapter").describe("Running head of odd pages (rectos): the chapter title, or the `##` section heading in force on the page"),
    })
    .prefault({})
    .describe("What the running heads (书眉) show"),
  assets: text
    .optional()
    .describe("Folder inside the manuscript that paths starting with `/` (`/img/x.png`, as static-site generators write them) are read from, e.g. `static`; default: the manuscript folder"),
  cover: z
    .union([text.transform((image): z.output<typeof coverSchema> => ({ image })), coverSchema])
    .optional()
    .describe("The cover: `image` (the front cover's picture, PNG or JPEG relative to book.yaml; without it one is drawn from the title), `back` (text on the back cover), `flaps` (勒口 width in mm). `cover: front.png` names the image alone"),
  paper: z
    .strictObject({ thickness: z.number().gt(0).max(1).describe("Thickness of one leaf (two pages) in millimetres, from the printer, e.g. 0.1") })
    .optional()
    .describe("The text paper: with it, the print cover's spine is pages ÷ 2 × thickness"),
  sheet: sheetSchema.optional().describe("Full sheet (全张纸) the book is printed on, for the colophon's 开本, e.g. \"787×1092\"; default from the trim size: 正16开/正32开 787×1092, 大16开/大32开 850×1168, A4/A5 880×1230"),
  edition: z
    .strictObject({
      number: z.number().int().min(1).default(1).describe("版次: which edition"),
      printing: z.number().int().min(1).default(1).describe("印次: which printing of it"),
      date: z
        .union([z.date(), z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, "Unexpected date, expected YYYY-MM or YYYY-MM-DD")])
        .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
        .optional()
        .describe("Month of this edition and printing (YYYY-MM); default: the book's `date`"),
    })
    .optional()
    .describe("版次与印次 for the colophon, e.g. { number: 1, printing: 2, date: 2024-03 }"),
  copies: z.union([z.number().int().positive(), text]).optional().describe("印数: copies printed (3000) or a range as written (\"1—3000\")"),
  printer: text.optional().describe("印刷: the printing house, by its full name"),
  distributor: text.optional().describe("发行: the distributor, by its full name; default: the publisher"),
  cip: z
    .union([text.transform((block) => block.split("\n").map((line) => line.trim()).filter(Boolean)), z.array(text).min(1)])
    .optional()
    .describe("图书在版编目（CIP）数据 as the CIP centre issued it: the description (the ISBN is run in when it is missing), the classification line (Ⅰ. …) and the 核字号 line"),
  taggedPdf: z
    .boolean()
    .default(false)
    .describe("Tag the PDFs' structure (headings, paragraphs) for screen readers; the EPUBs are the accessible edition, and tagging doubles the time Chromium takes to write a PDF"),
  embedFonts: z.boolean().default(false).describe("Embed the body font in the EPUBs, subset to the characters the book uses"),
  editions: z
    .array(z.union([editionLanguage.transform((language): z.output<typeof editionSchema> => ({ language })), editionSchema]))
    .default([])
    .describe("Traditional Chinese editions converted from this Simplified manuscript by OpenCC, each a full set of outputs named with its tag: zh-TW (Taiwan, with Taiwan's vocabulary), zh-HK (Hong Kong) or zh-Hant; an entry may give the edition's own title, subtitle, authors, publisher or isbn, as `{ language: zh-TW, title: … }`"),
  opencc: z
    .strictObject({ "zh-TW": z.enum(["twp", "tw"]).optional().describe("twp (default): Taiwan's vocabulary (软件 → 軟體); tw: characters only, the mainland's words kept") })
    .optional()
    .describe("How OpenCC converts the editions, e.g. `opencc: { zh-TW: tw }` to keep mainland vocabulary in the Taiwan edition"),
  chapters: z
    .array(z.union([text, chapterSchema, partSchema]))
    .min(1, "Unexpected empty chapter list, expected at least one Markdown file under `chapters:`")
    .describe("The book's Markdown files relative to book.yaml, in reading order: a file is a chapter; `{ file, title, sections }` a chapter whose `sections` files continue it; `{ part, file, chapters }` a part (篇) with its title page"),
});

export type BookConfig = z.output<typeof bookSchema>;
export type ColophonEntry = BookConfig["colophon"][number];
export type CoverConfig = NonNullable<BookConfig["cover"]>;
export type EditionConfig = BookConfig["editions"][number];

/** Every key book.yaml knows, for "did you mean" warnings. */
export const bookKeys = Object.keys(bookSchema.shape);

export const chapterFrontMatterSchema = z.object({
  title: text.optional().describe("The chapter's title when its text has no `# 标题` heading (the static-site convention)"),
  subtitle: text.optional(),
  author: text.optional(),
  affiliation: text.optional(),
});

export type ChapterFrontMatter = z.output<typeof chapterFrontMatterSchema>;
export const chapterFrontMatterKeys = Object.keys(chapterFrontMatterSchema.shape);

/**
 * The static-site generators' own titles (Hugo's `linkTitle`, Docusaurus' `sidebar_label`, menu
 * and short titles), in the order a chapter with neither a `# ` heading nor `title:` takes its title from.
 */
export const staticSiteTitleKeys = ["linkTitle", "linktitle", "sidebar_label", "nav_title", "navTitle", "short_title"];

/**
 * Front matter keys of static-site generators (Hugo, Jekyll, Hexo, VitePress, Docusaurus, MkDocs,
 * Vivliostyle) that mean nothing in a printed book. Chapters taken from a site carry them by the
 * dozen, so they are ignored with one summary line per build, not a warning each.
 */
export const staticSiteFrontMatterKeys = new Set([
  ...staticSiteTitleKeys,
  "aliases", "aside", "breadcrumbs", "build", "cascade", "categories", "category", "class", "comments",
  "custom_edit_url", "date", "description", "draft", "editLink", "excerpt", "expiryDate", "features", "footer",
  "has_children", "head", "headless", "hero", "hide", "hide_table_of_contents", "hide_title", "icon", "id", "image",
  "images", "isCJKLanguage", "keywords", "lang", "last_update", "lastUpdated", "lastmod", "layout",
  "markup", "math", "mathjax", "menu", "nav_exclude", "nav_order", "navbar", "next", "outline", "outputs", "pageClass",
  "pagination_label", "pagination_next", "pagination_prev", "params", "parent", "permalink", "prev", "publishDate",
  "published", "resources", "search", "series", "sidebar", "sidebar_class_name", "sidebar_position",
  "sitemap", "slug", "status", "summary", "tags", "template", "toc", "toc_max_heading_level", "toc_min_heading_level",
  "top", "translationKey", "type", "unlisted", "updated", "url", "weight",
]);
