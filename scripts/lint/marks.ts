import { halfwidthPunctuation as halfwidthMarks, isChinese, isChineseContext } from "../markdown/cjk-punctuation.ts";
import { finding, type RunFinding } from "./finding.ts";

export function halfwidthPunctuation(text: string): RunFinding[] {
  return halfwidthMarks(text).map(({ index, fullWidth }) =>
    finding("halfwidth-punctuation", "error", index, index + 1, `Unexpected half-width \`${text[index]}\` in Chinese text, expected \`${fullWidth}\``, fullWidth),
  );
}

export function repeatedPunctuation(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/([，。、；：！？])\1+/g)) {
    const [marks, mark] = match as unknown as [string, string];
    const end = match.index + marks.length;
    if (mark === "。" && marks.length > 2) continue; // an ellipsis typed as 。。。, reported by `ellipsis`
    // GB/T 15834 allows ！！ and ？？ (up to three) for strong feeling; more is never right.
    const emphatic = "！？".includes(mark) && marks.length <= 3;
    const reason = `Unexpected repeated \`${marks}\`, expected \`${mark}\`${emphatic ? " (two or three only for strong feeling)" : ""}`;
    findings.push(emphatic ? finding("repeated-punctuation", "warning", match.index, end, reason) : finding("repeated-punctuation", "error", match.index, end, reason, mark));
  }
  return findings;
}

export function ellipsis(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  // `…` three times is taken for a slip of `……`; two, four or six are right (six dots, or twelve for a whole line left out).
  for (const match of text.matchAll(/\.{3,}|。{3,}|[·・．]{3,}|…+/g)) {
    const written = match[0];
    const end = match.index + written.length;
    const isWrongEllipsisChar = written[0] === "…" ? written.length === 1 || written.length === 3 : true;
    const needsChineseContext = written[0] === "." || written === "…";
    if (!isWrongEllipsisChar || (needsChineseContext && !isChineseContext(text, match.index, end))) continue;
    findings.push(finding("ellipsis", "error", match.index, end, `Unexpected \`${written}\` as an ellipsis in Chinese text, expected \`……\``, "……"));
  }
  return findings;
}

export function dash(text: string): RunFinding[] {
  const findings: RunFinding[] = [];
  for (const match of text.matchAll(/[ \t]*(?:(?<!-)-{2,3}(?!-)|(?<!－)－－(?!－)|(?<!—)—(?!—))[ \t]*/g)) {
    const end = match.index + match[0].length;
    if (!isChinese(text[match.index - 1]) || !isChinese(text[end])) continue;
    findings.push(finding("dash", "error", match.index, end, `Unexpected \`${match[0].trim()}\` as a dash between Chinese characters, expected \`——\``, "——"));
  }
  return findings;
}

export function fullwidthAlphanumeric(text: string): RunFinding[] {
  return [...text.matchAll(/[０-９Ａ-Ｚａ-ｚ]+/g)].map((match) => {
    const halfWidth = [...match[0]].map((character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0)).join("");
    return finding("fullwidth-alphanumeric", "error", match.index, match.index + match[0].length, `Unexpected full-width \`${match[0]}\`, expected \`${halfWidth}\``, halfWidth);
  });
}
