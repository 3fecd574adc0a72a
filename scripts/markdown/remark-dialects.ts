import type { Nodes, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Position } from "unist";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { LinkFolders } from "./cross-references.ts";
import { dialectEdits, mathClosingEdits, mathClosingWithAttributes, mayHaveDialect } from "./dialect-edits.ts";
import { includeEdits } from "./includes.ts";
import { applyEdits, placeInSource, type EditedSource } from "./source-edits.ts";
import { strayDollarEdits } from "./stray-dollars.ts";

/** Leaf directives the book prints; `::figure` is what a Hugo `{{< figure >}}` becomes. */
const printedLeafDirectives = new Set(["figure"]);

/** The text directive the book reads: `:index[term]{…}`, an index mark (remark-index-marks.ts). */
export const indexDirectiveName = "index";

/**
 * The Markdown of static site generators that is not Markdown: mdBook's includes (with `folders`;
 * the lint and the Traditional conversion read a chapter's own text), Hugo's and GitBook's
 * shortcodes and VitePress's `::: tip` (dialect-edits.ts) are rewritten before the source is
 * parsed, and every node is then given back its place in the chapter as written (source-edits.ts),
 * so messages, the lint and the conversion point at the chapter's own lines. Use after
 * remark-directive, which reads the containers; `:name` and `::name` it finds in prose (`比例 a:b`) are put back as the text they were.
 */
export default function remarkDialects(this: Processor, folders?: LinkFolders) {
  const parse = this.parser!;
  this.parser = (document: string, file: VFile) => {
    const expanded = applyEdits(document, includeEdits(document, file, folders));
    // A formula's closing `$$ {#eq-a}` is mended first: unmended, the formula runs on and the
    // Markdown after it would be taken for math, which the other rewrites leave as written.
    const closings = mathClosingWithAttributes.test(expanded.text) ? mathClosingEdits(expanded.text, parse(expanded.text, file) as Root) : [];
    const mended = applyEdits(expanded.text, closings);
    const included: EditedSource = closings.length === 0 ? expanded : { text: mended.text, originalOffset: (offset) => expanded.originalOffset(mended.originalOffset(offset)) };
    const where = location(document);
    const dialect = mayHaveDialect(included.text)
      ? dialectEdits(included.text, parse(included.text, file) as Root, file, (offset) => where.toPoint(included.originalOffset(offset))!)
      : [];
    let edited = applyEdits(included.text, dialect);
    let tree = parse(edited.text, file) as Root;
    // Dollars that are no formula (a shell's `$GOPATH`) become text, and the source is read again:
    // a round for each such pair in a paragraph, so books that have none are parsed no more often.
    for (let edits = strayDollarEdits(edited.text, tree); edits.length > 0; edits = strayDollarEdits(edited.text, tree)) {
      const escaped = applyEdits(edited.text, edits);
      const before = edited;
      edited = { text: escaped.text, originalOffset: (offset) => before.originalOffset(escaped.originalOffset(offset)) };
      tree = parse(edited.text, file) as Root;
    }
    restoreStrayDirectives(tree, edited.text);
    if (edited.text !== document) {
      const composed: EditedSource = { text: edited.text, originalOffset: (offset) => included.originalOffset(edited.originalOffset(offset)) };
      placeInSource(tree, composed, document);
    }
    return tree;
  };
}

/**
 * Text and leaf directives other than the book's own become the text they were written as, and so
 * does a `{#id}` outside a heading: remark-custom-heading-id reads one anywhere in prose (`见 {#x}`,
 * Pandoc's `![图](a.png){#fig-a}`) and would stop the build with an internal error on it.
 */
function restoreStrayDirectives(tree: Root, source: string): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!("children" in node)) continue;
    const children = node.children as RootContent[];
    let changed = false;
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if ((child.type as string) === "idString" && node.type !== "heading" && child.position) {
        children[index] = idAsWritten(child.position, source);
        changed = true;
      } else if ((child.type === "textDirective" && child.name !== indexDirectiveName) || (child.type === "leafDirective" && !printedLeafDirectives.has(child.name))) {
        const inline = asWritten(child, source);
        children[index] = (child.type === "leafDirective" ? { type: "paragraph", children: inline, position: child.position } : inline) as never;
        changed = true;
      }
    }
    if (changed) (node as Parent).children = mergeText(children.flat() as RootContent[]);
    for (const child of (node as Parent).children) stack.push(child);
  }
}

/** A `{#id}` as written: the idString's place is its id alone, within the braces. */
function idAsWritten(position: Position, source: string): Text {
  const where = location(source);
  const start = source.lastIndexOf("{", position.start.offset!);
  const end = source.indexOf("}", position.end.offset! - 1) + 1;
  return { type: "text", value: source.slice(start, end), position: { start: where.toPoint(start)!, end: where.toPoint(end)! } };
}

function asWritten(directive: Nodes & { children: PhrasingContent[] }, source: string): PhrasingContent[] {
  const where = location(source);
  const start = directive.position!.start.offset!;
  const end = directive.position!.end.offset!;
  const first = directive.children[0]?.position?.start.offset;
  const last = directive.children.at(-1)?.position?.end.offset;
  const text = (from: number, to: number): Text => ({ type: "text", value: source.slice(from, to), position: { start: where.toPoint(from)!, end: where.toPoint(to)! } });
  if (first === undefined || last === undefined) return [text(start, end)];
  return [text(start, first), ...directive.children, text(last, end)];
}

/** Adjacent text nodes as one, as the parser would have made them: the punctuation rules read a text node at a time. */
function mergeText(nodes: RootContent[]): RootContent[] {
  const merged: RootContent[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (previous?.type === "text" && node.type === "text") {
      merged[merged.length - 1] = {
        type: "text",
        value: previous.value + node.value,
        position: previous.position && node.position ? { start: previous.position.start, end: node.position.end } : undefined,
      };
    } else merged.push(node);
  }
  return merged;
}
