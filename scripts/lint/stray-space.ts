import { isChinese, isCjkPunctuation } from "../markdown/cjk-punctuation.ts";
import { finding, type RunFinding, type RunText } from "./finding.ts";

/**
 * Spaces next to full-width punctuation are always stray (the mark carries its own space). Between
 * two Han characters a space is sometimes a deliberate separator (`排头兵 桥头堡`, a title and its
 * second part), so it is a warning, and not reported in headings and table cells at all. Spaces
 * between Han and Latin or digits are the typesetter's business.
 */
export function straySpace(text: string, kind: RunText["kind"]): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/[ \t\u3000]+/g)) {
    const end = match.index + match[0].length;
    const before = text[match.index - 1];
    const after = text[end];
    if (!isChinese(before) || !isChinese(after)) continue;
    const kindOfSpace = match[0].includes("\u3000") ? "ideographic space" : "space";
    if (isCjkPunctuation(before) || isCjkPunctuation(after)) {
      findings.push(finding("stray-space", "error", match.index, end, `Unexpected ${kindOfSpace} beside \`${isCjkPunctuation(before) ? before : after}\`, expected none`, ""));
    } else if (kind === "paragraph") {
      findings.push(finding("stray-space", "warning", match.index, end, `Unexpected ${kindOfSpace} between \`${before}\` and \`${after}\`, expected none (or \`、\` or \`·\` as a separator)`));
    }
  }
  return findings;
}
