import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "../book/paths.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { rejectedFolderName, reportFileName, type Layout } from "../outputs.ts";
import { projectRoot } from "../book/paths.ts";
import { watchedFolders } from "../watch.ts";

/**
 * The last build's findings, for the preview to show over the pages they name. One source of
 * truth: the build's own messages, from the report it left in the output folder:
 * `.rejected/build-report.json` after a build that failed its checks (its errors and warnings),
 * else `build-report.json` after a good one (only its warnings that name a page matter here).
 */

/** A page of the book's own PDFs that a message names. */
export interface NamedPage {
  layout: Layout;
  edition: "screen" | "print" | "pdfx";
  pdf: string;
  /** The PDF's page, counted from 1. */
  page: number;
  /** The message says it is the last page (the colophon): in the print editions, after the blank pages added. */
  last: boolean;
}

export interface Finding {
  severity: Diagnostic["severity"];
  rule?: string;
  /** What is wrong, in Chinese, for the editor. */
  summary: string;
  /** Where in the manuscript, when the message says: `chapters/one.md 第 93 行`. */
  source?: string;
  /** The message as the build printed it. */
  original: string;
  /** The pages it names; empty when it names none of the book's PDF pages (fonts, EPUB, another edition). */
  pages: NamedPage[];
}

export interface BuildFindings {
  /**
   * `none`: no report in the output folder; `passed`/`failed`: the last build's; `unreadable`: a
   * report that could not be read; `other-book`: a report of another manuscript.
   */
  state: "none" | "passed" | "failed" | "unreadable" | "other-book";
  /** The report read, as the editor finds it (relative to the working folder). */
  report?: string;
  /** When that build ran (ISO). */
  builtAt?: string;
  /** Manuscript, style or template files saved since that build started (the first few), and how many in all. */
  changedSince?: { files: string[]; count: number };
  /** Why the report gave nothing to show, in Chinese and English. */
  note?: string;
  findings: Finding[];
}

export interface FindingsSource {
  outDir: string;
  manuscriptDir: string;
  /** The book's title as the preview has it, to tell a report of another book (a good build's report names only its title). */
  title?: string;
}

const bookPdf = /^book-(horizontal|vertical)-(screen|print|print-pdfx)\.pdf$/;
const shownChangedFiles = 3;

const displayPath = (file: string) => path.relative(process.cwd(), file) || file;

/** The findings of the last build whose report lies in `outDir`; never throws. */
export async function readBuildFindings(source: FindingsSource): Promise<BuildFindings> {
  try {
    return await readFindings(source);
  } catch (cause) {
    return { state: "unreadable", findings: [], note: `读构建报告时出错 Could not read the build report: ${(cause as Error).message ?? cause}` };
  }
}

