import { writeFile } from "node:fs/promises";
import path from "node:path";
import { bookFileName } from "../book/load.ts";
import { readOptions, runCommand } from "../command.ts";
import { isFile, isFolder } from "./data-files.ts";
import { detectSite } from "./detect.ts";
import type { Note } from "./site.ts";
import { bookYaml, filesWithTitles } from "./write-yaml.ts";

const usage = `用法 Usage: npm run init:book -- DIR [--force]

  根据 DIR 里的静态网站（mdBook、GitBook/HonKit、Quarto、Hugo、Docusaurus、VitePress/VuePress、docsify）
  写出 DIR/book.yaml：书名、作者、语言和网站所列的章节顺序。网站的配置只当数据读，从不运行。
  Writes DIR/book.yaml from the static site in DIR: title, authors, language and the chapters in the site's order.

  --force  覆盖已有的 book.yaml（默认不覆盖）Replace an existing book.yaml
  --help   显示本说明`;

const labels: Record<Note["kind"], string> = { found: "找到 found", guessed: "猜测 guessed", warning: "警告 warning" };

async function main(): Promise<number> {
  const read = readOptions(usage, { force: { type: "boolean", default: false } }, { allowPositionals: true });
  if (!read.values) return read.exitCode;
  if (read.positionals.length !== 1) {
    process.stderr.write(`Unexpected ${read.positionals.length === 0 ? "missing folder" : `${read.positionals.length} folders`}, expected one: the folder of the site's Markdown\n\n${usage}\n`);
    return 2;
  }
  const dir = path.resolve(read.positionals[0]!);
  if (!(await isFolder(dir))) {
    process.stderr.write(`Unexpected \`${dir}\` that is not a folder, expected the folder of the site's Markdown\n`);
    return 1;
  }
  const bookPath = path.join(dir, bookFileName);
  if (!read.values.force && (await isFile(bookPath))) {
    process.stderr.write(`Unexpected existing \`${bookPath}\`, expected a folder without one: init:book never replaces it (add --force to write it anew, or edit it by hand)\n已有 book.yaml，没有改动；要重写请加 --force。\n`);
    return 1;
  }
  const site = await detectSite(dir);
  const yaml = bookYaml(site, await filesWithTitles(dir, site));
  await writeFile(bookPath, yaml);
  process.stderr.write(`${site.notes.map((note) => `${labels[note.kind]}: ${note.text}`).join("\n")}\n`);
  process.stderr.write(`已写出 ${path.relative(process.cwd(), bookPath)}，请核对后构建 Wrote it; check it, then: npm run build:book -- --manuscript ${path.relative(process.cwd(), dir) || "."}\n`);
  process.stdout.write(yaml);
  return 0;
}

await runCommand(main);
