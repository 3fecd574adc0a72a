import type { BookConfig } from "../book/schema.ts";

const chineseDigits = [..."零一二三四五六七八九"];

/**
 * A page number in the book's folio style as CSS writes it: `decimal`, or `simp-chinese-informal`
 * (十一, 一百零五, 一千零一十; no 一 before 十 in 10–19).
 */
export function folioText(page: number, style: BookConfig["pageNumbers"]): string {
  if (style === "arabic" || page <= 0 || page > 9999) return String(page);
  const digits = [...String(page)].map(Number);
  let text = "";
  let zeros = false;
  digits.forEach((digit, index) => {
    const unit = ["", "十", "百", "千"][digits.length - 1 - index]!;
    if (digit === 0) return void (zeros = true);
    if (zeros && text) text += "零";
    zeros = false;
    text += (digit === 1 && unit === "十" && index === 0 ? "" : chineseDigits[digit]) + unit;
  });
  return text;
}