async function readFindings({ outDir, manuscriptDir, title }: FindingsSource): Promise<BuildFindings> {
  const rejectedFolder = path.join(outDir, rejectedFolderName);
  const candidates = [path.join(rejectedFolder, reportFileName), path.join(outDir, reportFileName)];
  for (const file of candidates) {
    const text = await readFile(file, "utf8").catch((cause: NodeJS.ErrnoException) => (cause.code === "ENOENT" || cause.code === "ENOTDIR" ? undefined : Promise.reject(cause)));
    if (text === undefined) {
      // A failed build that kept its outputs but no report (built before reports were kept there).
      if (file === candidates[0]) {
        const folder = await stat(rejectedFolder).catch(() => undefined);
        if (folder?.isDirectory()) {
          return {
            state: "failed",
            report: displayPath(rejectedFolder),
            builtAt: folder.mtime.toISOString(),
            findings: [],
            note: `上次构建失败，做出的文件在 ${displayPath(rejectedFolder)}/，但没有留下报告：错误信息见运行构建的终端。The last build failed and kept its outputs, but no report: its messages are in the terminal that ran it.`,
          };
        }
      }
      continue;
    }
    const report = displayPath(file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { state: "unreadable", report, findings: [], note: `${report} 不是有效的 JSON，读不出来（也许正在写入，或被改坏了）。${report} is not valid JSON.` };
    }
    if (!isRecord(parsed)) return { state: "unreadable", report, findings: [], note: `${report} 不是构建报告。${report} is not a build report.` };
    const failed = parsed.failed === true;
    const builtAt = typeof parsed.builtAt === "string" && !Number.isNaN(Date.parse(parsed.builtAt)) ? parsed.builtAt : undefined;
    const ofAnotherBook = typeof parsed.manuscriptDir === "string" ? !(await samePath(parsed.manuscriptDir, manuscriptDir)) : title !== undefined && typeof parsed.title === "string" && parsed.title !== title;
    if (ofAnotherBook) return { state: "other-book", report, ...(builtAt ? { builtAt } : {}), findings: [], note: `${report} 是另一份书稿的构建报告，这里不显示。${report} is another manuscript's.` };
    const cwd = typeof parsed.cwd === "string" ? parsed.cwd : projectRoot;
    const messages = [...diagnostics(parsed.errors), ...diagnostics(parsed.warnings)];
    const findings = messages.map((message) => findingOf(message, cwd, manuscriptDir)).filter((finding) => failed ? finding.severity === "error" || finding.pages.length > 0 : finding.pages.length > 0);
    const started = startOf(parsed, builtAt);
    const changedSince = started === undefined ? undefined : await filesChangedSince(started, manuscriptDir, outDir);
    return { state: failed ? "failed" : "passed", report, ...(builtAt ? { builtAt } : {}), ...(changedSince && changedSince.count > 0 ? { changedSince } : {}), findings };
  }
  return { state: "none", findings: [] };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The well-formed messages of a report's list; anything else in it is passed over. */
function diagnostics(list: unknown): Diagnostic[] {
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is Diagnostic => isRecord(entry) && typeof entry.place === "string" && typeof entry.reason === "string").map((entry) => ({
    place: entry.place,
    severity: entry.severity === "error" || entry.severity === "warning" ? entry.severity : "info",
    ...(typeof entry.ruleId === "string" ? { ruleId: entry.ruleId } : {}),
    reason: entry.reason,
  }));
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = (file: string) => realpath(file).catch(() => path.resolve(file));
  return (await real(a)) === (await real(b));
}

/**
 * When the build started. A good build's report has only the time it ended: its stages' times are
 * taken off (they overlap, so this is earlier than the real start; a file saved just before the
 * build may then count as saved after it, which only says “possibly” stale).
 */
function startOf(report: Record<string, unknown>, builtAt: string | undefined): number | undefined {
  if (typeof report.startedAt === "string" && !Number.isNaN(Date.parse(report.startedAt))) return Date.parse(report.startedAt);
  if (builtAt === undefined) return undefined;
  const timings = isRecord(report.timingsMs) ? Object.values(report.timingsMs).filter((value): value is number => typeof value === "number" && value > 0) : [];
  return Date.parse(builtAt) - timings.reduce((sum, value) => sum + value, 0);
}

/** Files the build reads (manuscript, styles, templates; not dot files or the output folder) saved after `since`. */
async function filesChangedSince(since: number, manuscriptDir: string, outDir: string): Promise<{ files: string[]; count: number }> {
  const changed: Array<{ file: string; modified: number }> = [];
  for (const folder of watchedFolders(manuscriptDir)) {
    const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      if (!entry.isFile() || path.relative(folder, file).split(path.sep).some((part) => part.startsWith(".")) || isInside(outDir, file)) continue;
      const modified = (await stat(file).catch(() => undefined))?.mtimeMs ?? 0;
      if (modified > since) changed.push({ file: isInside(manuscriptDir, file) ? path.relative(manuscriptDir, file) : path.relative(projectRoot, file), modified });
    }
  }
  changed.sort((a, b) => b.modified - a.modified);
  return { files: changed.slice(0, shownChangedFiles).map((entry) => entry.file), count: changed.length };
}

/** A message's place split into its file (absolute) and line. */
function placeOf(place: string, cwd: string): { file: string; line?: number } {
  const match = /^(.*?)(?::(\d+):(\d+)(?:-\d+:\d+)?)?$/.exec(place)!;
  return { file: path.resolve(cwd, match[1]!), ...(match[2] ? { line: Number(match[2]) } : {}) };
}

