import path from "node:path";
import { parseArgs } from "node:util";
import { buildBook, BuildInterrupted } from "./build.ts";
import { BuildFailure, formatDiagnostics } from "./diagnostics.ts";
import { projectRoot } from "./render/assets.ts";
import { formatPreflight } from "./report/preflight.ts";

const usage = `用法 Usage: npm run build:book -- [--manuscript DIR] [--out DIR] [--quiet]

  --manuscript DIR  书稿文件夹（含 book.yaml），默认 manuscript/
  --out DIR         输出文件夹，默认 dist/
  --press-ready     另外生成印刷版的 PDF/X 文件（CMYK、输出意图）
  --embed-fonts     在 EPUB 中嵌入字体（只含书中用到的字）
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
  const quiet = values.quiet || process.env.CI === "true";
  const interruption = new AbortController();
  const interrupt = () => {
    if (interruption.signal.aborted) process.exit(130);
    process.stderr.write("正在停止… Stopping: closing the browser, leaving the output folder as it was.\n");
    interruption.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  try {
    const result = await buildBook({
      manuscriptDir: path.resolve(values.manuscript),
      outDir: path.resolve(values.out),
      embedFonts: values["embed-fonts"],
      pressReady: values["press-ready"],
      onStage: quiet ? undefined : (stage) => process.stderr.write(`… ${stage}\n`),
      signal: interruption.signal,
    });
    const diagnostics = formatDiagnostics(result.files);
    if (diagnostics) process.stderr.write(`${diagnostics}\n`);
    process.stderr.write(`${formatPreflight(result.report.preflight)}\n`);
    for (const output of result.published) process.stdout.write(`${path.relative(process.cwd(), output) || output}\n`);
    return 0;
  } catch (cause) {
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
