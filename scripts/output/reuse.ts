import { createHash, type Hash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "../book/paths.ts";
import { declaredFonts } from "../fonts/declared.ts";
import { projectRoot } from "../book/paths.ts";

/** Written beside the outputs: what they were built from. */
export const inputsFileName = ".build-inputs.json";

export interface InputOptions {
  manuscriptDir: string;
  /** Left out of the manuscript's files, should it lie inside the manuscript folder. */
  outDir: string;
  pressReady: boolean;
  embedFonts: boolean;
}

interface InputsRecord {
  fingerprint: string;
  /** Each output's name and size, so that a deleted or replaced output is noticed. */
  outputs: Array<{ name: string; bytes: number }>;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * One hash of what the outputs depend on besides the manuscript and options: the styles, templates
 * and code of the pipeline, the locked dependency versions; the fonts, Chromium, Ghostscript
 * (which writes the PDF/X files) and the poppler tools whose readings of the parts' pages are kept
 * (part-readings.ts), by size and date (hashing their tens of megabytes would cost more than the
 * check may take).
 */
export async function toolsFingerprint(chromium: string): Promise<string> {
  const hash = createHash("sha256");
  const files = [...(await Promise.all(["styles", "templates", "scripts"].map((folder) => filesUnder(path.join(projectRoot, folder))))).flat(), path.join(projectRoot, "package-lock.json")];
  await hashFiles(hash, files);
  for (const file of [...declaredFonts.map((font) => font.file), chromium, ...(await Promise.all(["gs", "pdftotext", "pdfimages"].map(onPath))).flat()]) {
    const facts = await stat(file).catch(() => undefined);
    hash.update(`\0${file}\0${facts?.size}\0${facts?.mtimeMs}`);
  }
  return hash.digest("hex");
}

/** Where the shell would find `command`: the first match on PATH, or none. */
async function onPath(command: string): Promise<string[]> {
  for (const folder of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, command);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return [candidate];
  }
  return [];
}

/** One hash of everything the outputs depend on: the manuscript folder, the options and the tools. */
export async function inputFingerprint(options: InputOptions, tools: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ manuscriptDir: options.manuscriptDir, pressReady: options.pressReady, embedFonts: options.embedFonts, tools }));
  await hashFiles(hash, (await filesUnder(options.manuscriptDir)).filter((file) => !isInside(options.outDir, file)));
  return hash.digest("hex");
}

async function hashFiles(hash: Hash, files: readonly string[]): Promise<void> {
  const contents = await Promise.all(files.map((file) => readFile(file).catch(() => Buffer.alloc(0))));
  files.forEach((file, index) => hash.update(`\0${file}\0`).update(contents[index]!));
}

export function inputsRecord(fingerprint: string, outputs: InputsRecord["outputs"]): string {
  return `${JSON.stringify({ fingerprint, outputs } satisfies InputsRecord, null, 2)}\n`;
}

/**
 * The outputs of the last build in `outDir`, when they were built from the same inputs and are all
 * still there as written; otherwise undefined and the book is built.
 */
export async function reusableOutputs(outDir: string, fingerprint: string): Promise<string[] | undefined> {
  const record = await readFile(path.join(outDir, inputsFileName), "utf8").then((text) => JSON.parse(text) as InputsRecord, () => undefined);
  if (record?.fingerprint !== fingerprint) return undefined;
  const outputs = record.outputs.map((output) => ({ ...output, path: path.join(outDir, output.name) }));
  const intact = await Promise.all(outputs.map((output) => stat(output.path).then((facts) => facts.size === output.bytes, () => false)));
  return intact.every(Boolean) ? outputs.map((output) => output.path) : undefined;
}
