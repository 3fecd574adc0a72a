import { z } from "zod";

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
  isbn: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^(\d{9}[\dX]|\d{13})$/, "Unexpected ISBN, expected 10 or 13 digits such as 978-7-5327-1234-5"))
    .optional()
    .describe("ISBN of the edition: the EPUB's identifier (urn:isbn:…) and the colophon's 书号"),
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
  cover: text.optional().describe("Cover image for the EPUB (PNG or JPEG, relative to book.yaml); without it one is drawn from the title"),
  taggedPdf: z
    .boolean()
    .default(false)
    .describe("Tag the PDFs' structure (headings, paragraphs) for screen readers; the EPUBs are the accessible edition, and tagging doubles the time Chromium takes to write a PDF"),
  embedFonts: z.boolean().default(false).describe("Embed the body font in the EPUBs, subset to the characters the book uses"),
  chapters: z
    .array(text)
    .min(1, "Unexpected empty chapter list, expected at least one Markdown file under `chapters:`")
    .describe("Chapter Markdown files relative to book.yaml, in reading order"),
});

export type BookConfig = z.output<typeof bookSchema>;
export type ColophonEntry = BookConfig["colophon"][number];

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
 * Front matter keys of static-site generators (Hugo, Jekyll, Hexo, VitePress, Docusaurus, MkDocs,
 * Vivliostyle) that mean nothing in a printed book. Chapters taken from a site carry them by the
 * dozen, so they are ignored with one summary line per build, not a warning each.
 */
export const staticSiteFrontMatterKeys = new Set([
  "aliases", "aside", "breadcrumbs", "build", "cascade", "categories", "category", "class", "comments",
  "custom_edit_url", "date", "description", "draft", "editLink", "excerpt", "expiryDate", "features", "footer",
  "has_children", "head", "headless", "hero", "hide", "hide_table_of_contents", "hide_title", "icon", "id", "image",
  "images", "isCJKLanguage", "keywords", "lang", "last_update", "lastUpdated", "lastmod", "layout", "linkTitle",
  "markup", "math", "mathjax", "menu", "nav_exclude", "nav_order", "navbar", "next", "outline", "outputs", "pageClass",
  "pagination_label", "pagination_next", "pagination_prev", "params", "parent", "permalink", "prev", "publishDate",
  "published", "resources", "search", "series", "sidebar", "sidebar_class_name", "sidebar_label", "sidebar_position",
  "sitemap", "slug", "status", "summary", "tags", "template", "toc", "toc_max_heading_level", "toc_min_heading_level",
  "top", "translationKey", "type", "unlisted", "updated", "url", "weight",
]);
