import { EPub } from "epub-gen-memory";
import { allowedAttributes } from "epub-gen-memory/dist/lib/util/constants.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rasterMediaType } from "../book/images.ts";
import type { BookConfig } from "../book/schema.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import type { Layout } from "../outputs.ts";
import { bookWording } from "../render/wording.ts";
import { projectRoot } from "../book/paths.ts";
import { normalizeEpubArchive, type PackagedEpub } from "./archive.ts";
import { sourceAttribute } from "./source-marks.ts";
import type { EpubItem, Landmark } from "./content.ts";
import { bookIdentifier } from "./identifier.ts";

export interface EpubTemplates {
  contentOPF: string;
  chapterXHTML: string;
  tocXHTML: string;
  tocNCX: string;
}

/**
 * epub-gen-memory deletes every attribute of a page that is not on its list (an XHTML 1.1 list),
 * which breaks what EPUB 3 allows and the book needs: an ordered list's start number, and MathML
 * (its namespace and presentation attributes), and our source marks. They are added to its list, once.
 */
const epub3Attributes = [
  ...["start", "reversed", "value", sourceAttribute],
  ...["xmlns", "display", "alttext", "mathvariant", "mathsize", "mathcolor", "mathbackground", "displaystyle", "scriptlevel"],
  ...["stretchy", "symmetric", "largeop", "movablelimits", "accent", "accentunder", "lspace", "rspace", "minsize", "maxsize", "form", "fence", "separator"],
  ...["linebreak", "width", "height", "depth", "voffset", "linethickness", "notation", "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines"],
  ...["frame", "framespacing", "equalrows", "equalcolumns", "columnspan", "encoding", "open", "close", "separators", "bevelled", "numalign", "denomalign"],
];
const attributeList = allowedAttributes as unknown as string[];
for (const name of epub3Attributes) if (!attributeList.includes(name)) attributeList.push(name);

/** Our EJS templates for epub-gen-memory (its own are not fit for a Chinese book). */
export async function loadEpubTemplates(): Promise<EpubTemplates> {
  const read = (name: string) => readFile(path.join(projectRoot, "templates", "epub", name), "utf8");
  return {
    contentOPF: await read("content.opf.ejs"),
    chapterXHTML: await read("chapter.xhtml.ejs"),
    tocXHTML: await read("toc.xhtml.ejs"),
    tocNCX: await read("toc.ncx.ejs"),
  };
}

export interface EpubFont {
  /** File name inside the EPUB's fonts/ folder. */
  filename: string;
  /** Where the (subset) font file was written. */
  path: string;
}

export interface EpubJob {
  config: BookConfig;
  /** The pages (content.ts), the same for both layouts: built once per build. */
  items: readonly EpubItem[];
  landmarks: readonly Landmark[];
  layout: Layout;
  templates: EpubTemplates;
  /** The whole stylesheet of the EPUB. */
  css: string;
  coverPath: string;
  /** The date of the edition's sources (`dcterms:modified` and zip timestamps). */
  sourceDate: Date;
  fonts: readonly EpubFont[];
  /** Told of each thing epub-gen-memory changed or dropped. */
  onWarning: (message: string) => void;
}

/** The words the navigation page (templates/epub/toc.xhtml.ejs) prints, in the book's language: its headings. */
export function navigationWords(language: string): { tocTitle: string; landmarksTitle: string } {
  const word = bookWording(language);
  return { tocTitle: word("目录"), landmarksTitle: word("导览") };
}

const accessibilitySummary =
  "本书为可重排文本，有目录、导览地标与语义结构（章、注释、版权页），封面图附文字说明；无闪烁、声音或动态内容。" +
  "Reflowable text with a table of contents, landmarks and semantic structure; the cover image has a text alternative.";

/** Builds one EPUB 3 with epub-gen-memory and makes its archive reproducible. */
export async function packageEpub(job: EpubJob): Promise<PackagedEpub> {
  const { config } = job;
  const vertical = job.layout === "vertical";
  const items = job.items.map((item) => ({ ...item, layoutClass: job.layout }));
  const coverUrl = pathToFileURL(job.coverPath).href;
  const { tocTitle, landmarksTitle } = navigationWords(config.language);
  const epub = new ReproducibleEpub(
    {
      title: cjk(config.title),
      author: [...config.authors],
      publisher: config.publisher,
      lang: config.language,
      tocTitle,
      css: job.css,
      fonts: job.fonts.map((font) => ({ filename: font.filename, url: pathToFileURL(font.path).href })),
      ignoreFailedDownloads: false,
      verbose: (type: "log" | "warn", ...args: unknown[]) => (type === "warn" ? job.onWarning(args.map(String).join(" ")) : undefined),
      ...job.templates,
      // Keys of our own, read by our templates:
      identifier: bookIdentifier(config),
      subtitle: cjk(config.subtitle ?? ""),
      publicationDate: config.date ?? "",
      modified: job.sourceDate.toISOString().replace(/\.\d{3}Z$/, "Z"),
      vertical,
      layoutClass: job.layout,
      coverUrl,
      landmarks: job.landmarks,
      landmarksTitle,
      accessibilityFeatures: ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText", "displayTransformability"],
      accessibilitySummary: bookWording(config.language)(accessibilitySummary),
    } as ConstructorParameters<typeof EPub>[0],
    items,
  );
  const misnamed = await declareImageTypes(epub.imageList());
  await epub.render();
  const zipped = await epub.generateAsync({ type: "uint8array", compression: "STORE" });
  const renames = new Map(
    epub.imageList().flatMap((image, index) => {
      const name = image.url === coverUrl ? "cover" : `figure-${index}`;
      const written = misnamed.get(image);
      // The pages were written with the name's extension; they point at the file by its type's.
      return [...(written ? [[`${image.id}.${written}`, `${name}.${image.extension}`] as const] : []), [image.id, name] as const];
    }),
  );
  return normalizeEpubArchive(zipped, { date: job.sourceDate, renames });
}

interface EpubImage {
  id: string;
  url: string;
  mediaType: string;
  extension: string;
}

const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

/**
 * epub-gen-memory takes an image's media type from its name; a JPEG named `x.png` (common in books
 * from websites, and fine in browsers) made EPUBCheck fail the book (OPF-029, PKG-022). Each
 * local raster image is declared as what its bytes are, with that type's extension; the extension it
 * was written into the pages with is returned for each image changed.
 */
async function declareImageTypes(images: readonly EpubImage[]): Promise<Map<EpubImage, string>> {
  const changed = new Map<EpubImage, string>();
  for (const image of images) {
    if (!image.url.startsWith("file:")) continue;
    const mediaType = await rasterMediaType(fileURLToPath(image.url));
    if (!mediaType || mediaType === image.mediaType) continue;
    changed.set(image, image.extension);
    image.mediaType = mediaType;
    image.extension = extensions[mediaType]!;
  }
  return changed;
}

/** epub-gen-memory names images by random UUIDs; their list is needed to name them stably. */
class ReproducibleEpub extends EPub {
  imageList(): EpubImage[] {
    return this.images as EpubImage[];
  }
}
