import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { VFileMessage } from "vfile-message";
import { proseRuns, type ProseRun } from "../markdown/prose.ts";
import type { RuleId, Severity } from "./finding.ts";
import { lintProse } from "./rules.ts";

/** A finding placed in the Markdown text it was found in. */
export interface TextFinding {
  ruleId: RuleId;
  severity: Severity;
  /** Offsets in the text (UTF-16 code units). */
  start: number;
  end: number;
  reason: string;
  /** What `--fix` writes over `start`–`end`; absent when the finding is not mended automatically. */
  fix?: string;
}

/** One mend `fixText` made, placed in the text as it was before the mend (line and column from 1). */
export interface Change {
  line: number;
  column: number;
  old: string;
  new: string;
  ruleId: RuleId;
}

/** Findings in Markdown text with LF line ends and no BOM (a chapter as `loadBook` gives it). */
export function lintText(text: string, language: string): TextFinding[] {
  const runs = proseRuns(text);
  return lintProse(runs, language).flatMap((found) => {
    const range = sourceRange(runs[found.run]!, found.start, found.end);
    if (!range) return [];
    const { run: _run, start: _start, end: _end, fix, ...rest } = found;
    return [{ ...rest, start: range.start, end: range.end, ...(fix !== undefined && range.editable ? { fix } : {}) }];
  });
}

/**
 * Where a run range stands in the source. It is editable only when every character of it is
 * written as itself, one after another (not spread over `**`, not an escape or an atom).
 */
function sourceRange(run: ProseRun, start: number, end: number): { start: number; end: number; editable: boolean } | undefined {
  const offsets = run.offsets.slice(start, end);
  const editable = offsets.every((offset, index) => offset !== undefined && offset === offsets[0]! + index);
  const first = offsets.find((offset) => offset !== undefined) ?? run.offsets.slice(0, start).findLast((offset) => offset !== undefined);
  if (first === undefined) return undefined;
  const last = offsets.findLast((offset) => offset !== undefined);
  return { start: first, end: (last ?? first) + 1, editable };
}

/**
 * Reports findings on `file` (its value is the text they were found in); errors fatal when asked:
 * the build reports, and never fails on, the house style; `lint:book` makes the errors fatal.
 */
export function addFindings(file: VFile, findings: readonly TextFinding[], errorsAreFatal: boolean): VFileMessage[] {
  const place = location(file);
  return findings.map((found) => {
    const start = place.toPoint(found.start);
    const end = place.toPoint(found.end);
    const message = file.message(found.reason, { place: start && end ? { start, end } : start, ruleId: found.ruleId, source: "lint" });
    message.fatal = errorsAreFatal && found.severity === "error" ? true : false;
    return message;
  });
}

/** How a file's raw text maps onto the LF, BOM-less text the rules read: line by line, column for column. */
interface LineMap {
  text: string;
  rawLineStarts: number[];
  lineStarts: number[];
}

function mapLines(raw: string): LineMap {
  const bom = raw.startsWith("\uFEFF") ? 1 : 0;
  const rawLineStarts = [bom];
  for (const match of raw.matchAll(/\r\n|\r|\n/g)) rawLineStarts.push(match.index + match[0].length);
  const text = raw.slice(bom).replace(/\r\n?/g, "\n");
  const lineStarts = [0];
  for (const match of text.matchAll(/\n/g)) lineStarts.push(match.index + 1);
  return { text, rawLineStarts, lineStarts };
}

function toRaw(map: LineMap, offset: number): { raw: number; line: number; column: number } {
  const line = map.lineStarts.findLastIndex((start) => start <= offset);
  const column = offset - map.lineStarts[line]!;
  return { raw: map.rawLineStarts[line]! + column, line: line + 1, column: column + 1 };
}

/** Rounds of mending: a mend can uncover another (`好,,坏` → `好，，坏` → `好，坏`); a few always settle. */
const maxRounds = 5;

/**
 * Mends every fixable error in a file's raw text, keeping its BOM and line ends (no mend spans a line
 * end). Returns the mended text and what changed; the same text again when nothing did.
 */
export function fixText(raw: string, language: string): { text: string; changes: Change[] } {
  let text = raw;
  const changes: Change[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const map = mapLines(text);
    const mends = nonOverlapping(lintText(map.text, language).filter((found) => found.severity === "error" && found.fix !== undefined));
    if (mends.length === 0) break;
    for (const mend of [...mends].reverse()) {
      const { raw: start, line, column } = toRaw(map, mend.start);
      const end = toRaw(map, mend.end).raw;
      changes.push({ line, column, old: text.slice(start, end), new: mend.fix!, ruleId: mend.ruleId });
      text = text.slice(0, start) + mend.fix + text.slice(end);
    }
  }
  return { text, changes: changes.sort((a, b) => a.line - b.line || a.column - b.column) };
}

function nonOverlapping(findings: readonly TextFinding[]): TextFinding[] {
  const kept: TextFinding[] = [];
  for (const found of [...findings].sort((a, b) => a.start - b.start)) {
    if (kept.length === 0 || found.start >= kept.at(-1)!.end) kept.push(found);
  }
  return kept;
}
