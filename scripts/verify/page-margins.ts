import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import type { Layout } from "../outputs.ts";
import type { PdfPage } from "./pdf-text.ts";
import { wordsInReadingOrder } from "./reading-order.ts";
import { hanCharacters, isInTextArea, type TextArea } from "./text-completeness.ts";

/**
 * Nothing but running heads and folios may stand in the margins: text there was pushed off the
 * text area by the layout (a column run off the page is cut by the printer's trim).
 */
export function checkMargins(pages: readonly PdfPage[], layout: Layout, area: TextArea, runningHeads: readonly string[], output: VFile): number {
  const allowed = runningHeads.map((head) => hanCharacters(head).join("")).filter(Boolean).sort((a, b) => b.length - a.length);
  const numerals = /[〇零一二三四五六七八九十百千]/gu;
  let strays = 0;
  pages.forEach((page, index) => {
    let outside = wordsInReadingOrder(page, layout)
      .filter((word) => !isInTextArea(word, page, area))
      .flatMap((word) => hanCharacters(word.text))
      .join("");
    for (const head of allowed) outside = outside.replace(head, "");
    outside = outside.replace(numerals, "");
    if (outside) {
      strays += outside.length;
      error(output, `Unexpected text “${outside.slice(0, 30)}” outside the text area on page ${index + 1}, expected only running heads and page numbers there`, undefined, "outside-text-area");
    }
  });
  return strays;
}
