import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Measurement {
  wallMs: number;
  /** User + system CPU time of every process of the tree (Chromium's renderers, Java, poppler included), and of the EPUBCheck checker an earlier build left running. */
  cpuMs: number;
  /** How the CPU time was counted: by the kernel for a cgroup of the command's own, or from /proc (a lower bound). */
  cpuCountedBy: "cgroup" | "proc";
  /** Highest sum of the tree's proportional set sizes (PSS) seen at any sample, a standing EPUBCheck checker's included. */
  peakPssBytes: number;
  exitCode: number | null;
  stderr: string;
  /** Set when the command ran past its time limit and was killed, its whole tree with it. */
  timedOut?: true;
}

const clockTicksPerSecond = 100;
/** Reading smaps_rollup of a big Chromium costs CPU itself: at 100 ms the sampling slowed a build by 18 %. */
export const sampleIntervalMs = 250;

interface ProcessSample {
  parent: number;
  cpuTicks: number;
}

async function readProcess(pid: number): Promise<ProcessSample | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { parent: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

async function pssBytes(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Every process descended from `root`, itself included, with its CPU ticks so far. */
async function processTree(root: number): Promise<Map<number, ProcessSample>> {
  const all = new Map<number, ProcessSample>();
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  await Promise.all(pids.map(async (pid) => {
    const sample = await readProcess(pid);
    if (sample) all.set(pid, sample);
  }));
  const tree = new Map<number, ProcessSample>();
  const visit = (pid: number) => {
    const sample = all.get(pid);
    if (!sample || tree.has(pid)) return;
    tree.set(pid, sample);
    for (const [child, childSample] of all) if (childSample.parent === pid) visit(child);
  };
  visit(root);
  return tree;
}

/**
 * The summed PSS of every process descended from any of `roots` (each counted once): for work that
 * is not one command, such as the preview's server together with the Chromium that shows it.
 */
export async function treesPssBytes(roots: readonly number[]): Promise<number> {
  const pids = new Set((await Promise.all(roots.map(processTree))).flatMap((tree) => [...tree.keys()]));
  return (await Promise.all([...pids].map(pssBytes))).reduce((sum, bytes) => sum + bytes, 0);
}

/**
 * The EPUBCheck checkers that earlier builds left running (`EpubcheckAll.java --serve`), with their
 * CPU ticks so far: a build hands them its EPUBs, so the CPU time and memory they spend on it are
 * the build's, though they are not its descendants.
 */
async function standingCheckers(): Promise<Map<number, number>> {
  const checkers = new Map<number, number>();
  for (const name of await readdir("/proc")) {
    const command = (await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (!command.includes("--serve") || !command.some((part) => part.endsWith("EpubcheckAll.java"))) continue;
    const sample = await readProcess(Number(name));
    if (sample) checkers.set(Number(name), sample.cpuTicks);
  }
  return checkers;
}

/** CPU ticks of the children this process has waited for, which include their own waited-for children. */
async function reapedChildrenTicks(): Promise<number> {
  const stat = await readFile("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[13]) + Number(fields[14]);
}

/**
 * A cgroup (v2) of the command's own, in which the kernel counts the CPU time of every process that
 * was ever in it, exited ones included: Chromium starts a process for every print, most of which
 * end between two samples of /proc. Needs write access to the cgroup2 hierarchy (root).
 */
async function createCpuGroup(): Promise<string | undefined> {
  const mounts = await readFile("/proc/self/mountinfo", "utf8").catch(() => "");
  const mountPoint = mounts.split("\n").find((line) => line.includes(" - cgroup2 "))?.split(" ")[4];
  if (!mountPoint) return undefined;
  const group = path.join(mountPoint, `cjk-book-bench-${process.pid}-${Date.now()}`);
  return mkdir(group).then(() => group, () => undefined);
}

async function cpuGroupMs(group: string): Promise<number> {
  const stat = await readFile(path.join(group, "cpu.stat"), "utf8");
  return Number(/^usage_usec (\d+)/m.exec(stat)?.[1] ?? 0) / 1000;
}

/** Removes the group once its last process has gone (a browser may take a moment to exit). */
async function removeCpuGroup(group: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await rmdir(group).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Kills every process of the tree: SIGKILL to each process descended from `root` (Chromium included,
 * though puppeteer starts it as the leader of its own process group), then, where the command has a
 * cgroup of its own and the kernel can (5.14+), to every process ever started in it.
 */
async function killTree(root: number, group: string | undefined): Promise<void> {
  for (const pid of (await processTree(root)).keys()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  if (group) await writeFile(path.join(group, "cgroup.kill"), "1").catch(() => undefined);
}

/**
 * Runs a command and measures it as a whole: `/usr/bin/time` sees only the processes it waits for,
 * not Chromium's renderers. CPU is counted by the kernel for a cgroup the command starts in (its
 * shell moves itself there before it execs the command, so every descendant is counted); without
 * access to cgroups, it is the larger of the reaped children's total and the sum of each sampled
 * process's last reading, which misses short-lived processes. Memory is the peak of the tree's
 * summed PSS, sampled from /proc, which counts shared pages once. Past `timeLimitMs`, the whole tree
 * is killed and the measurement says `timedOut`.
 */
export async function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeLimitMs = Number.POSITIVE_INFINITY): Promise<Measurement> {
  const group = await createCpuGroup();
  // A checker this command starts is its descendant (and in its cgroup); one already running is added.
  const checkers = await standingCheckers();
  const started = performance.now();
  const reapedBefore = await reapedChildrenTicks();
  // Where the shell may not join the group, the command runs all the same and /proc counts.
  const [file, argv] = group ? ["sh", ["-c", 'echo $$ 2>/dev/null > "$0/cgroup.procs"; exec "$@"', group, command, ...args]] : [command, args];
  const child = spawn(file, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const cpuTicks = new Map<number, number>();
  let peakPssBytes = 0;
  let running = true;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => {
    running = false;
    resolve(code);
  }));
  const sampling = (async () => {
    while (running) {
      const tree = await processTree(child.pid!);
      for (const [pid, sample] of tree) cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, sample.cpuTicks));
      const pids = new Set([...tree.keys(), ...checkers.keys()]);
      const pss = (await Promise.all([...pids].map(pssBytes))).reduce((sum, bytes) => sum + bytes, 0);
      peakPssBytes = Math.max(peakPssBytes, pss);
      await new Promise((resolve) => setTimeout(resolve, sampleIntervalMs));
    }
  })();
  let timedOut = false;
  const limit = Number.isFinite(timeLimitMs)
    ? setTimeout(() => {
        timedOut = true;
        void killTree(child.pid!, group);
      }, timeLimitMs)
    : undefined;
  const exitCode = await exited;
  const wallMs = performance.now() - started;
  clearTimeout(limit);
  await sampling;
  let checkerTicks = 0;
  for (const [pid, ticksBefore] of checkers) checkerTicks += ((await readProcess(pid))?.cpuTicks ?? ticksBefore) - ticksBefore;
  const checkerMs = (checkerTicks * 1000) / clockTicksPerSecond;
  const groupCpuMs = group ? await cpuGroupMs(group) : 0;
  if (group) await removeCpuGroup(group);
  const killed = timedOut ? { timedOut: true as const } : {};
  if (groupCpuMs > 0) return { wallMs, cpuMs: groupCpuMs + checkerMs, cpuCountedBy: "cgroup", peakPssBytes, exitCode, stderr, ...killed };
  const sampledTicks = [...cpuTicks.values()].reduce((sum, value) => sum + value, 0);
  const ticks = Math.max(sampledTicks, (await reapedChildrenTicks()) - reapedBefore);
  return { wallMs, cpuMs: (ticks * 1000) / clockTicksPerSecond + checkerMs, cpuCountedBy: "proc", peakPssBytes, exitCode, stderr, ...killed };
}