/**
 * The book's PDF pages a message names: “in book-vertical-screen.pdf p. 759” (text check), “on page
 * 12” or “page 12:” of the PDF the message is about (text area, page boxes), “(page 8, the last)”
 * (colophon), “book-horizontal-print.pdf pages 3, 5” (image resolution). A page reference's pages
 * are those of its target, not of the printed number: it names none here.
 */
export function namedPages(message: Pick<Diagnostic, "place" | "reason" | "ruleId">, file = message.place): NamedPage[] {
  if (message.ruleId === "page-reference") return [];
  const pages: NamedPage[] = [];
  const add = (pdf: string, page: number, last: boolean) => {
    const parts = bookPdf.exec(pdf);
    if (!parts || !Number.isInteger(page) || page < 1) return;
    const edition = parts[2] === "print-pdfx" ? "pdfx" : (parts[2] as "screen" | "print");
    if (!pages.some((known) => known.pdf === pdf && known.page === page)) pages.push({ layout: parts[1] as Layout, edition, pdf, page, last });
  };
  const last = /\bthe last\b/.test(message.reason);
  for (const match of message.reason.matchAll(/\b(book-[\w-]+\.pdf)\s+(?:p\.|pages?)\s+(\d+(?:,\s*\d+)*)/g)) {
    for (const page of match[2]!.split(/,\s*/)) add(match[1]!, Number(page), last);
  }
  const pdf = path.basename(file.replace(/:\d+:\d+(?:-\d+:\d+)?$/, ""));
  if (pages.length === 0 && bookPdf.test(pdf)) {
    const page = /\bpage (\d+)\b/.exec(message.reason);
    if (page) add(pdf, Number(page[1]), last);
  }
  return pages;
}

/** The message's quoted passage, shortened. */
const quoted = (reason: string) => /“([^”]*)”/.exec(reason)?.[1];

/** What the message says, in Chinese, by its rule (the original stays beside it). */
function summaryOf(message: Diagnostic): string {
  const passage = quoted(message.reason);
  const shown = passage ? `：“${passage}”` : "";
  switch (message.ruleId) {
    case "text-completeness":
      if (/^Unexpected loss of/.test(message.reason)) return `正文有字没印出${shown}`;
      if (/^Unexpected text/.test(message.reason)) return `多印了字（书稿里没有或重复了）${shown}`;
      return "还有几处文字与书稿不同";
    case "outside-text-area":
      return `有字跑到了版心之外（页边）${shown}`;
    case "colophon-figures":
      return "版权页超过一页，印出的印张、字数不对：请删减 book.yaml 的 colophon 条目";
    case "pdf-boxes":
      return "印刷版的页面框不对（程序问题，请报告）";
    case "image-resolution": {
      const image = /`([^`]+)`/.exec(message.reason)?.[1];
      const ppi = /at (\d+) ppi/.exec(message.reason)?.[1];
      return `图片${image ? ` ${image}` : ""} 分辨率不足${ppi ? `（${ppi} ppi）` : ""}，印刷需要 300 ppi`;
    }
    case "image-missing":
      return "有图片没进 PDF（多半是图太大）";
    case "font-embedding":
    case "font-type":
    case "font-fallback":
      return "PDF 里有不合格或未声明的字体";
    case "page-reference":
      return "目录或“第…页”印出的页码与目标所在的页不符";
    default:
      return message.severity === "error" ? "构建报错" : "构建提示";
  }
}

function findingOf(message: Diagnostic, cwd: string, manuscriptDir: string): Finding {
  const { file, line } = placeOf(message.place, cwd);
  const source = isInside(manuscriptDir, file) ? `${path.relative(manuscriptDir, file)}${line ? ` 第 ${line} 行` : ""}` : undefined;
  return {
    severity: message.severity,
    ...(message.ruleId ? { rule: message.ruleId } : {}),
    summary: summaryOf(message),
    ...(source ? { source } : {}),
    original: `${message.place}  ${message.severity}  ${message.reason}${message.ruleId ? `  [${message.ruleId}]` : ""}`,
    pages: namedPages(message, file),
  };
}
