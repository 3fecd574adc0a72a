import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { inputFingerprint, reusableOutputs, toolsFingerprint } from "./output/reuse.ts";
import { layouts, layoutTable, reportFileName } from "./outputs.ts";
import { projectRoot } from "./render/assets.ts";
import { createProgress, progressMode } from "./report/progress.ts";
import { chromiumExecutable } from "./typeset/chromium.ts";

const usage = `用法 Usage: npm run build:book -- [--manuscript DIR] [--out DIR] [--quiet]

  --manuscript DIR  书稿文件夹（含 book.yaml），默认 manuscript/
  --out DIR         输出文件夹，默认 dist/
  --press-ready     另外生成印刷版的 PDF/X 文件（CMYK、输出意图）
  --embed-fonts     在 EPUB 中嵌入字体（只含书中用到的字）
  --force           书稿与设置都没有改动时也重新排版（默认沿用上次的输出）
  --quiet           只输出结果与错误
  --help            显示本说明`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        manuscript: { type: "string", default: path.join(projectRoot, "manuscript") },
        out: { type: "string", default: path.join(projectRoot, "dist") },
        quiet: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        "embed-fonts": { type: "boolean", default: false },
        "press-ready": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (cause) {
    process.stderr.write(`${(cause as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const manuscriptDir = path.resolve(values.manuscript);
  const outDir = path.resolve(values.out);
  const printOutputs = (outputs: readonly string[]) => {
    for (const output of outputs) process.stdout.write(`${path.relative(process.cwd(), output) || output}\n`);
  };
  const tools = await toolsFingerprint(chromiumExecutable());
  const fingerprint = await inputFingerprint({ manuscriptDir, outDir, pressReady: values["press-ready"], embedFonts: values["embed-fonts"] }, tools);
  const reusable = values.force ? undefined : await reusableOutputs(outDir, fingerprint);
  if (reusable) {
    const report = JSON.parse(await readFile(path.join(outDir, reportFileName), "utf8")) as { builtAt: string };
    process.stderr.write(`书稿、样式、模板、字体与选项都没有改动，沿用 ${report.builtAt} 的输出（--force 可重新排版）。\nNothing changed since the build of ${report.builtAt}: its outputs were reused.\n`);
    printOutputs(reusable);
    return 0;
  }
  // The pipeline (unified, Paged.js, pdf-lib …) is loaded only when there is something to build.
  const [{ buildBook, BuildInterrupted }, { BuildFailure, formatDiagnostics }, { formatPreflight }] = await Promise.all([import("./build.ts"), import("./diagnostics.ts"), import("./report/preflight.ts")]);
  const progress = createProgress(progressMode({ quiet: values.quiet, ci: process.env.CI === "true", isTTY: process.stderr.isTTY }), layouts.length, (text) => process.stderr.write(text));
  const interruption = new AbortController();
  const interrupt = () => {
    if (interruption.signal.aborted) process.exit(130);
    progress.finish();
    process.stderr.write("正在停止… Stopping: closing the browser, leaving the output folder as it was.\n");
    interruption.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  try {
    const result = await buildBook({
      manuscriptDir,
      outDir,
      embedFonts: values["embed-fonts"],
      pressReady: values["press-ready"],
      inputFingerprint: fingerprint,
      toolsFingerprint: tools,
      reuseParts: !values.force,
      onStage: (stage, finishedAfterMs) => (finishedAfterMs === undefined ? progress.stage(stage) : progress.stageDone(stage, finishedAfterMs)),
      onLayoutProgress: (layout, laidOut) => progress.layout(layout, laidOut),
      signal: interruption.signal,
    });
    progress.finish();
    const diagnostics = formatDiagnostics(result.files);
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
    return 0;
  } catch (cause) {
    progress.finish();
    if (cause instanceof BuildInterrupted) {
      process.stderr.write("构建已中断，输出文件夹未改动。Build interrupted; the output folder was left as it was.\n");
      return 130;
    }
    if (cause instanceof BuildFailure) {
      process.stderr.write(`${formatDiagnostics(cause.files)}\n\n构建失败，输出文件夹未改动。Build failed; the output folder was left as it was.\n`);
      return 1;
    }
    process.stderr.write(`Unexpected internal error: ${(cause as Error).stack ?? cause}\n`);
    return 1;
  }
}

const code = await main();
// Exit once stdout and stderr are flushed, without waiting for handles a killed browser may leave.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
