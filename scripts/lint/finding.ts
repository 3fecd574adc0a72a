/** What the rules find in a run of prose, before it is placed in the Markdown source (lint.ts). */

export type RuleId =
  | "halfwidth-punctuation"
  | "quote-style"
  | "mixed-quotes"
  | "repeated-punctuation"
  | "stray-space"
  | "ellipsis"
  | "dash"
  | "fullwidth-alphanumeric"
  | "unmatched-pair";

/** Errors are clearly wrong and, but for `unmatched-pair`, mended by `--fix`; warnings are for an editor to judge. */
export type Severity = "error" | "warning";

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Index of the run in the list given to `lintProse`. */
  run: number;
  /** Range in the run's text. */
  start: number;
  end: number;
  reason: string;
  /** What `--fix` writes over the range; only errors that have one safe mend carry it. */
  fix?: string;
}

export interface RunText {
  text: string;
  kind: "paragraph" | "heading" | "tableCell";
}

export const finding = (ruleId: RuleId, severity: Severity, start: number, end: number, reason: string, fix?: string): Omit<Finding, "run"> => ({
  ruleId,
  severity,
  start,
  end,
  reason,
  ...(fix === undefined ? {} : { fix }),
});

/** A finding in one run, before it is told which. */
export type RunFinding = Omit<Finding, "run">;

