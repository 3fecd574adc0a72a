import { readFileSync, realpathSync } from "node:fs";
import { location } from "vfile-location";
import type { VFile } from "vfile";
import { isInside, manuscriptPath } from "../book/paths.ts";
import { error } from "../diagnostics.ts";
import type { LinkFolders } from "./cross-references.ts";
import { withoutHiddenRustLines } from "./rust-hidden-lines.ts";
import type { SourceEdit } from "./source-edits.ts";

/** mdBook's `{{#include …}}`, `{{#rustdoc_include …}}` and `{{#playground …}}`; a backslash before it keeps it as written. */
const includeLink = /(\\?)\{\{#(include|rustdoc_include|playground)[ \t]+([^}\n]*?)[ \t]*\}\}/g;

/** Whether a chapter's text names another file to include: its tree then depends on more than its own text. */
export const includesFiles = (source: string) => new RegExp(includeLink.source).test(source);
const anchorStart = /ANCHOR:\s*([\w-]+)/;
const anchorEnd = /ANCHOR_END:\s*([\w-]+)/;
/** mdBook expands includes in included Markdown, this many levels deep. */
const maxDepth = 10;

/**
 * The edits that put each included file's lines where its `{{#…}}` stands, as mdBook does before it
 * reads the Markdown; inside a fenced code block that is the block's code. A missing file, anchor or
 * line is an error at the `{{#…}}`. Paths are relative to the chapter and stay in the manuscript.
 * Without `folders` (the lint, the conversion: a chapter's own text) each `{{#…}}` is left out.
 */
export function includeEdits(source: string, file: VFile, folders: LinkFolders | undefined): SourceEdit[] {
  const where = location(source);
  const edits: SourceEdit[] = [];
  for (const match of source.matchAll(includeLink)) {
    const start = match.index;
    if (match[1]) {
      edits.push({ start, end: start + 1, text: "" });
      continue;
    }
    const report = (reason: string) => error(file, reason, where.toPoint(start), "include");
    const text = folders && includedText(match[2]!, match[3]!, file.path, folders, report, 1);
    if (text === undefined) {
      edits.push({ start, end: start + match[0].length, text: "" });
      continue;
    }
    const lineStart = source.lastIndexOf("\n", start - 1) + 1;
    const prefix = /^[ \t>]*$/.test(source.slice(lineStart, start)) ? source.slice(lineStart, start) : "";
    edits.push({ start, end: start + match[0].length, text: text.replaceAll("\n", `\n${prefix}`) });
  }
  return edits;
}

function includedText(kind: string, argument: string, from: string, folders: LinkFolders, report: (reason: string) => void, depth: number): string | undefined {
  const [written = "", ...playgroundAttributes] = kind === "playground" ? argument.split(/\s+/) : [argument];
  const [filePath = "", ...selector] = written.split(":");
  const absolute = manuscriptPath(filePath, from, folders.assetsDir);
  const real = (() => {
    try {
      return realpathSync(absolute);
    } catch {
      return undefined;
    }
  })();
  if (!real) return void report(`Unexpected missing file \`${filePath}\` in {{#${kind}}}, expected a file at \`${absolute}\` (paths are relative to the chapter)`);
  if (!isInside(folders.manuscriptDir, real)) return void report(`Unexpected file \`${filePath}\` outside the manuscript folder in {{#${kind}}}, expected a file inside it (copy it in)`);
  let content = readFileSync(real, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (/\.md$/i.test(real)) {
    if (depth >= maxDepth) return void report(`Unexpected {{#${kind}}} nested more than ${maxDepth} files deep, expected includes that end`);
    content = content.replace(includeLink, (whole, escape: string, innerKind: string, innerArgument: string) =>
      escape ? whole.slice(1) : (includedText(innerKind, innerArgument, real, folders, report, depth + 1) ?? ""),
    );
  }
  const lines = selectedLines(content.replace(/\n$/, "").split("\n"), selector, filePath, report);
  if (lines === undefined) return undefined;
  const text = lines.join("\n");
  if (kind === "include") return text;
  const code = withoutHiddenRustLines(text);
  if (kind === "rustdoc_include") return code;
  // mdBook prints a playground as a Rust code block of its own.
  const fence = "`".repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((run) => run[0].length + 1)));
  return `${fence}rust${playgroundAttributes.length ? "," + playgroundAttributes.join(",") : ""}\n${code}\n${fence}`;
}

/** The lines `path:10:20`, `path:10:`, `path::20`, `path:10` or `path:anchor` name; anchor marker lines are never printed. */
function selectedLines(lines: string[], selector: string[], filePath: string, report: (reason: string) => void): string[] | undefined {
  const isMarker = (line: string) => anchorStart.test(line) || anchorEnd.test(line);
  const [first, second] = selector;
  if (first && !/^\d+$/.test(first)) {
    const begin = lines.findIndex((line) => anchorStart.exec(line)?.[1] === first);
    if (begin === -1) return void report(`Unexpected anchor \`${first}\` not in \`${filePath}\`, expected a line with \`ANCHOR: ${first}\` in that file`);
    const end = lines.findIndex((line, index) => index > begin && anchorEnd.exec(line)?.[1] === first);
    return lines.slice(begin + 1, end === -1 ? undefined : end).filter((line) => !isMarker(line));
  }
  const from = first ? Number(first) : 1;
  const to = second === undefined ? (first ? from : lines.length) : second ? Number(second) : lines.length;
  if (from < 1 || from > lines.length || to < from) {
    return void report(`Unexpected lines ${selector.join(":")} of \`${filePath}\`, expected lines within its ${lines.length} (\`path:10:20\`, \`path:10:\`, \`path::20\` or \`path:10\`)`);
  }
  return lines.slice(from - 1, to).filter((line) => !isMarker(line));
}

