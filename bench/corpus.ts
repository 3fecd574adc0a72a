// `npm run corpus -- DIR [DIR …] [--out ROOT]`: builds each manuscript folder with the real command
// line (scripts/cli.ts, a child process, `--force` so every figure is a fresh build), one book at a
// time, each into ROOT/<folder name>, and prints one Markdown table: pages, characters checked,
// missing, added, 孤字 left, errors, warnings by rule, seconds and exit status. The books themselves and their
// book.yaml files are described in bench/corpus/ (see bench/README.md “Corpus of real books”).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../scripts/book/paths.ts";

/** What one book's build gave: its exit status, its stderr and, when it succeeded, its report. */
export interface CorpusRun {
  book: string;
  exitCode: number | null;
  seconds: number;
  stderr: string;
  report?: CorpusReport;
}

/** The parts of build-report.json the table reads (`added` only once the text check reports it). */
export interface CorpusReport {
  outputs: { format: string; layout?: string; edition?: string; pages?: number; text?: { expected: number; missing: number; added?: number }; loneCharacters?: { count: number; lines: number } }[];
}

export type RuleCounts = Map<string, number>;

/** A message without a rule identifier is counted under this name. */
const noRule = "(no rule)";

/**
 * Counts stderr's messages by severity and rule. The build runs with --verbose, so every message is
 * one line as scripts/diagnostics.ts prints it: `place  severity  reason  [rule]`.
 */
export function countMessages(stderr: string): { errors: RuleCounts; warnings: RuleCounts } {
  const errors: RuleCounts = new Map();
  const warnings: RuleCounts = new Map();
  for (const line of stderr.split("\n")) {
    const match = /^\s*\S.*? {2}(error|warning|info) {2}\S.*?(?: {2}\[([^\]\s]+)\])?$/.exec(line);
    const counts = match?.[1] === "error" ? errors : match?.[1] === "warning" ? warnings : undefined;
    if (!counts) continue;
    const rule = match![2] ?? noRule;
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  // A crash is not a vfile message; the command line prints it on one line of its own.
  if (/^Unexpected internal error:/m.test(stderr)) errors.set("internal-error", 1);
  return { errors, warnings };
}

const total = (counts: RuleCounts) => [...counts.values()].reduce((sum, count) => sum + count, 0);
const byRule = (counts: RuleCounts) =>
  [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([rule, count]) => `${rule} ${count}`)
    .join(", ") || "—";

/** The screen PDF of each layout: the one a reader sees and the text check reads. */
function screenPdf(report: CorpusReport | undefined, layout: string) {
  return report?.outputs.find((output) => output.format === "pdf" && output.edition === "screen" && output.layout === layout);
}

const pair = (h: number | string | undefined, v: number | string | undefined) => (h === undefined && v === undefined ? "—" : `${h ?? "—"}/${v ?? "—"}`);

export const tableHeader = ["book", "pages h/v", "characters", "missing h/v", "added h/v", "孤字 h/v", "errors", "warnings by rule", "seconds", "exit"] as const;

/** 孤字 left in a layout, and per 1,000 lines read: `2 (0.4‰)`. */
const loneCharacters = (pdf: ReturnType<typeof screenPdf>) => (pdf?.loneCharacters ? `${pdf.loneCharacters.count} (${((1000 * pdf.loneCharacters.count) / Math.max(1, pdf.loneCharacters.lines)).toFixed(1)}‰)` : undefined);

/** One table row per run; a failed build has no report, so its figures are “—”. */
export function tableRow(run: CorpusRun): string[] {
  const { errors, warnings } = countMessages(run.stderr);
  const [h, v] = [screenPdf(run.report, "horizontal"), screenPdf(run.report, "vertical")];
  const added = h?.text?.added === undefined && v?.text?.added === undefined ? "—" : pair(h?.text?.added, v?.text?.added);
  return [
    run.book,
    pair(h?.pages, v?.pages),
    String(h?.text?.expected ?? v?.text?.expected ?? "—"),
    pair(h?.text?.missing, v?.text?.missing),
    added,
    pair(loneCharacters(h), loneCharacters(v)),
    total(errors) === 0 ? "0" : `${total(errors)} (${byRule(errors)})`,
    total(warnings) === 0 ? "0" : `${total(warnings)}: ${byRule(warnings)}`,
    run.seconds.toFixed(0),
    run.exitCode === null ? "killed" : String(run.exitCode),
  ];
}

export function formatTable(runs: readonly CorpusRun[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(tableHeader), line(tableHeader.map(() => "---")), ...runs.map((run) => line(tableRow(run)))].join("\n");
}

async function buildOne(manuscript: string, outDir: string): Promise<CorpusRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "cli.ts"), "--manuscript", manuscript, "--out", outDir, "--quiet", "--force", "--verbose"], {
    cwd: projectRoot,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  // A failed build leaves the output folder as it was, so only a successful one has a report of its own.
  const report = exitCode === 0 ? (JSON.parse(await readFile(path.join(outDir, "build-report.json"), "utf8")) as CorpusReport) : undefined;
  return { book: path.basename(manuscript), exitCode, seconds, stderr, report };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string", default: path.join(os.tmpdir(), "corpus") } } });
  if (positionals.length === 0) throw new Error("用法 Usage: npm run corpus -- DIR [DIR …] [--out ROOT]");
  const runs: CorpusRun[] = [];
  for (const dir of positionals) {
    const manuscript = path.resolve(dir);
    const outDir = path.join(path.resolve(values.out), path.basename(manuscript));
    const relative = path.relative(manuscript, outDir);
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) throw new Error(`Unexpected output folder ${outDir} inside the manuscript ${manuscript}, expected one outside it: give --out elsewhere`);
    process.stderr.write(`${path.basename(manuscript)} …\n`);
    const run = await buildOne(manuscript, outDir);
    runs.push(run);
    process.stderr.write(`${run.book}: exit ${run.exitCode}, ${run.seconds.toFixed(0)} s\n`);
  }
  process.stdout.write(`${formatTable(runs)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
