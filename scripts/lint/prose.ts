import type { Nodes, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { markdownSyntax } from "../markdown/parse.ts";

/** Stands for inline code, math, HTML, images, autolinks and note marks: text that is there but is not prose. */
export const atom = "\uFFFC";

/**
 * The prose of one block (paragraph, heading or table cell) as a reader sees it: emphasis and link
 * syntax gone, everything that is not prose one `atom`. `offsets[i]` is where `text[i]` stands in
 * the Markdown source, or undefined where the source spells it otherwise (`\,`, `&amp;`, an atom),
 * which makes it readable for the rules but not editable.
 */
export interface ProseRun {
  text: string;
  offsets: (number | undefined)[];
  kind: "paragraph" | "heading" | "tableCell";
}

const parser = markdownSyntax();

/** Parsed as the build parses chapters, so what counts as code, math or HTML is the same for both. */
export function proseRuns(markdown: string): ProseRun[] {
  const tree = parser.runSync(parser.parse(markdown)) as Root;
  const runs: ProseRun[] = [];
  const visitBlock = (node: Root | RootContent) => {
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
      const run: ProseRun = { text: "", offsets: [], kind: node.type };
      appendPhrasing(run, node.children, markdown);
      runs.push(run);
    } else if ("children" in node) {
      for (const child of (node as Parent).children) visitBlock(child as RootContent);
    }
    // code, html, math, yaml and definitions are not prose and have no prose inside.
  };
  visitBlock(tree);
  return runs;
}

function appendPhrasing(run: ProseRun, nodes: readonly PhrasingContent[], source: string): void {
  for (const node of nodes) {
    if (node.type === "text") appendAligned(run, node.value, source, node.position?.start.offset, node.position?.end.offset);
    else if (node.type === "break") appendUnplaced(run, "\n");
    else if (node.type === "link" && !isWrittenLink(node, source)) appendUnplaced(run, atom);
    else if ("children" in node) appendPhrasing(run, (node as Parent).children as PhrasingContent[], source);
    else appendUnplaced(run, atom);
  }
}

/** `[text](url)` has prose inside; `<https://…>` and a bare `www.…` are addresses, which are left alone. */
function isWrittenLink(node: Nodes, source: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && source[start] === "[";
}

function appendUnplaced(run: ProseRun, text: string): void {
  run.text += text;
  for (let index = 0; index < text.length; index++) run.offsets.push(undefined);
}

/**
 * A text node's value differs from its source where Markdown stripped something: container prefixes
 * and indentation after a line break (`> `, list indents), backslash escapes and character
 * references. Walking both side by side places every character that is written as itself.
 */
function appendAligned(run: ProseRun, value: string, source: string, start: number | undefined, end: number | undefined): void {
  if (start === undefined || end === undefined) return appendUnplaced(run, value);
  let cursor = start;
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (index > 0 && value[index - 1] === "\n") cursor = skipLinePrefix(source, cursor, character, end);
    if (source[cursor] === character) {
      run.offsets.push(cursor);
      cursor++;
    } else if (source[cursor] === "\\" && source[cursor + 1] === character) {
      run.offsets.push(undefined);
      cursor += 2;
    } else if (source[cursor] === "&") {
      run.offsets.push(undefined);
      const semicolon = source.indexOf(";", cursor);
      cursor = semicolon === -1 || semicolon >= end ? end : semicolon + 1;
    } else {
      run.offsets.push(undefined);
    }
    run.text += character;
  }
}

function skipLinePrefix(source: string, cursor: number, expected: string, end: number): number {
  let position = cursor;
  while (position < end && source[position] !== expected && /[ \t>]/.test(source[position]!)) position++;
  return position;
}
