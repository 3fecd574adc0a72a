import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { projectRoot } from "../helpers.ts";

/**
 * The pipeline's folders (and top-level files) in the order the work flows: each may import from
 * the groups before it, never from a later one or a sibling in its own group. Type-only imports
 * count too: they are the same dependency for a reader of the code.
 */
const layers: string[][] = [
  ["diagnostics", "outputs", "command"],
  ["book"],
  ["init", "fonts"],
  ["markdown"],
  ["convert"],
  ["lint", "render"],
  ["cover"],
  ["typeset"],
  ["epub"],
  ["verify"],
  ["report"],
  ["prepare", "watch"],
  ["output"],
  ["preview", "build"],
  ["cli"],
];

const scriptsDir = path.join(projectRoot, "scripts");
/** `scripts/book/load.ts` → `book`; `scripts/build.ts` → `build`. */
const unitOf = (file: string) => path.relative(scriptsDir, file).split(path.sep)[0]!.replace(/\.(ts|js)$/, "");
const layerOf = (unit: string) => layers.findIndex((layer) => layer.includes(unit));

test("every folder of scripts/ is in the import order", async () => {
  const units = new Set((await readdir(scriptsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory() || /\.ts$/.test(entry.name)).map((entry) => entry.name.replace(/\.ts$/, "")));
  assert.deepEqual([...units].filter((unit) => layerOf(unit) === -1), []);
});

/** Each import of `files` (path → text) that goes to a later or sibling group. */
function upwardImports(files: ReadonlyMap<string, string>): string[] {
  const upward: string[] = [];
  for (const [file, text] of files) {
    for (const [, specifier] of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = path.resolve(path.dirname(file), specifier!);
      const [from, to] = [unitOf(file), unitOf(target)];
      if (from !== to && layerOf(to) >= layerOf(from)) upward.push(`${path.relative(scriptsDir, file)} imports ${path.relative(scriptsDir, target)} (${from} → ${to})`);
    }
  }
  return upward;
}

test("imports run one way: book → markdown → render → typeset/epub → verify → report → output → build → cli", async () => {
  const files = (await readdir(scriptsDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
  assert.deepEqual(upwardImports(new Map(await Promise.all(files.map(async (file) => [file, await readFile(file, "utf8")] as const)))), []);
});

test("the check finds an upward, a sibling and a dynamic import, and lets a downward one pass", () => {
  const file = (name: string) => path.join(scriptsDir, name);
  const found = upwardImports(
    new Map([
      [file("markdown/parse.ts"), 'import { bookWording } from "../render/wording.ts";\nimport type { BookConfig } from "../book/schema.ts";'],
      [file("lint/cli.ts"), 'const { x } = await import("../render/assets.ts");'],
    ]),
  );
  assert.deepEqual(found, ["markdown/parse.ts imports render/wording.ts (markdown → render)", "lint/cli.ts imports render/assets.ts (lint → render)"]);
});
