import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { lstat, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import { sourceAt, type SourceMark } from "../epub/source-marks.ts";

const run = promisify(execFile);

export const epubcheckJar = "/usr/share/java/epubcheck.jar";

/**
 * EPUBCheck runs for seconds, too short for the JVM's optimising compiler and parallel collector
 * to pay off: with the quick compiler alone and the serial collector it takes less than half the
 * CPU time (measured: 8.0 → 3.6 CPU-s on a 1,000-page book).
 */
const javaFlags = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

export interface EpubcheckResult {
  version: string;
  fatals: number;
  errors: number;
  warnings: number;
}

interface EpubcheckReport {
  checker: { checkerVersion: string; nFatal: number; nError: number; nWarning: number };
  messages: Array<{ ID: string; severity: string; message: string; locations: Array<{ path: string; line: number; column: number }> }>;
}

/** In-process batch runner: one JVM for all EPUBs (run from source by Java's launcher). */
const batchRunner = fileURLToPath(new URL("EpubcheckAll.java", import.meta.url));

/**
 * EPUBCheck, the reference validator (Debian's package; its /usr/bin wrapper does not start, the
 * jar does), on every EPUB of the build in one Java process: the second check reuses the schemas
 * and code the first one loaded (two EPUBs of a 1,000-page book: 5.2 CPU-s instead of 8.5). Every
 * fatal error, error and warning becomes an error of the build.
 */
export interface CheckedEpub {
  path: string;
  /** Where findings about the EPUB as a whole go. */
  output: VFile;
  /** Where the pages' elements came from, so a finding in a chapter is reported at the manuscript. */
  sourceMarks?: ReadonlyMap<string, readonly SourceMark[]>;
  chapterFiles?: readonly VFile[];
}

export async function runEpubcheck(epubs: readonly CheckedEpub[]): Promise<EpubcheckResult[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "epubcheck-"));
  const jsonPaths = epubs.map((_, index) => path.join(folder, `report-${index}.json`));
  try {
    // Absolute: a checker started by an earlier build has that build's working folder.
    const request = epubs.flatMap((epub, index) => [path.resolve(epub.path), jsonPaths[index]!]);
    // A checker that cannot be reached or started leaves the work to one of this build's own.
    const served = await checkByServer(request).then(
      () => true,
      () => false,
    );
    if (!served) {
      await run("java", [...javaFlags, "-cp", epubcheckJar, batchRunner, ...request], { maxBuffer: 1 << 26 }).catch((cause: { code?: unknown }) => {
        // A missing report says more than the exit code, which is 1 when EPUBCheck found problems.
        if (cause.code === "ENOENT") throw new Error("java not found: install Debian's `epubcheck` package (it brings Java)");
      });
    }
    return await Promise.all(epubs.map((epub, index) => readReport(jsonPaths[index]!, epub)));
  } catch (cause) {
    return epubs.map(({ output }) => failed(output, cause));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function readReport(jsonPath: string, { output, sourceMarks, chapterFiles }: CheckedEpub): Promise<EpubcheckResult> {
  try {
    const report = JSON.parse(await readFile(jsonPath, "utf8")) as EpubcheckReport;
    for (const message of report.messages) {
      if (!["FATAL", "ERROR", "WARNING"].includes(message.severity)) continue;
      const where = message.locations[0];
      const place = where ? ` (${path.basename(output.path)}: ${where.path}:${where.line}:${where.column})` : "";
      const reason = `Unexpected EPUBCheck ${message.severity.toLowerCase()} ${message.ID}: ${message.message}${place}, expected a valid EPUB 3`;
      const mark = where ? sourceAt(sourceMarks?.get(where.path) ?? [], where.line, where.column) : undefined;
      const chapterFile = mark ? chapterFiles?.[mark.chapter] : undefined;
      if (mark && chapterFile) error(chapterFile, reason, { line: mark.sourceLine, column: mark.sourceColumn }, "epubcheck");
      else error(output, reason, undefined, "epubcheck");
    }
    return { version: report.checker.checkerVersion, fatals: report.checker.nFatal, errors: report.checker.nError, warnings: report.checker.nWarning };
  } catch (cause) {
    return failed(output, cause);
  }
}

function failed(output: VFile, cause: unknown): EpubcheckResult {
  error(output, `Unexpected failure to run EPUBCheck (${(cause as Error).message.split("\n")[0]}), expected \`java -cp ${epubcheckJar} ${path.basename(batchRunner)}\` to work: run \`sudo apt-get install epubcheck\``, undefined, "epubcheck");
  return { version: "", fatals: 1, errors: 0, warnings: 0 };
}

/** How long a running checker waits for the next build: an editor's rebuilds come minutes apart. */
const serverIdleSeconds = 15 * 60;

/**
 * EPUBCheck run by a checker that stays up between builds (`EpubcheckAll --serve`), started by the
 * first build that finds none: its schemas, ~4.5 s of CPU to compile for any book, are compiled
 * once rather than by every build. One checker per user and EPUBCheck, runner and flags; it ends
 * itself after `serverIdleSeconds` without work.
 */
async function checkByServer(request: readonly string[]): Promise<void> {
  const socket = await serverSocket();
  const answered = await ask(socket, request).catch((cause: NodeJS.ErrnoException) => {
    if (!noOneListening(cause)) throw cause;
    return undefined;
  });
  const answer = answered ?? (await askStartedServer(socket, request));
  if (answer.trim() !== "ok") throw new Error(`EPUBCheck's checker answered ${JSON.stringify(answer)}`);
}

/** No socket file, or no checker behind it. */
const noOneListening = (cause: NodeJS.ErrnoException) => cause.code === "ENOENT" || cause.code === "ECONNREFUSED";

/** The checker's socket: in a folder only this user can enter, named for what it runs. */
async function serverSocket(): Promise<string> {
  const folder = path.join(os.tmpdir(), `cjk-book-${os.userInfo().uid}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const owned = await lstat(folder);
  if (!owned.isDirectory() || owned.uid !== os.userInfo().uid || (owned.mode & 0o077) !== 0) throw new Error(`${folder} is not this user's own folder`);
  const jar = await stat(epubcheckJar);
  const runner = await readFile(batchRunner);
  const key = createHash("sha256").update(JSON.stringify([jar.size, jar.mtimeMs, javaFlags])).update(runner).digest("hex").slice(0, 16);
  return path.join(folder, `epubcheck-${key}.sock`);
}

async function askStartedServer(socket: string, request: readonly string[]): Promise<string> {
  // No one answers there: a socket file left by a checker that died is in the way of a new one.
  await rm(socket, { force: true });
  const checker = spawn("java", [...javaFlags, "-cp", epubcheckJar, batchRunner, "--serve", socket, String(serverIdleSeconds)], { detached: true, stdio: "ignore" });
  const ended = new Promise<never>((_, reject) => {
    checker.once("error", reject);
    checker.once("exit", (code) => reject(new Error(`EPUBCheck's checker ended (${code}) before it answered`)));
  });
  ended.catch(() => undefined);
  checker.unref();
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    const answer = await Promise.race([ask(socket, request), ended]).catch((cause: NodeJS.ErrnoException) => {
      if (!noOneListening(cause) || Date.now() > giveUpAt) throw cause;
      return undefined;
    });
    if (answer !== undefined) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One request to the checker: the arguments, NUL-separated; its answer comes when the reports are written. */
function ask(socket: string, request: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    let answer = "";
    connection.setEncoding("utf8");
    connection.on("connect", () => connection.end(request.join("\0")));
    connection.on("data", (chunk: string) => (answer += chunk));
    connection.on("end", () => resolve(answer));
    connection.on("error", reject);
  });
}
