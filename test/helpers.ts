import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { VFile } from "vfile";
import { parseChapters } from "../scripts/markdown/parse.ts";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const fixture = (name: string) => path.join(projectRoot, "test", "fixtures", name);
export const sampleManuscript = path.join(projectRoot, "manuscript");

/** A chapter `chapters/test.md` of the dialects fixture with `value` as its text, parsed as the build parses it (in the words of `word`, if given). */
export function dialectChapter(value: string, word?: Parameters<typeof parseChapters>[3]) {
  const manuscriptDir = fixture("dialects");
  return parseChapters([new VFile({ path: `${manuscriptDir}/chapters/test.md`, value })], manuscriptDir, manuscriptDir, word)[0]!;
}

export async function tempDir(prefix = "book-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A copy of a fixture that a test may change. */
export async function copyOfFixture(name: string): Promise<string> {
  const target = await tempDir();
  await cp(fixture(name), target, { recursive: true });
  return target;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run build:book`'s command (or another of package.json's, by its script) in a child process, as an editor would. */
export function runCli(
  args: string[],
  options: { script?: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void; onStdout?: (stdoutSoFar: string) => void; onStderr?: (stderrSoFar: string) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, options.script ?? "scripts/cli.ts"), ...args], {
      cwd: projectRoot,
      env: { ...process.env, CI: "true", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    child.on("error", reject);
    if (child.pid) options.onSpawn?.(child.pid);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Names and contents of every file under `folder`, to prove a failed build left it alone. */
export async function snapshotFolder(folder: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const name of await readdir(folder, { recursive: true })) {
    const full = path.join(folder, name);
    if ((await stat(full)).isFile()) snapshot[name] = (await readFile(full)).toString("base64");
  }
  return snapshot;
}

/** Every PDF the build in `out` reported: its own text check found nothing missing or added, and checked at least `atLeast` letters and digits. */
export async function assertPdfTextsExact(out: string, atLeast: number): Promise<void> {
  const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ format: string; path: string; text: { expected: number; missing: number; added: number } }> };
  const pdfs = report.outputs.filter((output) => output.format === "pdf");
  assert.equal(pdfs.length, 4);
  for (const output of pdfs) {
    assert.deepEqual({ missing: output.text.missing, added: output.text.added }, { missing: 0, added: 0 }, output.path);
    assert.ok(output.text.expected > atLeast, output.path);
  }
}

/** A temporary folder holding `files` (path → text), folders made as needed. */
export async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** What `poll` gives once it gives something, polling every 0.1 s; an error naming `what` after `seconds`. */
export async function bounded<T>(what: string, seconds: number, poll: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await poll();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The serious and critical accessibility violations Ace by DAISY (the real ace-cli, on Debian's Chromium) finds in an EPUB. */
export async function aceSeriousViolations(epub: string): Promise<Array<{ "earl:impact": string; "dct:title": string }>> {
  const outdir = await tempDir();
  await promisify(execFile)(path.join(projectRoot, "node_modules", ".bin", "ace-cli"), ["--silent", "--force", "--outdir", outdir, epub], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium" },
  });
  const ace = JSON.parse(await readFile(path.join(outdir, "report.json"), "utf8"));
  assert.ok(ace["earl:result"], "Ace wrote a result");
  const found = (ace.assertions as Array<{ assertions: Array<{ "earl:test": { "earl:impact": string; "dct:title": string } }> }>).flatMap((document) => document.assertions.map((assertion) => assertion["earl:test"]));
  return found.filter((violation) => ["serious", "critical"].includes(violation["earl:impact"]));
}
