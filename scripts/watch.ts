import path from "node:path";
import { projectRoot } from "./book/paths.ts";

/** Folders whose files a build reads: the manuscript, and the project's styles and templates. */
export const watchedFolders = (manuscriptDir: string) => [manuscriptDir, path.join(projectRoot, "styles"), path.join(projectRoot, "templates")];

export interface InputWatcher {
  /** Stops watching once the current run of `onChange` has ended. */
  close(): Promise<void>;
}

/**
 * Runs `onChange` with the files saved whenever the book's inputs change (--watch, the preview):
 * saves within a moment make one run, a save during a run makes one more after it, and runs never
 * overlap. With `initial`, it also runs once at the start (with no files). Dot files and the
 * `ignoredFolder` (the output folder, when it lies in the manuscript) are not watched.
 */
export async function watchInputs(manuscriptDir: string, onChange: (files: string[], initial: boolean) => Promise<unknown>, options: { ignoredFolder?: string; initial?: boolean } = {}): Promise<InputWatcher> {
  const { watch } = await import("chokidar");
  const folders = watchedFolders(manuscriptDir);
  const ignoredFolder = options.ignoredFolder && path.resolve(options.ignoredFolder);
  const watcher = watch(folders, {
    ignoreInitial: true,
    ignored: (file) => path.basename(file).startsWith(".") || (ignoredFolder !== undefined && (file === ignoredFolder || file.startsWith(`${ignoredFolder}${path.sep}`))),
    // An editor that saves by writing in steps is read once it has finished.
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  });
  const changed = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = (initial: boolean) => {
    const files = [...changed];
    changed.clear();
    running = onChange(files, initial)
      .then(() => undefined, () => undefined)
      .finally(() => {
        running = undefined;
        if (changed.size > 0) schedule();
      });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void (running ?? run(false)), 50);
  };
  watcher.on("all", (_event, file) => {
    changed.add(file);
    schedule();
  });
  await new Promise<void>((resolve) => watcher.on("ready", () => resolve()));
  if (options.initial) run(true);
  return {
    async close() {
      clearTimeout(timer);
      await running;
      await watcher.close();
    },
  };
}
