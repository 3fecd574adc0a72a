import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { BuildFailure, diagnosticFile, error } from "../diagnostics.ts";

const lockName = ".build.lock";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One build at a time per output folder: a second one refuses with a message instead of mixing its
 * files into the first one's. A lock left by a build that no longer runs is taken over.
 */
export async function lockOutputFolder(outDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(outDir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
      const holder = Number(await readFile(lockPath, "utf8").catch(() => ""));
      if (holder && holder !== process.pid && isRunning(holder)) {
        const file = diagnosticFile(outDir);
        error(file, `Unexpected second build writing to \`${outDir}\` (process ${holder} is building there), expected one build at a time: wait for it to finish, or use another --out`, undefined, "busy");
        throw new BuildFailure([file]);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}
