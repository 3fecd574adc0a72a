import type { Definition, Image, ImageReference, LinkReference, Parent, PhrasingContent, Root, RootContent, Yaml } from "mdast";
import { isMap, isScalar, visit as visitYaml, type Node as YamlNode } from "yaml";
import { readYaml } from "../book/yaml.ts";
import { atom } from "./cjk-punctuation.ts";
import { markdownSyntax } from "./parse.ts";
import { indexDirectiveName } from "./remark-dialects.ts";

/** `[start, end)` offsets into the Markdown source. */
export interface SourceRange {
  start: number;
  end: number;
}

/**
 * One piece of a block in reading order. `text` is prose a reader reads on (a text node; `start`
 * and `end` are its place in the source). `atom` is there but is not prose (inline code, math, HTML,
 * an image, an address, a note mark); `aside` is prose outside the sentence (image alt texts,
 * reference labels, text between raw HTML tags, printed front matter), which the conversion
 * converts and the lint leaves alone.
 */
export type ProsePiece =
  | { type: "text"; value: string; start?: number; end?: number }
  | { type: "break" }
  | { type: "atom"; aside: SourceRange[] }
  | { type: "aside"; aside: SourceRange[] };

/** A paragraph, heading or table cell, or (`other`) a block with no sentences: raw HTML, a definition, the front matter. */
export interface ProseBlock {
  kind: "paragraph" | "heading" | "tableCell" | "other";
  pieces: ProsePiece[];
}

/** Front matter keys whose values are printed (the chapter's title, subtitle, author and affiliation); the rest are settings. */
const printedFrontMatterKeys = new Set(["title", "subtitle", "author", "affiliation"]);

/** Elements of raw HTML whose text is not prose. */
const nonProseElements = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "math", "svg"]);

/** Comments, CDATA, processing instructions, declarations and tags: everything in raw HTML that is not text between tags. */
const htmlMarkup = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

const parser = markdownSyntax();

/**
 * The one walk over a chapter's prose, parsed as the build parses chapters, so what counts as code,
 * math, HTML or an address is the same for the build, the lint and the Traditional conversion.
 * Not prose: code, math, URLs and autolinks, HTML tags and the text inside `<code>` and the like,
 * footnote labels and `{#id}`s (neither is inside a text node), front matter other than printed values.
 */
export function proseBlocks(markdown: string): ProseBlock[] {
  const tree = parser.runSync(parser.parse(markdown)) as Root;
  const blocks: ProseBlock[] = [];
  const html = { nonProseDepth: 0 };
  const other = (aside: SourceRange[]) => blocks.push({ kind: "other", pieces: [{ type: "aside", aside }] });

  const phrasing = (pieces: ProsePiece[], nodes: readonly PhrasingContent[]): void => {
    for (const node of nodes) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (node.type === "text") pieces.push(html.nonProseDepth === 0 ? { type: "text", value: node.value, start, end } : { type: "atom", aside: [] });
      else if (node.type === "break") pieces.push({ type: "break" });
      else if (node.type === "textDirective" && node.name === indexDirectiveName && start !== undefined && end !== undefined) {
        phrasing(pieces, node.children);
        // The attributes name terms (term="分区!范围分区", see, seealso), which a Traditional edition's index must find in its converted text.
        const attributes = markdown.indexOf("{", node.children.at(-1)?.position?.end.offset ?? start);
        if (attributes !== -1 && attributes < end) pieces.push({ type: "aside", aside: [{ start: attributes, end }] });
      }
      else if (node.type === "html") pieces.push({ type: "atom", aside: start === undefined ? [] : htmlTextRanges(node.value, start, html) });
      else if ((node.type === "image" || node.type === "imageReference") && start !== undefined && end !== undefined) pieces.push({ type: "atom", aside: altRanges(markdown, node, start, end) });
      else if (node.type === "link" && (start === undefined || markdown[start] !== "[")) pieces.push({ type: "atom", aside: [] }); // `<https://…>`, bare www.…: the text is the address
      else if ("children" in node) {
        phrasing(pieces, node.children as PhrasingContent[]);
        if (node.type === "linkReference" && end !== undefined) pieces.push({ type: "aside", aside: fullReferenceLabelRanges(markdown, node, end) });
      } else pieces.push({ type: "atom", aside: [] });
    }
  };

  const visitBlock = (node: Root | RootContent): void => {
    const start = node.position?.start.offset;
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
      const block: ProseBlock = { kind: node.type, pieces: [] };
      phrasing(block.pieces, node.children);
      blocks.push(block);
    } else if (node.type === "html" && start !== undefined) other(htmlTextRanges(node.value, start, html));
    else if (node.type === "yaml") other(frontMatterRanges(markdown, node));
    else if (node.type === "definition" && start !== undefined) other(labelRanges(markdown, node.label, start + 1));
    else if (node.type === "text" && start !== undefined && html.nonProseDepth === 0) other([{ start, end: node.position!.end.offset! }]); // a directive's label
    else if ("children" in node) for (const child of (node as Parent).children) visitBlock(child as RootContent);
    // code and math blocks are not prose and have no prose inside.
  };
  visitBlock(tree);
  return blocks;
}

