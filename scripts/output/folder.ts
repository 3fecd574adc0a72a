import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { VFile } from "vfile";
import { BuildFailure, diagnosticFile, error } from "../diagnostics.ts";
import { outputsFor, rejectedFolderName, reportFileName } from "../outputs.ts";
import { rejectedReport, type BuildReport, type RejectedReport } from "../report/build-report.ts";
import { inputsFileName, inputsRecord } from "./reuse.ts";
import { createStaging, type Staging } from "./staging.ts";

/** The output folder, created if needed; a folder that cannot be written is the editor's to fix. */
export async function openOutputFolder(outDir: string, files: VFile[], editions: readonly string[]): Promise<Staging> {
  try {
    return await createStaging(outDir, [...[undefined, ...editions].flatMap((edition) => outputsFor(edition).map((spec) => spec.fileName)), reportFileName]);
  } catch (cause) {
    const problem = outputProblem(cause, outDir);
    if (problem) throw new BuildFailure([...files, problem]);
    throw cause;
  }
}

/** A failed build's outputs are only worth keeping until a build succeeds. */
export const dropRejected = (outDir: string) => rm(path.join(outDir, rejectedFolderName), { recursive: true, force: true });

/**
 * What a failed build throws: a failed check's BuildFailure with every file's messages, its outputs
 * kept in the rejected folder beside a report of them; a file-system failure as a message; anything
 * else as it was.
 */
export async function buildFailure(cause: unknown, files: readonly VFile[], staging: Staging | undefined, where: { outDir: string; manuscriptDir: string }, startedAt: Date): Promise<unknown> {
  if (cause instanceof BuildFailure) {
    const all = [...new Set([...files, ...cause.files])];
    const rejected = cutShort(cause) ? [] : await keepRejected(staging, where.outDir, all);
    // Beside the kept outputs, the messages that name their pages: the preview shows them over those pages.
    if (rejected.length > 0) await writeRejectedReport(path.join(where.outDir, rejectedFolderName), rejectedReport(where.manuscriptDir, all, startedAt, rejected)).catch(() => undefined);
    return new BuildFailure(all, rejected);
  }
  const problem = outputProblem(cause, where.outDir);
  return problem ? new BuildFailure([...files, problem]) : cause;
}

/**
 * Writes a failed build's report into `rejectedFolder` (after its outputs were moved there), whole
 * or not at all: the preview may read it at any moment.
 */
async function writeRejectedReport(rejectedFolder: string, report: RejectedReport): Promise<string> {
  const target = path.join(rejectedFolder, reportFileName);
  const partial = path.join(rejectedFolder, `.${reportFileName}.partial`);
  await writeFile(partial, `${JSON.stringify(report, null, 2)}\n`);
  await rename(partial, target);
  return target;
}

/**
 * A build whose browser crashed, was killed or hung made outputs that say nothing about the
 * manuscript, only that they were cut off: there is nothing in them to look at.
 */
const cutShort = (failure: BuildFailure) => failure.files.some((file) => file.messages.some((message) => message.fatal && message.ruleId === "browser"));

/**
 * A failed build's outputs, kept in the rejected folder so the editor can open the page a message
 * names; the messages about an output then name its file there.
 */
async function keepRejected(staging: Staging | undefined, outDir: string, files: readonly VFile[]): Promise<string[]> {
  if (!staging) return [];
  const rejected = await staging.reject(path.join(outDir, rejectedFolderName));
  for (const file of files) {
    const kept = rejected.find((name) => path.join(outDir, path.basename(name)) === file.path);
    if (kept) file.path = kept;
  }
  return rejected;
}

/** File-system failures while writing outputs (no permission, not a folder, disk full), as messages. */
function outputProblem(cause: unknown, outDir: string): VFile | undefined {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    EACCES: "no permission to write there",
    EPERM: "no permission to write there",
    EROFS: "the disk is read-only",
    ENOTDIR: "part of the path is a file, not a folder",
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
  };
  if (!code || !(code in reasons)) return undefined;
  const file = diagnosticFile(outDir);
  error(file, `Unexpected failure to write the outputs to \`${outDir}\` (${reasons[code]}, ${code}), expected a writable folder with free space: free some space or choose another folder with --out; the previous outputs were left as they were`, undefined, "output-folder");
  return file;
}

/** The report, staged beside the outputs, and with a fingerprint the record that lets a build from the same inputs reuse them. */
export async function stageReport(staging: Staging, report: BuildReport, inputFingerprint?: string): Promise<void> {
  const reportText = `${JSON.stringify(report, null, 2)}\n`;
  await staging.write(reportFileName, reportText);
  if (inputFingerprint) {
    const written = [...report.outputs.map((output) => ({ name: output.path, bytes: output.bytes })), { name: reportFileName, bytes: Buffer.byteLength(reportText) }];
    await staging.write(inputsFileName, inputsRecord(inputFingerprint, written));
  }
}
