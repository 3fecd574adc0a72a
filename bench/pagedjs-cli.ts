// (e) of the benchmark: stock pagedjs-cli 0.4.3, as a user of the packages the build names would
// run it by hand on the same whole-book document of each layout: `pagedjs-cli book.html -o book.pdf`
// (no parts, no handlers of ours, no cut-down fonts). Both layouts at once by default, two
// pagedjs-cli processes side by side, as (b) sets its two and (d) runs its two; `--one-after-the-other`
// runs them in turn.
//
// - Chromium: pagedjs-cli's puppeteer (20.9) takes the browser from PUPPETEER_EXECUTABLE_PATH (the
//   build's Chromium, `chromiumExecutable()`). As root, Chromium starts only with --no-sandbox, which
//   pagedjs-cli passes on from its own `--browserArgs` option (a comma-separated list appended to its
//   launch flags); run as another user, no flag is added.
// - Local files: given a file path (not a URL) and no `--blockLocal`, pagedjs-cli loads the page as
//   file:// and launches Chromium with --allow-file-access-from-files, and, without `--allowedPath`,
//   intercepts no request, so the fonts under node_modules and the figures of the manuscript, referred
//   to by file:// URLs, load as they are: no flag needed.
// - Time: pagedjs-cli sets no time limit of its own (its `--timeout` defaults to none), but its
//   puppeteer keeps the default protocol timeout of 180 s, which no option or variable of
//   pagedjs-cli changes: a Paged.js layout longer than that fails ("Runtime.callFunctionOn timed
//   out"), and this is what a user of it gets. The benchmark kills a run after 10 minutes.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../scripts/book/paths.ts";
import { chromiumExecutable } from "../scripts/typeset/chromium.ts";
import { bookDocuments, type BookDocument } from "./book-documents.ts";

const [manuscriptDir, outDir, mode] = process.argv.slice(2) as [string, string, string | undefined];
const pagedjsCli = path.join(projectRoot, "node_modules", ".bin", "pagedjs-cli");
const browserArgs = process.getuid?.() === 0 ? ["--browserArgs", "--no-sandbox"] : [];
const { documents } = await bookDocuments(manuscriptDir);
const children = new Set<ChildProcess>();

/** `pagedjs-cli stock-<layout>.html -o stock-<layout>.pdf`, in the scratch folder. */
async function print(document: BookDocument): Promise<void> {
  const html = `stock-${document.layout}.html`;
  await writeFile(path.join(outDir, html), document.html);
  const args = [html, "-o", `stock-${document.layout}.pdf`, ...browserArgs];
  process.stderr.write(`  (${document.layout}) ${pagedjsCli} ${args.join(" ")}\n`);
  const child = spawn(pagedjsCli, args, { cwd: outDir, env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumExecutable() }, stdio: ["ignore", "ignore", "pipe"] });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  children.delete(child);
  if (code !== 0) {
    process.stderr.write(stderr);
    // The error pagedjs-cli printed (its first line), last, for the benchmark's table.
    const cause = stderr.split("\n").find((line) => /error|timed out/i.test(line))?.trim() ?? `exit ${code}`;
    throw new Error(`pagedjs-cli (${document.layout}) failed: ${cause}`);
  }
}

try {
  if (mode === "--one-after-the-other") for (const document of documents) await print(document);
  else await Promise.all(documents.map(print));
} catch (error) {
  // The other layout's pagedjs-cli closes its Chromium on SIGTERM (puppeteer's own handler).
  for (const child of children) child.kill("SIGTERM");
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
