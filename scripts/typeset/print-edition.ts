import { cmyk, drawLine, type PDFDocument, type PDFPage, type PDFRef } from "pdf-lib";

export const millimetresToPoints = 72 / 25.4;
export const sizeInPoints = (sizeMm: readonly [number, number]) => sizeMm.map((millimetres) => millimetres * millimetresToPoints) as [number, number];

/** Crop marks start this far outside the bleed and are this long (mm); the slug holds them. */
const markGapMm = 2;
const markLengthMm = 6;
export const slugMm = markGapMm + markLengthMm + 2;

export interface PrintEditionOptions {
  /** The book's trim size; the laid-out pages may differ from it by a rounding of Chromium's. */
  trimMm: [number, number];
  bleedMm: number;
  /** Pad the page count to a multiple of this with blank pages. */
  pageMultiple: number;
}

export interface PrintEdition {
  bytes: Uint8Array;
  blankPagesAdded: number;
  /** Distance from the sheet's edge to the trim edge, in points. */
  trimOffset: number;
}

/** A trimmed area in points. */
export interface TrimArea {
  left: number;
  bottom: number;
  width: number;
  height: number;
}

/**
 * Crop marks at the trim's corners and fold marks above and below each fold (`foldsAt`, points from
 * the trim's left edge), all starting outside the bleed and ending in the slug, as one content stream.
 */
export function printerMarks(document: PDFDocument, trim: TrimArea, bleed: number, foldsAt: readonly number[] = []): PDFRef {
  const { left, bottom, width, height } = trim;
  const [right, top] = [left + width, bottom + height];
  const [gap, offset] = [bleed + markGapMm * millimetresToPoints, bleed + slugMm * millimetresToPoints];
  const mark = { thickness: 0.25, color: cmyk(0, 0, 0, 1) };
  const corners = [left, right].flatMap((x) =>
    [bottom, top].flatMap((y) => {
      const [outward, upward] = [x === left ? -1 : 1, y === bottom ? -1 : 1];
      return [
        drawLine({ start: { x: x + outward * gap, y }, end: { x: x + outward * offset, y }, ...mark }),
        drawLine({ start: { x, y: y + upward * gap }, end: { x, y: y + upward * offset }, ...mark }),
      ].flat();
    }),
  );
  const folds = foldsAt.flatMap((fold) =>
    [bottom, top].flatMap((y) => {
      const upward = y === bottom ? -1 : 1;
      return drawLine({ start: { x: left + fold, y: y + upward * gap }, end: { x: left + fold, y: y + upward * offset }, ...mark });
    }),
  );
  return document.context.register(document.context.contentStream([...corners, ...folds]));
}

/**
 * A page as the shop takes it: TrimBox at `trim`, BleedBox `bleed` larger on every side, MediaBox
 * and CropBox with the slug around it, and the `marks` drawn there.
 */
export function frameForPrint(page: PDFPage, trim: TrimArea, bleed: number, marks: PDFRef): void {
  const { left, bottom, width, height } = trim;
  const offset = bleed + slugMm * millimetresToPoints;
  page.setMediaBox(left - offset, bottom - offset, width + 2 * offset, height + 2 * offset);
  page.setCropBox(left - offset, bottom - offset, width + 2 * offset, height + 2 * offset);
  page.setBleedBox(left - bleed, bottom - bleed, width + 2 * bleed, height + 2 * bleed);
  page.setTrimBox(left, bottom, width, height);
  // Puts the page's own drawing between q and Q, so the marks start from the default graphics state.
  page.node.normalize();
  page.node.addContentStream(marks);
}

/**
 * The print shop's edition of a laid-out book, made from the screen edition's document (which it
 * changes; save the screen edition first): each page keeps its trim size as TrimBox, gains a
 * BleedBox `bleedMm` larger on every side and a MediaBox with room for crop marks outside the
 * bleed; blank pages before the last page (the colophon stays last) make whole signatures.
 * The interior never prints into the margins, so the bleed itself stays white.
 */
export async function makePrintEdition(document: PDFDocument, options: PrintEditionOptions): Promise<PrintEdition> {
  const contentPages = document.getPageCount();
  const blankPagesAdded = (options.pageMultiple - (contentPages % options.pageMultiple)) % options.pageMultiple;
  const [width, height] = sizeInPoints(options.trimMm);
  for (let blank = 0; blank < blankPagesAdded; blank++) document.insertPage(contentPages - 1, [width, height]);
  const bleed = options.bleedMm * millimetresToPoints;
  // Pages share one content stream of marks per trim position: a stream for each page of a
  // 941-page book took 0.15–0.35 s more to compress and write.
  const marksAt = new Map<string, PDFRef>();
  for (const page of document.getPages()) {
    // The screen edition's TrimBox already sits at the trim size, aligned with the page's top.
    const { x: left, y: bottom } = page.getTrimBox();
    const position = `${left} ${bottom}`;
    if (!marksAt.has(position)) marksAt.set(position, printerMarks(document, { left, bottom, width, height }, bleed));
    frameForPrint(page, { left, bottom, width, height }, bleed, marksAt.get(position)!);
  }
  return { bytes: await document.save(), blankPagesAdded, trimOffset: bleed + slugMm * millimetresToPoints };
}
