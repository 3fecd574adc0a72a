import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";

export interface Measurement {
  wallMs: number;
  /** User + system CPU time of every process of the tree (Chromium's renderers, Java, poppler included). */
  cpuMs: number;
  /** Highest sum of the tree's proportional set sizes (PSS) seen at any sample. */
  peakPssBytes: number;
  exitCode: number | null;
  stderr: string;
}

const clockTicksPerSecond = 100;
/** Reading smaps_rollup of a big Chromium costs CPU itself: at 100 ms the sampling slowed a build by 18 %. */
const sampleIntervalMs = 250;

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

/** CPU ticks of the children this process has waited for, which include their own waited-for children. */
async function reapedChildrenTicks(): Promise<number> {
  const stat = await readFile("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[13]) + Number(fields[14]);
}

/**
 * Runs a command and measures it as a whole: `/usr/bin/time` sees only the processes it waits for,
 * not Chromium's renderers, so the process tree is sampled from /proc as well. CPU is the larger of
 * the reaped children's total and the sum of each sampled process's last reading (which misses
 * short-lived processes); memory is the peak of the summed PSS, which counts shared pages once.
 */
export async function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  const started = performance.now();
  const reapedBefore = await reapedChildrenTicks();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
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
      const pss = (await Promise.all([...tree.keys()].map(pssBytes))).reduce((sum, bytes) => sum + bytes, 0);
      peakPssBytes = Math.max(peakPssBytes, pss);
      await new Promise((resolve) => setTimeout(resolve, sampleIntervalMs));
    }
  })();
  const exitCode = await exited;
  const wallMs = performance.now() - started;
  await sampling;
  const sampledTicks = [...cpuTicks.values()].reduce((sum, value) => sum + value, 0);
  const ticks = Math.max(sampledTicks, (await reapedChildrenTicks()) - reapedBefore);
  return { wallMs, cpuMs: (ticks * 1000) / clockTicksPerSecond, peakPssBytes, exitCode, stderr };
}
