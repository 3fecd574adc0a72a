import { readFile } from "node:fs/promises";
import path from "node:path";
import { readOptions, runCommand } from "./command.ts";
import { inputFingerprint, reusableOutputs, toolsFingerprint } from "./output/reuse.ts";
import { layouts, layoutTable, reportFileName, type Layout } from "./outputs.ts";
import { projectRoot } from "./book/paths.ts";
import { createProgress, progressMode } from "./report/progress.ts";
import { chromiumExecutable } from "./typeset/chromium.ts";

const usage = `用法 Usage: npm run build:book -- [--manuscript DIR] [--out DIR] [--watch] [--quiet]

  --manuscript DIR  书稿文件夹（含 book.yaml），默认 manuscript/
  --out DIR         输出文件夹，默认 dist/
  --press-ready     另外生成印刷版的 PDF/X 文件（CMYK、输出意图）
  --embed-fonts     在 EPUB 中嵌入字体（只含书中用到的字）
  --force           书稿与设置都没有改动时也重新排版（默认沿用上次的输出）
  --watch           构建后继续守候：书稿、样式或模板一保存就重新构建（沿用没改动的部分），Ctrl-C 结束
  --quiet           只输出结果与错误
  --verbose         逐条列出所有警告（默认每类只列前三条，校对提示只给条数）
  --help            显示本说明`;

async function main(): Promise<number> {
  const read = readOptions(usage, {
    manuscript: { type: "string", default: path.join(projectRoot, "manuscript") },
    out: { type: "string", default: path.join(projectRoot, "dist") },
    quiet: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
    "embed-fonts": { type: "boolean", default: false },
    "press-ready": { type: "boolean", default: false },
  });
  if (!read.values) return read.exitCode;
  const { values } = read;
  const manuscriptDir = path.resolve(values.manuscript);
  const outDir = path.resolve(values.out);
  const printOutputs = (outputs: readonly string[]) => {
    for (const output of outputs) process.stdout.write(`${path.relative(process.cwd(), output) || output}\n`);
  };
  const options: BuildRequest = { manuscriptDir, outDir, quiet: values.quiet, verbose: values.verbose, force: values.force, embedFonts: values["embed-fonts"], pressReady: values["press-ready"] };
  if (!values.watch) return (await buildOnce(options, printOutputs)).code;
  return watch(options, printOutputs);
}

interface BuildRequest {
  manuscriptDir: string;
  outDir: string;
  quiet: boolean;
  verbose: boolean;
  force: boolean;
  embedFonts: boolean;
  pressReady: boolean;
}

interface BuildOutcome {
  code: number;
  /** Per layout, the parts typeset and how many came from the cache, when a build ran and succeeded. */
  typesetting?: Partial<Record<Layout, { parts: number; reused: number; pagesSetAgain: number }>>;
}

/** One build as `npm run build:book` runs it: reuse, build, report; the exit code it means. */
async function buildOnce(options: BuildRequest, printOutputs: (outputs: readonly string[]) => void, signal?: AbortSignal): Promise<BuildOutcome> {
  const { manuscriptDir, outDir } = options;
  const tools = await toolsFingerprint(chromiumExecutable());
  const fingerprint = await inputFingerprint({ manuscriptDir, outDir, pressReady: options.pressReady, embedFonts: options.embedFonts }, tools);
  const reusable = options.force ? undefined : await reusableOutputs(outDir, fingerprint);
  if (reusable) {
    const report = JSON.parse(await readFile(path.join(outDir, reportFileName), "utf8")) as { builtAt: string };
    process.stderr.write(`书稿、样式、模板、字体与选项都没有改动，沿用 ${report.builtAt} 的输出（--force 可重新排版）。\nNothing changed since the build of ${report.builtAt}: its outputs were reused.\n`);
    printOutputs(reusable);
    return { code: 0 };
  }
  // The pipeline (unified, Paged.js, pdf-lib …) is loaded only when there is something to build,
  // while Chromium starts (2–3 s on 2 cores; loading the pipeline takes 1.5 s). The build closes it.
  const startedBrowser = import("./typeset/browser.ts").then(({ launchBrowser }) => launchBrowser({ allowedPaths: [] }));
  startedBrowser.catch(() => undefined);
  const [{ buildBook, BuildInterrupted }, { BuildFailure, formatDiagnostics }, { formatPreflight }] = await Promise.all([import("./build.ts"), import("./diagnostics.ts"), import("./report/preflight.ts")]);
  const progress = createProgress(progressMode({ quiet: options.quiet, ci: process.env.CI === "true", isTTY: process.stderr.isTTY }), layouts.length, (text) => process.stderr.write(text));
  const interruption = new AbortController();
  const interrupt = () => {
    if (interruption.signal.aborted) process.exit(130);
    progress.finish();
    process.stderr.write("正在停止… Stopping: closing the browser, leaving the output folder as it was.\n");
    interruption.abort();
  };
  if (signal) signal.addEventListener("abort", interrupt);
  else {
    process.on("SIGINT", interrupt);
    process.on("SIGTERM", interrupt);
  }
  try {
    const result = await buildBook({
      manuscriptDir,
      outDir,
      embedFonts: options.embedFonts,
      pressReady: options.pressReady,
      inputFingerprint: fingerprint,
      toolsFingerprint: tools,
      reuseParts: !options.force,
      startedBrowser,
      onStage: (stage, finishedAfterMs) => (finishedAfterMs === undefined ? progress.stage(stage) : progress.stageDone(stage, finishedAfterMs)),
      onLayoutProgress: (layout, laidOut) => progress.layout(layout, laidOut),
      signal: interruption.signal,
    });
    progress.finish();
    const diagnostics = formatDiagnostics(result.files, { verbose: options.verbose, fullList: path.relative(process.cwd(), path.join(outDir, reportFileName)) });
    if (diagnostics) process.stderr.write(`${diagnostics}\n`);
    process.stderr.write(`${formatPreflight(result.report.preflight)}\n`);
    const reused = layouts.flatMap((layout) => (result.report.typesetting[layout]?.reused ? [[layout, result.report.typesetting[layout]!] as const] : []));
    if (reused.length > 0) {
      process.stderr.write(
        `沿用上次排好的版面：${reused.map(([layout, parts]) => `${layoutTable[layout].chineseName} ${parts.parts} 份中的 ${parts.reused} 份`).join("，")}（--force 可全部重排）。\n` +
          `Reused typeset parts: ${reused.map(([layout, parts]) => `${layout} ${parts.reused} of ${parts.parts}`).join(", ")}.\n`,
      );
    }
    printOutputs(result.published);
    return { code: 0, typesetting: result.report.typesetting };
  } catch (cause) {
    progress.finish();
    if (cause instanceof BuildInterrupted) {
      process.stderr.write("构建已中断，输出文件夹未改动。Build interrupted; the output folder was left as it was.\n");
      return { code: 130 };
    }
    if (cause instanceof BuildFailure) {
      process.stderr.write(`${formatDiagnostics(cause.files, { verbose: options.verbose })}\n\n${failureLine(cause.rejected)}\n`);
      return { code: 1 };
    }
    process.stderr.write(`Unexpected internal error: ${(cause as Error).stack ?? cause}\n`);
    return { code: 1 };
  } finally {
    signal?.removeEventListener("abort", interrupt);
  }
}

