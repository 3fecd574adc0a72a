import type { Definition, Image, ImageReference, LinkReference, Nodes, Root, Yaml } from "mdast";
import { isMap, isScalar, visit as visitYaml, type Node as YamlNode } from "yaml";
import { readYaml } from "../book/yaml.ts";
import { markdownSyntax } from "../markdown/parse.ts";

/** `[start, end)` offsets into the Markdown source. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Front matter keys whose values are printed (the chapter's title, subtitle, author and affiliation); the rest are settings. */
const printedFrontMatterKeys = new Set(["title", "subtitle", "author", "affiliation"]);

/** Elements of raw HTML whose text is not prose. */
const nonProseElements = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "math", "svg"]);

/** Comments, CDATA, processing instructions, declarations and tags: everything in raw HTML that is not text between tags. */
const htmlMarkup = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

const parser = markdownSyntax();

/**
 * Where the prose of a chapter stands in its source, parsed as the build parses it: text (of
 * paragraphs, headings, cells, link texts, notes), image alt texts, link reference labels (converted
 * on both sides alike, so `[文字][]` still finds `[文字]: …`), the text between raw HTML tags and the
 * printed front matter values. Not prose: code, math, URLs and autolinks, HTML tags, footnote
 * labels and `{#id}`s (neither is inside a text node), other front matter.
 */
export function proseRanges(markdown: string): SourceRange[] {
  const tree = parser.parse(markdown) as Root;
  const ranges: SourceRange[] = [];
  const html = { nonProseDepth: 0 };
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case "text":
        if (html.nonProseDepth === 0) ranges.push({ start, end });
        return;
      case "html":
        ranges.push(...htmlTextRanges(node.value, start, html));
        return;
      case "yaml":
        ranges.push(...frontMatterRanges(markdown, node));
        return;
      case "link":
        if (markdown[start] !== "[") return; // `<https://…>` and bare www.…: the text is the address
        break;
      case "image":
      case "imageReference":
        ranges.push(...altRanges(markdown, node, start, end));
        return;
      case "definition":
        ranges.push(...labelRanges(markdown, node.label, start + 1));
        return;
      case "code":
      case "inlineCode":
      case "math":
      case "inlineMath":
        return;
    }
    if ("children" in node) for (const child of node.children) visit(child);
    if (node.type === "linkReference") ranges.push(...fullReferenceLabelRanges(markdown, node, end));
  };
  visit(tree);
  return ranges.sort((a, b) => a.start - b.start);
}

/** `convert` applied to the prose of a Markdown text (see `proseRanges`); everything else stays as written. */
export function convertMarkdown(markdown: string, convert: (text: string) => string): string {
  let converted = "";
  let cursor = 0;
  for (const { start, end } of proseRanges(markdown)) {
    converted += markdown.slice(cursor, start) + convert(markdown.slice(start, end));
    cursor = end;
  }
  return converted + markdown.slice(cursor);
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

/** `[text][label]` ends with its label; collapsed `[text][]` and shortcut `[text]` references have none apart from the text. */
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
