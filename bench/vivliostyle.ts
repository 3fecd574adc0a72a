// (d) of the benchmark: Vivliostyle CLI, the nearest peer, on the same two documents, both at once.
// Vivliostyle serves the document over a local HTTP server, so the files it refers to by file:// URL
// (fonts, figures) are copied next to it and referred to relatively.
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bookDocuments, withoutPagedjs, type BookDocument } from "./book-documents.ts";

const [manuscriptDir, outDir, vivliostyle] = process.argv.slice(2) as [string, string, string];
const workDir = await mkdtemp(path.join(os.tmpdir(), "bench-vivliostyle-"));
const { documents } = await bookDocuments(manuscriptDir);

async function localCopy(document: BookDocument): Promise<string> {
  const copies = new Map<string, string>();
  const html = withoutPagedjs(document).replace(/file:\/\/[^"')\s]+/g, (url) => {
    if (!copies.has(url)) copies.set(url, `assets/${copies.size}${path.extname(fileURLToPath(url))}`);
    return copies.get(url)!;
  });
  const folder = path.join(workDir, document.layout);
  await mkdir(path.join(folder, "assets"), { recursive: true });
  await Promise.all([...copies].map(([url, relative]) => copyFile(fileURLToPath(url), path.join(folder, relative))));
  await writeFile(path.join(folder, "book.html"), html);
  return path.join(folder, "book.html");
}

const build = (htmlPath: string, layout: string) =>
  new Promise<void>((resolve, reject) => {
    const args = ["build", htmlPath, "--single-doc", "-o", path.join(outDir, `${layout}.pdf`), "--executable-browser", process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium", "--timeout", "3600", "--log-level", "silent"];
    const child = spawn(vivliostyle, args, { cwd: path.dirname(htmlPath), stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vivliostyle exited with ${code}`))));
  });

try {
  await Promise.all(documents.map(async (document) => build(await localCopy(document), document.layout)));
} finally {
  await rm(workDir, { recursive: true, force: true });
}
