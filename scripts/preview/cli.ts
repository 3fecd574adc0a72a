import path from "node:path";
import { readOptions, runCommand } from "../command.ts";
import { layouts, type Layout } from "../outputs.ts";
import { projectRoot } from "../book/paths.ts";
import { startPreview } from "./server.ts";

const usage = `用法 Usage: npm run preview -- [--manuscript DIR] [--out DIR] [--port N] [--layout horizontal|vertical] [--host ADDRESS]

  --manuscript DIR  书稿文件夹（含 book.yaml），默认 manuscript/
  --out DIR         构建的输出文件夹，默认 dist/：上次构建在书页上发现的问题（它的 build-report.json）显示在预览的那些页上
  --port N          端口，默认 3000（被占用时依次试下一个）；0 表示任选空闲端口
  --layout NAME     打开时的版式：horizontal（横排，默认）或 vertical（竖排）
  --host ADDRESS    监听地址，默认 127.0.0.1（只有本机能打开）
  --help            显示本说明`;

const defaultPort = 3000;

async function main(): Promise<number> {
  const read = readOptions(usage, {
    manuscript: { type: "string", default: path.join(projectRoot, "manuscript") },
    out: { type: "string", default: path.join(projectRoot, "dist") },
    port: { type: "string" },
    layout: { type: "string", default: "horizontal" },
    host: { type: "string", default: "127.0.0.1" },
  });
  if (!read.values) return read.exitCode;
  const { values } = read;
  const port = values.port === undefined ? defaultPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Unexpected port “${values.port}”, expected a number from 0 to 65535, such as --port 3000\n`);
    return 2;
  }
  if (!layouts.includes(values.layout as Layout)) {
    process.stderr.write(`Unexpected layout “${values.layout}”, expected ${layouts.join(" or ")}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const options = { manuscriptDir: path.resolve(values.manuscript), outDir: path.resolve(values.out), host: values.host, layout: values.layout as Layout, log };
  // Without --port, a port in use is skipped for the next one.
  let preview;
  for (let candidate = port; !preview; candidate++) {
    try {
      preview = await startPreview({ ...options, port: candidate });
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && values.port === undefined && candidate < port + 20) continue;
      if (code === "EADDRINUSE") process.stderr.write(`Unexpected port ${candidate} in use, expected a free one: choose another with --port\n`);
      else if (code === "ENOENT") process.stderr.write(`Unexpected manuscript folder ${options.manuscriptDir}, expected a folder with book.yaml: give it with --manuscript DIR\n`);
      else throw cause;
      return 1;
    }
  }
  process.stdout.write(`${preview.url}\n`);
  log(`预览已开启：在浏览器中打开 ${preview.url}；保存书稿即自动更新，Ctrl-C 结束。Preview at ${preview.url}; Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  log("正在停止预览… Stopping the preview.");
  await preview.close();
  return 0;
}

await runCommand(main);
