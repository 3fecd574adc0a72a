import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const fixture = (name: string) => path.join(projectRoot, "test", "fixtures", name);
export const sampleManuscript = path.join(projectRoot, "manuscript");

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
