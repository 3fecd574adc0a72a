import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, ReadingDirection, type PDFRef } from "pdf-lib";
import type { BookConfig } from "../book/schema.ts";
import type { Direction } from "../outputs.ts";
import { outlineTree, type OutlineEntry, type OutlineNode } from "./outline.ts";
import { pagedjsVersion } from "./paged.ts";
import type { TypesetPdf } from "./typeset.ts";
import { sizeInPoints } from "./print-edition.ts";

/**
 * Document data a print shop and a reader's PDF viewer show: title, authors, language, creator,
 * bookmarks; and how to show it: as two-page spreads with page 1 alone, turning right to left for
 * a 右翻 book. Set on the laid-out document, which is returned.
 */
export function setPdfMetadata({ document, outline }: TypesetPdf, config: BookConfig, direction: Direction, now: Date): PDFDocument {
  setOutline(document, outline);
  setTrimBoxes(document, [config.page.widthMm, config.page.heightMm]);
  document.setTitle(config.title, { showInWindowTitleBar: true });
  document.setAuthor(config.authors.join("、"));
  if (config.subtitle) document.setSubject(config.subtitle);
  document.setKeywords([config.title, config.publisher, ...config.authors]);
  document.setCreator(`cjk-book-pipeline (Paged.js ${pagedjsVersion})`);
  document.setProducer("Chromium (Skia/PDF), pdf-lib");
  document.setCreationDate(now);
  document.setModificationDate(now);
  document.catalog.set(PDFName.of("Lang"), PDFString.of(config.language));
  document.catalog.set(PDFName.of("Metadata"), document.context.register(document.context.stream(new TextEncoder().encode(xmpPacket(config, now)), { Type: "Metadata", Subtype: "XML" })));
  document.catalog.set(PDFName.of("PageLayout"), PDFName.of("TwoPageRight"));
  document.catalog
    .getOrCreateViewerPreferences()
    .setReadingDirection(direction === "rtl" ? ReadingDirection.R2L : ReadingDirection.L2R);
  return document;
}

/**
 * Pages of exactly the trim size, hung from the top edge: Chromium rounds the page to whole CSS
 * pixels (A5 becomes 420 × 594.96 pt instead of 419.53 × 595.28), so the box is moved by the
 * difference at the bottom and right, where the page is blank margin.
 */
function setTrimBoxes(document: PDFDocument, trimMm: readonly [number, number]): void {
  const [width, height] = sizeInPoints(trimMm);
  for (const page of document.getPages()) {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    for (const setBox of [page.setMediaBox, page.setCropBox, page.setTrimBox]) setBox.call(page, 0, top - height, width, height);
  }
}

/**
 * The PDF's bookmarks, nested as the book is (parts, chapters, sections), pointing at Chromium's
 * named destinations; parts and chapters show open, a chapter's sections folded.
 */
function setOutline(document: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const { context } = document;
  const outlinesRef = context.nextRef();
  const writeLevel = (nodes: readonly OutlineNode[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; visible: number } => {
    const refs = nodes.map(() => context.nextRef());
    let visible = nodes.length;
    nodes.forEach((node, index) => {
      const item = context.obj({ Title: PDFHexString.fromText(node.entry.title), Dest: PDFName.of(node.entry.destination), Parent: parentRef });
      if (index > 0) item.set(PDFName.of("Prev"), refs[index - 1]!);
      if (index < nodes.length - 1) item.set(PDFName.of("Next"), refs[index + 1]!);
      if (node.children.length > 0) {
        const children = writeLevel(node.children, refs[index]!);
        const open = node.entry.level === 1;
        item.set(PDFName.of("First"), children.first);
        item.set(PDFName.of("Last"), children.last);
        // A positive count shows the item open with that many descendants visible; a negative one, folded.
        item.set(PDFName.of("Count"), PDFNumber.of(open ? children.visible : -node.children.length));
        if (open) visible += children.visible;
      }
      context.assign(refs[index]!, item);
    });
    return { first: refs[0]!, last: refs.at(-1)!, visible };
  };
  const top = writeLevel(outlineTree(entries), outlinesRef);
  context.assign(outlinesRef, context.obj({ Type: "Outlines", First: top.first, Last: top.last, Count: PDFNumber.of(top.visible) }));
  document.catalog.set(PDFName.of("Outlines"), outlinesRef);
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);

/** The same document data as XMP, which prepress tools and PDF/X read instead of the Info dictionary. */
function xmpPacket(config: BookConfig, now: Date): string {
  const date = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const items = (values: readonly string[]) => values.map((value) => `<rdf:li>${escapeXml(value)}</rdf:li>`).join("");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(config.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>${items(config.authors)}</rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(config.subtitle ?? config.title)}</rdf:li></rdf:Alt></dc:description>
<dc:publisher><rdf:Bag>${items([config.publisher])}</rdf:Bag></dc:publisher>
<dc:language><rdf:Bag>${items([config.language])}</rdf:Bag></dc:language>
<pdf:Keywords>${escapeXml([config.title, config.publisher, ...config.authors].join(", "))}</pdf:Keywords>
<pdf:Producer>Chromium (Skia/PDF), pdf-lib</pdf:Producer>
<xmp:CreatorTool>cjk-book-pipeline (Paged.js 0.4.3)</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
