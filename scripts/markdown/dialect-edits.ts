import type { Nodes, Root } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";
import type { SourceEdit } from "./source-edits.ts";

/** Whether a source has anything `dialectEdits` rewrites; most chapters have not, and are parsed once. */
export const mayHaveDialect = (source: string) => /\{\{[<%]|\{%|^[ \t>]*:::|^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[A-Za-z]|^[ \t]*===[!+]?[ \t]+"|\$?withBase\(|\)\{[#.\w-]|^[ \t>]*\$\$.*\{#|^[ \t>]*(?:#{1,6}|:)[ \t].*\{[#.-][^}\n]*\}[ \t]*$/m.test(source);

/**
 * Pandoc's attributes (Quarto, R Markdown): `{#fig-a width="60%"}`, `{.email}`, `{#sec-a .unnumbered}`,
 * `{-}`, as the braces hold them: an id, classes, `key=value` pairs.
 */
export const pandocAttributes = /^\{(?:[ \t]*(?:#[^\s{}]+|\.[^\s{}]+|-|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}"']+)))+[ \t]*\}/;
/** A closing `$$` of display math with attributes after it (`$$ {#eq-a}`), which remark-math reads as no closing at all. */
export const mathClosingWithAttributes = /^([ \t>]*\$\$)([ \t]*\{#[^}\n]*\})[ \t]*$/m;
/** An ATX heading or Pandoc's table caption (`: 表题`) that ends in attributes. */
const lineEndingInAttributes = /^([ \t>]*(?:#{1,6}|:)[ \t].*?)([ \t]*)(\{[^{}\n]*\})[ \t]*$/gm;
/** VuePress' and VitePress' `:src="$withBase('/a.png')"` (a Vue binding to a path under the site's base) in raw HTML. */
const vueWithBase = /(\s):(src|href)=(["'])\s*\$?withBase\(\s*(['"`])([^'"`]*)\4\s*\)\s*\3/g;
/** Pandoc's fenced div with attributes only, `::: {#fig-a layout-ncol="3"}`, `::: {.callout-tip}`. */
const attributeDivFence = /^((?:[ \t]*>)*[ \t]{0,3}:{3,})([ \t]*)(\{[^{}\n]*\})[ \t]*$/gm;

/** Hugo's `{{< name … >}}` and `{{% name … %}}`, GitBook's `{% name … %}`. */
const shortcode = /\{\{([<%])([\s\S]*?)[>%]\}\}|\{%-?([\s\S]*?)-?%\}/g;
/** `::: tip 标题` (VitePress), `:::tip`, `:::note[标题]` (Docusaurus): a container's opening line. */
const containerFence = /^((?:[ \t]*>)*[ \t]{0,3})(:{3,})([ \t]*)([A-Za-z][\w-]*)([^\n]*)$/gm;
/**
 * The opening line of a block whose lines are indented under it: Python-Markdown's (MkDocs')
 * admonition `!!! note "标题"`, pymdownx's collapsible `??? note`, `???+ note`, and pymdownx's content
 * tab `=== "Python"` (`===!` starts a new set, `===+` is the one shown), whose label is required:
 * without one, `===` under a line of text underlines a heading.
 */
const indentedBlock = /^([ \t]*)(?:(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"\n]*)")?|(===[!+]?)[ \t]+"([^"\n]*)")[ \t]*$/gm;
/** The container a content tab becomes; remark-admonitions prints its label over its contents. */
export const contentTabName = "tab";

/** `name="value"`, `name='value'`, `name=value`, `"value"` or `value`, with where the value stands. */
const argument = /(?:([\w-]+)=)?(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))/g;

interface Argument {
  name?: string;
  value: string;
  start: number;
  end: number;
}

interface Shortcode {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  args: Argument[];
  written: string;
}

/**
 * Shortcodes that hold Markdown and print as a note or a details box: hugo-book's `hint`, and the
 * `callout` of Hugo Blox (Wowchemy) and its kin, `{{< callout note "标题" >}}`: kind, then title.
 */
const pairedShortcodes = new Set(["hint", "callout", "details"]);
const knownShortcodes = new Set([...pairedShortcodes, "figure", "ref", "relref"]);

/**
 * Rewrites what static site generators read before Markdown into the Markdown of this book, with
 * remark-directive's containers: `::: tip 标题` → `:::tip[标题]`; Hugo's and GitBook's `hint` and
 * `details` → `:::info` … `:::` (the outer of nested ones with more colons); `figure` →
 * `::figure[caption]{src="…"}`; `ref`/`relref` → the path they name, so `[见此](…)` is a link to a
 * chapter; VuePress' `<img :src="$withBase('/a.png')">` → `<img src="/a.png">` (from `assets:`, the
 * site's public folder). Titles, captions and paths keep their place in the source (see
 * source-edits.ts); any other shortcode is a warning and prints nothing. Code, math and front matter
 * are left as written.
 */
export function dialectEdits(source: string, tree: Root, file: VFile, placeOf: (offset: number) => Point): SourceEdit[] {
  const literal = literalRanges(tree);
  const isLiteral = (offset: number) => literal.some(([start, end]) => offset >= start && offset < end);
  const edits: SourceEdit[] = [];
  for (const match of source.matchAll(containerFence)) {
    const [, prefix, colons, space, name, rest] = match as unknown as string[];
    const nameStart = match.index + prefix!.length + colons!.length + space!.length;
    if (isLiteral(match.index + prefix!.length)) continue;
    if (space) edits.push({ start: nameStart - space.length, end: nameStart, text: "" });
    const titleStart = nameStart + name!.length + (rest!.length - rest!.trimStart().length);
    const title = rest!.trim();
    if (title && !/^[[{]/.test(title)) {
      edits.push({ start: nameStart + name!.length, end: titleStart, text: "[" });
      edits.push({ start: titleStart + title.length, end: titleStart + title.length, text: "]" });
    }
  }
  edits.push(...admonitionEdits(source, isLiteral));
  edits.push(...pandocAttributeEdits(source, tree));
  for (const match of source.matchAll(vueWithBase)) {
    if (isLiteral(match.index)) continue;
    const [whole, space, attribute, , , value] = match as unknown as string[];
    edits.push({ start: match.index + space!.length, end: match.index + whole!.length, text: `${attribute}="${value!.replaceAll('"', "&quot;")}"` });
  }
  const shortcodes = [...source.matchAll(shortcode)].filter((match) => !isLiteral(match.index)).map(readShortcode);
  const colonsFor = nestingColons(shortcodes, file, placeOf);
  for (const code of shortcodes) edits.push(...shortcodeEdits(code, source, colonsFor.get(code), file, placeOf));
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * MkDocs' admonitions and content tabs: `!!! tip "标题"` and the lines indented under it (four spaces
 * or a tab; blank lines between) are the container `:::tip[标题]` … `:::` with those lines
 * unindented, which remark-admonitions boxes; `???`/`???+` (collapsible) are `:::details`, and
 * `=== "Python"` is `:::tab[Python]`. Unconverted, the line printed as “!!! tip” and the note as a
 * code block (a tab's code with its fences). The title keeps its place in the source. One inside
 * another's lines is left as written.
 */
function admonitionEdits(source: string, isLiteral: (offset: number) => boolean): SourceEdit[] {
  const edits: SourceEdit[] = [];
  let bodyEnd = -1;
  for (const match of source.matchAll(indentedBlock)) {
    const [line, indent, admonitionMarker, name, admonitionTitle, tabMarker, tabLabel] = match as unknown as [string, string, ...Array<string | undefined>];
    const marker = (admonitionMarker ?? tabMarker)!;
    const title = admonitionMarker ? admonitionTitle : tabLabel;
    const markerStart = match.index + indent.length;
    if (match.index < bodyEnd || isLiteral(markerStart)) continue;
    const lineEnd = match.index + line.length;
    const kind = tabMarker ? contentTabName : marker === "!!!" ? name! : "details";
    if (title === undefined) edits.push({ start: markerStart, end: lineEnd, text: `:::${kind}` });
    else {
      const titleStart = source.indexOf(`"${title}"`, markerStart + marker.length + (name?.length ?? 0)) + 1;
      edits.push({ start: markerStart, end: titleStart, text: `:::${kind}[` }, { start: titleStart + title.length, end: lineEnd, text: "]" });
    }
    // The lines indented under it, up to the last that is not blank.
    let cursor = lineEnd;
    let lastEnd = lineEnd;
    const unindents: SourceEdit[] = [];
    while (cursor < source.length) {
      const start = cursor + 1;
      const next = source.indexOf("\n", start);
      const end = next === -1 ? source.length : next;
      const text = source.slice(start, end);
      if (text.trim() === "") {
        cursor = end;
        continue;
      }
      if (!text.startsWith(indent)) break;
      const unit = text.startsWith("\t", indent.length) ? 1 : text.startsWith("    ", indent.length) ? 4 : 0;
      if (unit === 0) break;
      unindents.push({ start: start + indent.length, end: start + indent.length + unit, text: "" });
      cursor = end;
      lastEnd = end;
    }
    edits.push(...unindents, { start: lastEnd, end: lastEnd, text: `\n\n${indent}:::` });
    bodyEnd = lastEnd;
  }
  return edits;
}

/**
 * Pandoc's attributes, which Quarto and R Markdown books write and a book prints nothing of: after
 * an image or a link, at the end of a table caption (after a display formula's closing `$$`:
 * mathClosingEdits, first). A figure (an image alone in its paragraph) keeps its attributes, whose
 * id and width rehype-captions.ts reads; a heading and a table caption keep only their `{#id}`
 * (`{#sec-a .unnumbered}` → `{#sec-a}`, `{-}` → nothing); `::: {…}` becomes the container `:::div{…}`,
 * whose contents remark-admonitions keeps in place (or boxes, for `.callout-*`).
 */
/** Whether an image with `attributes` after it is all its paragraph holds: a figure. */
function standsAlone(image: Nodes, parent: Nodes | undefined, attributes: string): boolean {
  if (parent?.type !== "paragraph") return false;
  const written = parent.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  if (written[0] !== image) return false;
  const rest = written.slice(1).map((child) => (child.type === "text" ? child.value : child.type === ("idString" as string) ? `{#${(child as { value?: string }).value}}` : "\u0000")).join("").trim();
  return rest === attributes.trim();
}

function pandocAttributeEdits(source: string, tree: Root): SourceEdit[] {
  const code = literalRanges(tree, ["code", "inlineCode", "yaml"]);
  const isCode = (offset: number) => code.some(([start, end]) => offset >= start && offset < end);
  const edits: SourceEdit[] = [];
  const stack: Array<{ node: Nodes; parent?: Nodes }> = [{ node: tree }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if ((node.type === "image" || node.type === "link") && node.position?.end.offset !== undefined) {
      const end = node.position.end.offset;
      const attributes = source[end - 1] === ")" ? pandocAttributes.exec(source.slice(end)) : null;
      if (attributes && !(node.type === "image" && standsAlone(node, parent, attributes[0]))) edits.push({ start: end, end: end + attributes[0].length, text: "" });
    }
    if ("children" in node) for (const child of node.children) stack.push({ node: child, parent: node });
  }
  for (const match of source.matchAll(lineEndingInAttributes)) {
    const [, before, space, braces] = match as unknown as string[];
    if (isCode(match.index) || !pandocAttributes.test(braces!)) continue;
    const start = match.index + before!.length;
    const id = /(?:^|[\s{])(#[^\s{}]+)/.exec(braces!)?.[1];
    if (id && braces === `{${id}}`) continue;
    edits.push({ start, end: start + space!.length + braces!.length, text: id ? `${space}{${id}}` : "" });
  }
  for (const match of source.matchAll(attributeDivFence)) {
    const [, fence, space, braces] = match as unknown as string[];
    if (isCode(match.index) || !pandocAttributes.test(braces!)) continue;
    const start = match.index + fence!.length;
    edits.push({ start, end: start + space!.length, text: "div" });
  }
  return edits;
}

/** The attributes after a formula's closing `$$` (`$$ {#eq-a}`) removed, outside code; before the other rewrites, which need the formula closed. */
export function mathClosingEdits(source: string, tree: Root): SourceEdit[] {
  const code = literalRanges(tree, ["code", "inlineCode", "yaml"]);
  const edits: SourceEdit[] = [];
  for (const match of source.matchAll(new RegExp(mathClosingWithAttributes.source, "gm"))) {
    if (code.some(([start, end]) => match.index >= start && match.index < end)) continue;
    const start = match.index + match[1]!.length;
    edits.push({ start, end: start + match[2]!.length, text: "" });
  }
  return edits;
}

/** Where the source is not Markdown text: code, math, front matter. */
function literalRanges(tree: Root, types = ["code", "inlineCode", "math", "inlineMath", "yaml"]): [number, number][] {
  const ranges: [number, number][] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (types.includes(node.type)) {
      ranges.push([node.position?.start.offset ?? 0, node.position?.end.offset ?? 0]);
    } else if ("children" in node) for (const child of node.children) stack.push(child);
  }
  return ranges;
}

function readShortcode(match: RegExpMatchArray): Shortcode {
  const start = match.index!;
  const inner = match[2] ?? match[3]!;
  const innerStart = start + (match[1] ? 3 : 2 + (match[0][2] === "-" ? 1 : 0));
  const head = /^\s*(\/\*)?\s*(\/|end(?=\w))?\s*([\w.-]+)/.exec(inner);
  const args = [...inner.slice(head?.[0].length ?? 0).matchAll(argument)].map((found) => {
    const value = found[2] ?? found[3] ?? found[4] ?? found[5]!;
    const valueStart = innerStart + (head?.[0].length ?? 0) + found.index! + found[0].length - value.length - (found[5] === undefined ? 1 : 0);
    return { name: found[1], value, start: valueStart, end: valueStart + value.length };
  });
  const commented = Boolean(head?.[1]);
  return { start, end: start + match[0].length, name: commented ? "" : (head?.[3] ?? ""), closing: Boolean(head?.[2]), args, written: match[0] };
}

/**
 * A container closes at the first fence with at least its colons, so of nested `hint`/`details`
 * the outer needs more colons than the inner. Unmatched ones are warned of and print nothing.
 */
function nestingColons(shortcodes: readonly Shortcode[], file: VFile, placeOf: (offset: number) => Point): Map<Shortcode, number> {
  const colons = new Map<Shortcode, number>();
  const open: { code: Shortcode; height: number }[] = [];
  for (const code of shortcodes.filter((code) => pairedShortcodes.has(code.name))) {
    if (!code.closing) {
      open.push({ code, height: 0 });
      continue;
    }
    const opener = open.at(-1);
    if (opener?.code.name !== code.name) {
      warn(file, `Unexpected \`${code.written}\` without its opening, expected \`{{< ${code.name} … >}}\` before it: it is printed as nothing`, placeOf(code.start), "shortcode");
      continue;
    }
    open.pop();
    colons.set(opener.code, 3 + opener.height).set(code, 3 + opener.height);
    const outer = open.at(-1);
    if (outer) outer.height = Math.max(outer.height, opener.height + 1);
  }
  for (const { code } of open) warn(file, `Unexpected \`${code.written}\` that is never closed, expected \`{{< /${code.name} >}}\` after its text: it is printed as nothing`, placeOf(code.start), "shortcode");
  return colons;
}

function shortcodeEdits(code: Shortcode, source: string, colons: number | undefined, file: VFile, placeOf: (offset: number) => Point): SourceEdit[] {
  const named = (name: string) => code.args.find((arg) => arg.name === name);
  const positional = code.args.filter((arg) => !arg.name);
  const replace = (text: string): SourceEdit[] => [{ start: code.start, end: code.end, text }];
  /** The shortcode as `before` + an argument's value kept in place + `after`. */
  const around = (before: string, kept: Argument | undefined, after: string): SourceEdit[] =>
    kept ? [{ start: code.start, end: kept.start, text: before }, { start: kept.end, end: code.end, text: after }] : replace(before + after);
  const onOwnLine = (edits: SourceEdit[]): SourceEdit[] => {
    const lineStart = source.lastIndexOf("\n", code.start - 1) + 1;
    const lineEnd = source.indexOf("\n", code.end) === -1 ? source.length : source.indexOf("\n", code.end);
    const prefix = /^[ \t>]*/.exec(source.slice(lineStart))![0];
    const before = /^[ \t>]*$/.test(source.slice(lineStart, code.start)) ? "" : `\n${prefix}`;
    const after = source.slice(code.end, lineEnd).trim() ? `\n${prefix}` : "";
    edits[0]!.text = before + edits[0]!.text;
    edits.at(-1)!.text += after;
    return edits;
  };
  if (!code.name) return replace(code.written.replace(/\/\*\s*/, " ").replace(/\s*\*\//, " ")); // `{{</* x */>}}` is Hugo's way to write a shortcode as text
  if (!knownShortcodes.has(code.name)) {
    if (!code.closing) warn(file, `Unexpected shortcode \`${code.written}\`, expected one the book prints (figure, hint, callout, details, ref, relref): it is printed as nothing`, placeOf(code.start), "shortcode");
    return replace("");
  }
  if (pairedShortcodes.has(code.name)) {
    if (colons === undefined) return replace("");
    const fence = ":".repeat(colons);
    if (code.closing) return onOwnLine(replace(fence));
    if (code.name === "details") return onOwnLine(around(`${fence}details[`, named("title") ?? positional[0], "]"));
    const kind = (named("style") ?? named("type") ?? positional[0])?.value.replace(/[^\w-]/g, "") || "note";
    const title = named("title") ?? (code.name === "callout" ? positional[1] : undefined);
    return onOwnLine(title ? around(`${fence}${kind}[`, title, "]") : replace(`${fence}${kind}`));
  }
  if (code.name === "figure") {
    const src = named("src")?.value ?? "";
    const caption = named("caption") ?? named("title") ?? named("alt");
    const attribute = `{src="${src.replaceAll('"', "&quot;")}"}`;
    const alone = /^[ \t>]*$/.test(source.slice(source.lastIndexOf("\n", code.start - 1) + 1, code.start));
    return alone ? around("::figure" + (caption ? "[" : ""), caption, (caption ? "]" : "") + attribute) : around("![", caption, `](<${src}>)`);
  }
  return around("", named("path") ?? positional[0], ""); // ref, relref
}
