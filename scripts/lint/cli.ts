import path from "node:path";
import { describeSiteFolder } from "../init/recognise.ts";
import { loadBook, type LoadedBook } from "../book/load.ts";
import { BuildFailure, formatDiagnostics } from "../diagnostics.ts";
import { readOptions, runCommand } from "../command.ts";
import { projectRoot } from "../book/paths.ts";
import { addFindings, fixText, lintText, type Change } from "./lint.ts";
import { encodeRaw, readRaw, writeAtomically } from "./source-file.ts";

const usage = `用法 Usage: npm run lint:book -- [--manuscript DIR] [--fix]

按本社体例校对书稿的中文标点：汉字间的半角标点、引号样式（按 book.yaml 的 language）、重复标点、
多余空格、省略号与破折号、全角数字与字母、不成对的括号与引号。代码、网址、HTML、公式、前言不查。
Proofreads the Chinese punctuation of the manuscript in the house style; code, URLs, HTML, math and front matter are left alone.

  --manuscript DIR  书稿文件夹（含 book.yaml），默认 manuscript/
  --fix             改正能自动改正的错误（直接改写章节文件，保留换行符与 BOM），并列出改了什么
  --help            显示本说明

退出码 Exit code: 0 没有错误（可有警告）；1 有错误或 book.yaml 有误；2 命令行参数错误。`;

async function main(): Promise<number> {
  const read = readOptions(usage, {
    manuscript: { type: "string", default: path.join(projectRoot, "manuscript") },
    fix: { type: "boolean", default: false },
  });
  if (!read.values) return read.exitCode;
  const { values } = read;
  const manuscriptDir = path.resolve(values.manuscript);
  let book = await load(manuscriptDir);
  if (!book) return 1;
  if (values.fix && (await fixChapters(book)) > 0) {
    // Read again so the findings are placed in the text as it now is.
    book = await load(manuscriptDir);
    if (!book) return 1;
  }
  return report(book);
}

async function load(manuscriptDir: string): Promise<LoadedBook | undefined> {
  try {
    return await loadBook({ manuscriptDir, describeFolder: describeSiteFolder });
  } catch (cause) {
    if (!(cause instanceof BuildFailure)) throw cause;
    process.stderr.write(`${formatDiagnostics(cause.files, { verbose: true })}\n`);
    return undefined;
  }
}

/** Mends every chapter in place; returns how many files changed. */
async function fixChapters(book: LoadedBook): Promise<number> {
  let changedFiles = 0;
  for (const chapter of book.chapters) {
    const raw = await readRaw(chapter.path);
    if (!raw) continue; // the loader has already reported an encoding it cannot read
    const fixed = fixText(raw.text, book.config.language);
    if (fixed.text === raw.text) continue;
    await writeAtomically(chapter.path, encodeRaw({ ...raw, text: fixed.text }));
    changedFiles++;
    for (const change of fixed.changes) process.stdout.write(`${changeLine(chapter.path, change)}\n`);
  }
  return changedFiles;
}

const shown = (text: string) => (text === "" ? "∅" : `“${text.replaceAll("\u3000", "\\u3000")}”`);

function changeLine(file: string, change: Change): string {
  return `${path.relative(process.cwd(), file) || file}:${change.line}:${change.column}  ${shown(change.old)} → ${shown(change.new)}  ${change.ruleId}`;
}

function report(book: LoadedBook): number {
  const files = [book.source, ...book.chapters];
  let errors = 0;
  for (const chapter of book.chapters) {
    errors += addFindings(chapter, lintText(String(chapter.value), book.config.language), true).filter((message) => message.fatal).length;
  }
  const diagnostics = formatDiagnostics(files, { verbose: true });
  if (diagnostics) process.stderr.write(`${diagnostics}\n`);
  if (errors > 0) {
    process.stderr.write(`校对发现 ${errors} 处错误；能自动改正的可用 npm run lint:book -- --fix。\n${errors} error(s) found; run with --fix to mend those that can be mended.\n`);
  }
  return errors > 0 ? 1 : 0;
}

await runCommand(main);