/** The last line of a failed build: the last good outputs were left alone, and where this build's are. */
function failureLine(rejected: readonly string[]): string {
  const unchanged = "构建失败，输出文件夹未改动。Build failed; the output folder was left as it was.";
  if (rejected.length === 0) return unchanged;
  const folder = path.relative(process.cwd(), path.dirname(rejected[0]!)) || path.dirname(rejected[0]!);
  const names = rejected.map((file) => path.basename(file)).join(", ");
  return `${unchanged}\n本次构建做出的文件放在 ${folder}/，可打开上面提到的页面查看：${names}。The outputs this build made are kept in ${folder}/ for you to look at the pages named above: ${names}.`;
}

/**
 * `--watch`: build, then build again whenever a watched file is saved. Unchanged parts come from
 * the part cache; a failed rebuild leaves the last good outputs, as any failed build does. One
 * line per rebuild says what changed, what was typeset again and how long it took. Ctrl-C stops a
 * running build, then the watcher.
 */
async function watch(options: BuildRequest, printOutputs: (outputs: readonly string[]) => void): Promise<number> {
  const { watchInputs, watchedFolders } = await import("./watch.ts");
  let stopping: AbortController | undefined;
  const watcher = await watchInputs(
    options.manuscriptDir,
    async (changed, initial) => {
      const files = changed.map((file) => path.relative(process.cwd(), file));
      stopping = new AbortController();
      const started = performance.now();
      const outcome = await buildOnce({ ...options, force: initial && options.force }, printOutputs, stopping.signal);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (!initial) process.stderr.write(`${rebuildLine(files, outcome, seconds)}\n`);
      process.stderr.write(`守候中，保存即重新构建；Ctrl-C 结束。Watching ${watchedFolders(options.manuscriptDir).map((folder) => path.relative(process.cwd(), folder) || ".").join(", ")} for changes.\n`);
    },
    { ignoredFolder: options.outDir, initial: true },
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.stderr.write("正在停止守候… Stopping the watch.\n");
      stopping?.abort();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await watcher.close();
  return 0;
}

/** The line a rebuild prints: the files saved, the parts set again, the result and the time. */
function rebuildLine(files: readonly string[], outcome: BuildOutcome, seconds: string): string {
  const what = files.length > 0 ? files.join(", ") : "—";
  if (outcome.code !== 0) return `✗ ${what}：重新构建失败（见上），原来的输出未动，${seconds} s。Rebuild failed; the last good outputs stay.`;
  const parts = layouts.flatMap((layout) => {
    const typeset = outcome.typesetting?.[layout];
    return typeset ? [{ chinese: `${layoutTable[layout].chineseName} ${typeset.pagesSetAgain} 页（${typeset.parts - typeset.reused}/${typeset.parts} 份）`, english: `${layout} ${typeset.pagesSetAgain} pages (${typeset.parts - typeset.reused} of ${typeset.parts} parts)` }] : [];
  });
  const typeset = parts.length > 0 ? `重排 ${parts.map((part) => part.chinese).join("、")}` : "没有需要重排的部分";
  return `✓ ${what}：${typeset}，${seconds} s。Rebuilt after ${what}: set again ${parts.map((part) => part.english).join(", ") || "nothing"}, in ${seconds} s.`;
}

await runCommand(main);
