import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";

/** A PDF of one part of the book, whether a blank page goes before it (to open on a recto), and the link targets it holds. */
export interface PdfPart {
  bytes: Uint8Array;
  blankBefore: boolean;
  targets: readonly string[];
}

/**
 * The parts' pages as one PDF document, left unsaved for the build to add its metadata. Chromium
 * points links and the outline at named destinations in the catalog's /Dests, each naming a page
 * of its own file; the joined file gets one /Dests with every part's names (ids are unique in the
 * whole book) pointing at the copied pages. A link to another part's target goes through a stand-in
 * anchor of the same name in its own part; the name takes the destination of the part that holds
 * the target.
 */
export async function joinPdfParts(parts: readonly PdfPart[]): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const destinations = joined.context.obj({});
  const owned = new Set<string>();
  for (const part of parts) {
    const targets = new Set(part.targets);
    const document = await PDFDocument.load(part.bytes, { updateMetadata: false });
    const copied = await joined.copyPages(document, document.getPageIndices());
    if (part.blankBefore) {
      const previous = joined.getPage(joined.getPageCount() - 1);
      joined.addPage([previous.getWidth(), previous.getHeight()]);
    }
    for (const page of copied) joined.addPage(page);
    for (const { name, pageIndex, destination } of namedDestinations(document)) {
      const id = name.decodeText();
      if (owned.has(id)) continue;
      if (targets.has(id)) owned.add(id);
      // The rest of a destination is numbers and names, direct objects that need no copying.
      destinations.set(name, joined.context.obj([copied[pageIndex]!.ref, ...destination.asArray().slice(1)]));
    }
  }
  joined.catalog.set(PDFName.of("Dests"), joined.context.register(destinations));
  return joined;
}

/** The named destinations of a PDF's catalog (/Dests) that point at one of its pages, with that page's index. */
export function namedDestinations(document: PDFDocument): Array<{ name: PDFName; pageIndex: number; destination: PDFArray }> {
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index]));
  return (document.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict)?.entries() ?? []).flatMap(([name, value]) => {
    const destination = document.context.lookup(value, PDFArray);
    const page = destination.get(0);
    const index = page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
    return index === undefined ? [] : [{ name, pageIndex: index, destination }];
  });
}
