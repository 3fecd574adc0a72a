import type { Blockquote, Image, Nodes, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";
import { contentTabName } from "./dialect-edits.ts";

/** The label printed on a note box of each kind (GitHub's alerts, VitePress's containers …), before the book's wording. */
export const noteLabels = { note: "注意", tip: "提示", important: "重要", warning: "警告", caution: "小心", details: "详情" } as const;
export type NoteKind = keyof typeof noteLabels;

/** Every kind GitHub, Obsidian, VitePress, Docusaurus, Quarto's callouts, Hugo's hint and GitBook's hint write, as the five the book prints. */
const kinds: Record<string, NoteKind> = {
  ...Object.fromEntries(["note", "info", "abstract", "summary", "tldr", "todo", "success", "check", "done", "question", "help", "faq", "example", "quote", "cite"].map((name) => [name, "note"])),
  tip: "tip",
  hint: "tip",
  important: "important",
  ...Object.fromEntries(["warning", "attention", "failure", "fail", "missing", "bug"].map((name) => [name, "warning"])),
  ...Object.fromEntries(["caution", "danger", "error"].map((name) => [name, "caution"])),
  details: "details",
};

type ContainerDirective = Extract<Nodes, { type: "containerDirective" }>;
type LeafDirective = Extract<Nodes, { type: "leafDirective" }>;

/** GitHub's `[!NOTE]` and Obsidian's `[!tip]- 标题` (the `-`/`+` of a foldable callout means nothing on paper). */
const alertMarker = /^\[!([A-Za-z-]+)\][-+]?[ \t]*/;

/** The classes of a note box; rehype-sanitize lets them through (parse.ts). */
export const noteClasses = ["note-box", ...Object.keys(noteLabels).map((kind) => `note-box-${kind}`)];
export const noteTitleClass = "note-box-title";
/** The class of a code block's tab label in a VitePress code group; rehype-sanitize lets it through (parse.ts). */
export const codeTitleClass = "code-title";

/** VitePress's tab label after a fence's language: ```` ```sh [npm] ````. */
const tabLabel = /^\[([^\]]+)\]\s*/;

/**
 * VitePress's `::: code-group` shows its code blocks as tabs, each named by the `[label]` after its
 * language. On paper every tab is printed, one after another, each under its label: the labels
 * (npm, pnpm, yarn …) are what tells the blocks apart. Not a note box.
 */
function codeGroup(group: ContainerDirective): RootContent[] {
  return group.children.flatMap((child): RootContent[] => {
    const label = child.type === "code" ? tabLabel.exec(child.meta ?? "") : null;
    if (child.type !== "code" || !label) return [child];
    child.meta = child.meta!.slice(label[0].length) || null;
    const title: Paragraph = { type: "paragraph", children: [{ type: "text", value: label[1]!.trim(), position: child.position }], data: { hProperties: { className: [codeTitleClass] } }, position: child.position };
    return [title, child];
  });
}

/**
 * pymdownx's content tab (MkDocs Material: `=== "Python"`, `:::tab[Python]` after dialect-edits.ts)
 * shows one of a set of tabs at a time; on paper each is printed, its label over its contents, as a
 * code group's.
 */
function contentTab(tab: ContainerDirective): RootContent[] {
  const [label, ...body] = tab.children;
  if (label?.type !== "paragraph" || !label.data?.directiveLabel) return tab.children;
  label.data = { hProperties: { className: [codeTitleClass] } };
  return [label, ...body];
}

/**
 * GitHub's alerts, Obsidian's callouts and the `:::` containers (also Hugo's and GitBook's hints,
 * dialect-edits.ts) become a note box: a `div` whose first paragraph is its label in the book's
 * language (`word`) or the title written; `details` becomes `<details>` with a `<summary>`. The
 * label is real text, so the text check expects it. A `::figure` (Hugo) is an image alone in its
 * paragraph, which rehype-captions makes a figure with its caption.
 */
export default function remarkAdmonitions(word: (text: string) => string) {
  return (tree: Root, file: VFile) => {
    visit(tree, (node: Nodes, index, parent) => {
      if (node.type === "containerDirective" && node.name === "div" && parent && index !== undefined && !calloutOf(node)) {
        parent.children.splice(index, 1, ...(node.children as never[]));
        return index;
      }
      if (node.type === "containerDirective" && node.name.toLowerCase() === "code-group" && parent && index !== undefined) {
        parent.children.splice(index, 1, ...(codeGroup(node) as never[]));
        return index;
      }
      if (node.type === "containerDirective" && node.name === contentTabName && parent && index !== undefined) {
        parent.children.splice(index, 1, ...(contentTab(node) as never[]));
        return index;
      }
      if (node.type === "blockquote") return alertBox(node, word);
      if (node.type === "containerDirective") return containerBox(node, file, word);
      if (node.type === "leafDirective" && node.name === "figure" && parent && index !== undefined) parent.children[index] = figure(node) as never;
    });
  };
}