/** Where the prose of a Markdown text stands in its source, sentences and asides alike, in order (the Traditional conversion). */
export function proseRanges(markdown: string): SourceRange[] {
  const ranges = proseBlocks(markdown).flatMap(({ pieces }) =>
    pieces.flatMap((piece) => (piece.type === "text" ? (piece.start === undefined || piece.end === undefined ? [] : [{ start: piece.start, end: piece.end }]) : piece.type === "break" ? [] : piece.aside)),
  );
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * The text between the tags of one raw HTML node. Inline HTML comes as one node a tag, so whether
 * the text is inside `<code>…</code>` is a state carried from node to node.
 */
function htmlTextRanges(value: string, offset: number, state: { nonProseDepth: number }): SourceRange[] {
  const ranges: SourceRange[] = [];
  let textStart = 0;
  for (const match of value.matchAll(htmlMarkup)) {
    if (state.nonProseDepth === 0 && match.index > textStart) ranges.push({ start: offset + textStart, end: offset + match.index });
    textStart = match.index + match[0].length;
    const element = match[1]?.toLowerCase();
    if (!element || !nonProseElements.has(element) || match[0].endsWith("/>")) continue;
    state.nonProseDepth = Math.max(0, state.nonProseDepth + (match[0].startsWith("</") ? -1 : 1));
  }
  if (state.nonProseDepth === 0 && value.length > textStart) ranges.push({ start: offset + textStart, end: offset + value.length });
  return ranges;
}

/** The alt text of `![alt](…)` or `![alt][label]`, and the label of a full reference. */
function altRanges(markdown: string, node: Image | ImageReference, start: number, end: number): SourceRange[] {
  const altEnd = closingBracket(markdown, start + 2, end);
  if (altEnd === undefined) return [];
  const alt = { start: start + 2, end: altEnd };
  return node.type === "imageReference" ? [alt, ...fullReferenceLabelRanges(markdown, node, end)] : [alt];
}

/** The `]` closing a bracket opened just before `from`, skipping nested pairs and escapes. */
function closingBracket(markdown: string, from: number, end: number): number | undefined {
  let depth = 0;
  for (let index = from; index < end; index++) {
    const character = markdown[index];
    if (character === "\\") index++;
    else if (character === "[") depth++;
    else if (character === "]" && depth-- === 0) return index;
  }
  return undefined;
}

/**
 * `[text][label]` ends with its label (converted on both sides alike, so `[文字][]` still finds
 * `[文字]: …`); collapsed `[text][]` and shortcut `[text]` references have none apart from the text.
 */
function fullReferenceLabelRanges(markdown: string, node: LinkReference | ImageReference, end: number): SourceRange[] {
  if (node.referenceType !== "full" || !node.label) return [];
  return labelRanges(markdown, node.label, end - 1 - node.label.length);
}

/** A label written at `start` as its source spells it (it is not, across a blockquote's line prefix, and then stays). */
function labelRanges(markdown: string, label: Definition["label"], start: number): SourceRange[] {
  if (!label || markdown.slice(start, start + label.length) !== label) return [];
  return [{ start, end: start + label.length }];
}

/** The scalars under the printed keys of the front matter; YAML that does not parse is left to the build to report. */
function frontMatterRanges(markdown: string, node: Yaml): SourceRange[] {
  const start = node.position!.start.offset!;
  const contentStart = markdown.indexOf("\n", start) + 1;
  const contentEnd = contentStart + node.value.length;
  if (contentStart === 0 || markdown.slice(contentStart, contentEnd) !== node.value) return [];
  const read = readYaml(node.value);
  if (!read.ok || !isMap(read.document.contents)) return [];
  const ranges: SourceRange[] = [];
  for (const pair of read.document.contents.items) {
    if (!isScalar(pair.key) || !printedFrontMatterKeys.has(String(pair.key.value))) continue;
    visitYaml(pair.value as YamlNode, {
      Scalar(_, scalar) {
        if (typeof scalar.value === "string" && scalar.range) ranges.push({ start: contentStart + scalar.range[0], end: contentStart + scalar.range[1] });
      },
    });
  }
  return ranges;
}

/**
 * The prose of one block (paragraph, heading or table cell) as a reader sees it: emphasis and link
 * syntax gone, everything that is not prose one `atom`. `offsets[i]` is where `text[i]` stands in
 * the Markdown source, or undefined where the source spells it otherwise (`\,`, `&amp;`, an atom),
 * which makes it readable for the lint's rules but not editable.
 */
export interface ProseRun {
  text: string;
  offsets: (number | undefined)[];
  kind: "paragraph" | "heading" | "tableCell";
}

/** The sentences of a Markdown text, block by block (the lint). */
export function proseRuns(markdown: string): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const { kind, pieces } of proseBlocks(markdown)) {
    if (kind === "other") continue;
    const run: ProseRun = { text: "", offsets: [], kind };
    for (const piece of pieces) {
      if (piece.type === "text") appendAligned(run, piece.value, markdown, piece.start, piece.end);
      else if (piece.type === "break") appendUnplaced(run, "\n");
      else if (piece.type === "atom") appendUnplaced(run, atom);
    }
    runs.push(run);
  }
  return runs;
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
