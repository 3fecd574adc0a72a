/** Runs one named stage of the pipeline (the build times and reports each). */
export type RunStage = <T>(name: string, run: () => T | Promise<T>) => Promise<T>;

export const untimed: RunStage = async (_name, run) => run();

/** The build was interrupted (SIGINT/SIGTERM); nothing was published. */
export class BuildInterrupted extends Error {}

export interface StageWatch {
  /** Told of each stage as it starts and, with its duration, as it ends, for progress output. Stages may overlap. */
  onStage?: (stage: string, finishedAfterMs?: number) => void;
  /** Aborting it (Ctrl-C) stops the browser and the build; the output folder stays as it was. */
  signal?: AbortSignal;
}

/** The build's stages, each timed into `timingsMs` and told to `onStage`; none starts once the build is aborted. */
export function timedStages({ onStage, signal }: StageWatch, timingsMs: Record<string, number>): RunStage {
  return async (name, run) => {
    if (signal?.aborted) throw new BuildInterrupted(name);
    onStage?.(name);
    const started = performance.now();
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run();
    } finally {
      timingsMs[name] = Math.round(performance.now() - started);
    }
    // Only a stage that succeeded is reported done (a log shows “✓” for it).
    onStage?.(name, timingsMs[name]);
    return result;
  };
}
