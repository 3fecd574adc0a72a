import bwipjs from "bwip-js";

/** EAN-13 at the 0.8 magnification GB/T 12906 takes for books: 0.264 mm modules, 18.28 mm bars. */
const moduleMm = 0.33 * 0.8;
const barHeightMm = 22.85 * 0.8;
/** bwip-js sizes bars in millimetres of a 72 dpi unit that is one module at scale 1. */
const bwipUnitMm = 25.4 / 72;

export interface Barcode {
  /** The symbol as SVG paths (bars and digits drawn, no font), sized in millimetres. */
  svg: string;
  widthMm: number;
  heightMm: number;
}

/** The ISBN's EAN-13 symbol with its digits under the bars and its quiet zones, drawn by bwip-js. */
export function isbnBarcode(ean13: string): Barcode {
  const drawn = bwipjs.toSVG({ bcid: "ean13", text: ean13, scale: 1, height: (barHeightMm / moduleMm) * bwipUnitMm, includetext: true, guardwhitespace: true });
  const [, , width, height] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(drawn)!.slice(1).map(Number) as [number, number, number, number];
  const [widthMm, heightMm] = [width * moduleMm, height * moduleMm];
  return { svg: drawn.replace("<svg ", `<svg width="${widthMm}mm" height="${heightMm}mm" `), widthMm, heightMm };
}
