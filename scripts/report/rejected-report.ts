import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { VFile } from "vfile";
import { diagnosticsOf, type Diagnostic } from "../diagnostics.ts";
import { reportFileName } from "../outputs.ts";

/**
 * What a build that failed its checks leaves beside the outputs it kept in the rejected folder
 * (`dist/.rejected/build-report.json`): every message as the terminal showed it, so that the
 * preview (scripts/preview/build-findings.ts) can show the errors over the pages they name.
 */
export interface RejectedReport {
  failed: true;
  /** When the build started: a manuscript file saved after it may have moved the pages named. */
  startedAt?: string;
  /** When it failed. */
  builtAt: string;
  manuscriptDir: string;
  /** The folder the messages' places are relative to (`Diagnostic.place`). */
  cwd: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The outputs kept, by file name. */
  rejected: string[];
}

export function rejectedReport(files: readonly VFile[], rejected: readonly string[], manuscriptDir: string, startedAt?: Date, failedAt = new Date()): RejectedReport {
  const messages = diagnosticsOf(files);
  return {
    failed: true,
    ...(startedAt ? { startedAt: startedAt.toISOString() } : {}),
    builtAt: failedAt.toISOString(),
    manuscriptDir: path.resolve(manuscriptDir),
    cwd: process.cwd(),
    errors: messages.filter((message) => message.severity === "error"),
    warnings: messages.filter((message) => message.severity !== "error"),
    rejected: rejected.map((file) => path.basename(file)),
  };
}

/**
 * Writes the rejected report into `rejectedFolder` (after the failed build's outputs were moved
 * there), whole or not at all: the preview may read it at any moment.
 */
export async function writeRejectedReport(rejectedFolder: string, files: readonly VFile[], rejected: readonly string[], manuscriptDir: string, startedAt?: Date): Promise<string> {
  const target = path.join(rejectedFolder, reportFileName);
  const partial = path.join(rejectedFolder, `.${reportFileName}.partial`);
  await writeFile(partial, `${JSON.stringify(rejectedReport(files, rejected, manuscriptDir, startedAt), null, 2)}\n`);
  await rename(partial, target);
  return target;
}