function alertBox(quote: Blockquote, word: (text: string) => string): void {
  const first = quote.children[0];
  const marker = first?.type === "paragraph" && first.children[0]?.type === "text" ? alertMarker.exec(first.children[0].value) : null;
  if (!marker || first?.type !== "paragraph") return;
  const opening = first.children[0] as { value: string };
  opening.value = opening.value.slice(marker[0].length);
  const { title, rest } = splitFirstLine(first.children);
  first.children = rest;
  const body = rest.length > 0 ? quote.children : quote.children.slice(1);
  const kind = kinds[marker[1]!.toLowerCase()] ?? "note";
  makeBox(quote, kind === "details" ? "note" : kind, title, body, word);
}

/**
 * The kind a Quarto callout names, `::: callout-tip` or (as dialect-edits writes Pandoc's
 * `::: {.callout-tip}`) `:::div{.callout-tip}`.
 */
function calloutOf(container: ContainerDirective): string | undefined {
  const names = container.name === "div" ? (container.attributes?.class ?? "").split(/\s+/) : [container.name];
  return names.map((name) => /^callout-([a-z]+)$/i.exec(name)?.[1]).find(Boolean);
}

function containerBox(container: ContainerDirective, file: VFile, word: (text: string) => string): void {
  const labelled = container.children[0]?.type === "paragraph" && container.children[0].data?.directiveLabel;
  const written = container.attributes?.title;
  // A Quarto callout's title is its `title` attribute or the heading it opens with.
  const heading = !labelled && !written && calloutOf(container) && container.children[0]?.type === "heading" ? container.children[0] : undefined;
  const title: PhrasingContent[] = labelled ? (container.children[0] as Paragraph).children : written ? [{ type: "text", value: written, position: container.position }] : heading ? heading.children : [];
  const body = labelled || heading ? container.children.slice(1) : container.children;
  const kind = kinds[(calloutOf(container) ?? container.name).toLowerCase()];
  if (!kind) warn(file, `Unexpected container \`:::${container.name}\`, expected one of tip, info, note, important, warning, caution, danger, details: it is printed as a note`, container, "container");
  if (kind === "details") {
    const summary: Paragraph = { type: "paragraph", children: title.length ? title : [{ type: "text", value: word(noteLabels.details) }], data: { hName: "summary" } };
    container.children = [summary, ...body];
    container.data = { hName: "details" };
    return;
  }
  makeBox(container, kind ?? "note", title, body, word);
}

function makeBox(box: Blockquote | ContainerDirective, kind: NoteKind, title: PhrasingContent[], body: RootContent[], word: (text: string) => string): void {
  const label: Paragraph = {
    type: "paragraph",
    children: title.length > 0 ? title : [{ type: "text", value: word(noteLabels[kind]), position: box.position }],
    data: { hProperties: { className: [noteTitleClass] } },
  };
  box.children = [label, ...body] as never;
  box.data = { hName: "div", hProperties: { className: ["note-box", `note-box-${kind}`] } };
}

/** The inline nodes of a paragraph's first line, and the rest after its line break. */
function splitFirstLine(children: PhrasingContent[]): { title: PhrasingContent[]; rest: PhrasingContent[] } {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === "break") return { title: children.slice(0, index), rest: children.slice(index + 1) };
    if (child.type !== "text" || !child.value.includes("\n")) continue;
    const newline = child.value.indexOf("\n");
    const head = { ...child, value: child.value.slice(0, newline) };
    const tail = { ...child, value: child.value.slice(newline + 1) };
    return { title: [...children.slice(0, index), ...(head.value ? [head] : [])], rest: [...(tail.value ? [tail] : []), ...children.slice(index + 1)] };
  }
  return { title: children, rest: [] };
}

function figure(directive: LeafDirective): Paragraph {
  const alt = directive.children.map((child) => ("value" in child ? child.value : "")).join("");
  const image: Image = { type: "image", url: directive.attributes?.src ?? "", alt, position: directive.position };
  return { type: "paragraph", children: [image], position: directive.position };
}
