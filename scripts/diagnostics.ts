import path from "node:path";
import { VFile } from "vfile";
import type { Node, Point, Position } from "unist";
import type { VFileMessage } from "vfile-message";

type Place = Node | Point | Position | null | undefined;

/** A build stopped by one or more fatal messages; the messages live on `files`. */
export class BuildFailure extends Error {
  /** `rejected`: the outputs the failed build made, kept apart for the editor to look at. */
  constructor(
    readonly files: readonly VFile[],
    readonly rejected: readonly string[] = [],
  ) {
    super(`build failed: ${countFatal(files)} error(s)`);
  }
}

/** Add an error to `file` without stopping, so one run reports every problem it can find. */
export function error(file: VFile, reason: string, place?: Place, ruleId?: string): VFileMessage {
  const message = file.message(reason, { place: place && "type" in place ? place.position : (place ?? undefined), ruleId, source: "book" });
  message.fatal = true;
  return message;
}

export function warn(file: VFile, reason: string, place?: Place, ruleId?: string): VFileMessage {
  return file.message(reason, { place: place && "type" in place ? place.position : (place ?? undefined), ruleId, source: "book" });
}

function countFatal(files: readonly VFile[]): number {
  return files.reduce((sum, file) => sum + file.messages.filter((message) => message.fatal).length, 0);
}

/** Stop the build after a stage when any of its files carries an error. */
export function assertNoErrors(files: readonly VFile[]): void {
  if (countFatal(files) > 0) throw new BuildFailure(files);
}

/** A file standing for something that is not a manuscript source (an output, the browser). */
export function diagnosticFile(path: string): VFile {
  return new VFile({ path });
}

/** One message as the build report keeps it: where, how grave, which rule, what. */
export interface Diagnostic {
  /** `file:line:column` (with `-line:column` of the end when known), the file relative to the working folder. */
  place: string;
  severity: "error" | "warning" | "info";
  ruleId?: string;
  /** `lint` for the proofreading findings of `npm run lint:book`, `book` for the rest. */
  source?: string;
  reason: string;
}

export function diagnosticsOf(files: readonly VFile[]): Diagnostic[] {
  return files.flatMap((file) =>
    file.messages.map((message) => {
      const relative = path.relative(process.cwd(), file.path) || file.path;
      const start = message.place && "start" in message.place ? message.place.start : message.place;
      const end = message.place && "end" in message.place ? message.place.end : undefined;
      const place = start ? `${relative}:${start.line}:${start.column}${end ? `-${end.line}:${end.column}` : ""}` : relative;
      const severity = message.fatal ? "error" : message.fatal === false ? "warning" : "info";
      return { place, severity, ...(message.ruleId ? { ruleId: message.ruleId } : {}), ...(message.source ? { source: message.source } : {}), reason: message.reason };
    }),
  );
}

const line = (message: Diagnostic) => `${message.place}  ${message.severity}  ${message.reason}${message.ruleId ? `  [${message.ruleId}]` : ""}`;

/** Warnings of one rule shown in full before the rest are counted. */
const shownPerRule = 3;

/**
 * Every message of every file, ready for stderr. Errors are printed in full; warnings (and notes) are
 * grouped by rule, each group's first few in full and the rest counted, with where to find them
 * (`fullList`: the build report); the proofreading findings are one line, since `npm run lint:book`
 * lists them. A real book printed 4,259 warning lines before this, and nobody reads on. `verbose`
 * prints every message.
 */
export function formatDiagnostics(files: readonly VFile[], { verbose = false, fullList }: { verbose?: boolean; fullList?: string } = {}): string {
  const messages = diagnosticsOf(files);
  if (messages.length === 0) return "";
  if (verbose) return [...messages.map(line), summaryLine(messages)].join("\n");
  const errors = messages.filter((message) => message.severity === "error");
  const proofreading = messages.filter((message) => message.severity !== "error" && message.source === "lint");
  const groups = new Map<string, Diagnostic[]>();
  for (const message of messages.filter((message) => message.severity !== "error" && message.source !== "lint")) {
    const rule = message.ruleId ?? message.severity;
    groups.set(rule, [...(groups.get(rule) ?? []), message]);
  }
  const lines = errors.map(line);
  for (const [rule, group] of groups) {
    if (group.length <= shownPerRule) {
      lines.push(...group.map(line));
      continue;
    }
    lines.push(`${group.length} × ${rule}:`, ...group.slice(0, shownPerRule).map((message) => `  ${line(message)}`));
    lines.push(`  … ${group.length - shownPerRule} more${fullList ? ` in ${fullList}` : ""} (--verbose prints them all)`);
  }
  if (proofreading.length > 0) {
    lines.push(`校对提示 ${proofreading.length} 条：npm run lint:book 逐条列出，加 --fix 改正能自动改正的。${proofreading.length} proofreading warnings: npm run lint:book lists them (--fix mends those it can).`);
  }
  return [...lines, summaryLine(messages)].join("\n");
}

function summaryLine(messages: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic["severity"]) => messages.filter((message) => message.severity === severity).length;
  const parts = [[count("error"), "error(s)"], [count("warning"), "warning(s)"], [count("info"), "note(s)"]] as const;
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(", ");
}
