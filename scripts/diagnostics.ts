import { VFile } from "vfile";
import type { Node, Point, Position } from "unist";
import type { VFileMessage } from "vfile-message";
import { reporter } from "vfile-reporter";

type Place = Node | Point | Position | null | undefined;

/** A build stopped by one or more fatal messages; the messages live on `files`. */
export class BuildFailure extends Error {
  constructor(readonly files: readonly VFile[]) {
    super(`build failed: ${countFatal(files)} error(s)`);
  }
}

/** Add an error to `file` without stopping, so one run reports every problem it can find. */
export function error(file: VFile, reason: string, place?: Place, ruleId?: string): VFileMessage {
  const message = file.message(reason, { place: place && "type" in place ? place.position : (place ?? undefined), ruleId, source: "book" });
  message.fatal = true;
  return message;
}

export function warn(file: VFile, reason: string, place?: Place, ruleId?: string): VFileMessage {
  return file.message(reason, { place: place && "type" in place ? place.position : (place ?? undefined), ruleId, source: "book" });
}

function countFatal(files: readonly VFile[]): number {
  return files.reduce((sum, file) => sum + file.messages.filter((message) => message.fatal).length, 0);
}

/** Stop the build after a stage when any of its files carries an error. */
export function assertNoErrors(files: readonly VFile[]): void {
  if (countFatal(files) > 0) throw new BuildFailure(files);
}

/** A file standing for something that is not a manuscript source (an output, the browser). */
export function diagnosticFile(path: string): VFile {
  return new VFile({ path });
}

/** Every message of every file, ready for stderr. */
export function formatDiagnostics(files: readonly VFile[]): string {
  const withMessages = files.filter((file) => file.messages.length > 0);
  return withMessages.length === 0 ? "" : reporter(withMessages, { quiet: false });
}
