import { z } from "zod";

/** The check digit an ISBN-13 (EAN-13, from its first 12 digits) or ISBN-10 (from its first 9) ends with. */
export function isbnCheckDigit(digits: string): string {
  if (digits.length === 13) {
    const sum = [...digits.slice(0, 12)].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
    return String((10 - (sum % 10)) % 10);
  }
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

/** An ISBN as written (hyphens kept, for the colophon and the cover) and as the EAN-13 its barcode encodes. */
export interface Isbn {
  written: string;
  ean13: string;
}

export const isbnSchema = z.union([z.string(), z.number()]).transform((value, context): Isbn => {
  const written = String(value).trim();
  const digits = written.replace(/^ISBN\s*/i, "").replace(/[\s-]/g, "").toUpperCase();
  if (!/^(\d{9}[\dX]|\d{13})$/.test(digits)) {
    context.addIssue({ code: "custom", message: `Unexpected ISBN \`${written}\`, expected 13 digits (or 10) such as 978-7-213-08888-9` });
    return z.NEVER;
  }
  const expected = isbnCheckDigit(digits);
  if (digits.at(-1) !== expected) {
    context.addIssue({ code: "custom", message: `Unexpected check digit ${digits.at(-1)} in ISBN \`${written}\`, expected ${expected}: a digit is mistyped; copy the ISBN from its record again` });
    return z.NEVER;
  }
  const stem = digits.length === 13 ? digits.slice(0, 12) : `978${digits.slice(0, 9)}`;
  return { written: written.replace(/^ISBN\s*/i, ""), ean13: `${stem}${isbnCheckDigit(`${stem}0`)}` };
});
