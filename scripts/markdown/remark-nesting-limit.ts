import type { Html, Nodes, Parent, Root } from "mdast";
import { blockQuote, list } from "micromark-core-commonmark";
import type { Construct, Extension, ParseContext, TokenizeContext } from "micromark-util-types";
import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import type { Processor } from "unified";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

/**
 * How deep block quotes, lists, emphasis, links and raw HTML elements may nest. Books nest lists three
 * or four deep, e-mail quotes a few more; 32 is far beyond that and keeps the HTML a hundred or so
 * elements deep, where the tree walkers that recurse (mdast-util-to-hast, hast-util-from-parse5, the
 * sanitizer, the HTML writers) have stack to spare: at 3,000 they ran out (`Maximum call stack size
 * exceeded`), and micromark's time for nested containers grows faster than their number (300 nested
 * lists: 1.4 s; 3,000 never finished).
 */
export const nestingLimit = 32;

// ---- while parsing: containers no deeper than one past the limit -------------------------------

/** On the line being parsed, the depth of each container whose prefix ends at an offset. */
interface LineDepths {
  line: number;
  reached: { offset: number; depth: number }[];
}

const lineDepths = new WeakMap<ParseContext, LineDepths>();
/** Each open container's depth, kept with the state micromark keeps for it. */
const containerDepths = new WeakMap<object, number>();

function depthsOnLine(context: TokenizeContext): LineDepths {
  const { line } = context.now();
  let depths = lineDepths.get(context.parser);
  if (depths?.line !== line) {
    depths = { line, reached: [] };
    lineDepths.set(context.parser, depths);
  }
  return depths;
}

/**
 * micromark keeps its stack of open containers to itself. On each line it first continues the open
 * ones in order, then tries new ones after them, each of which (the first one twice: a check, then the
 * real attempt) starts where its parent's prefix ended, so a new container's parent is the deepest one
 * whose prefix on this line ends at or before here.
 */
function parentDepth(context: TokenizeContext): number {
  const { offset } = context.now();
  return Math.max(0, ...depthsOnLine(context).reached.filter((reached) => reached.offset <= offset).map((reached) => reached.depth));
}

function reach(context: TokenizeContext, depth: number): void {
  depthsOnLine(context).reached.push({ offset: context.now().offset, depth });
}

/**
 * A container construct (block quote, list item) that does not open one past the limit's first
 * excess: that one is in the tree for the check below to report at its place; what would nest in it
 * stays text, so the parser never works through thousands of levels.
 */
function nestingLimited(construct: Construct): Construct {
  const { tokenize: start, continuation } = construct;
  // A continuation tries the construct itself again (a block quote's next `>`, a list's next item), as
  // a part of the open container, not a new one: under a name of its own, as the original's is disabled.
  const again: Construct = { ...construct, name: `${construct.name}Again` };
  return {
    ...construct,
    name: `${construct.name}NestingLimited`,
    tokenize(effects, ok, nok) {
      const depth = parentDepth(this) + 1;
      if (depth > nestingLimit + 1) return nok;
      containerDepths.set(this.containerState!, depth);
      return start.call(this, effects, (code) => (reach(this, depth), ok(code)), nok);
    },
    continuation: {
      ...continuation,
      tokenize(effects, ok, nok) {
        const depth = containerDepths.get(this.containerState!)!;
        const continuing: typeof effects = { ...effects, attempt: (constructs, ok, nok) => effects.attempt(constructs === construct ? again : constructs, ok, nok) };
        return continuation!.tokenize.call(this, continuing, (code) => (reach(this, depth), ok(code)), nok);
      },
    },
  };
}

function nestingLimitedContainers(): Extension {
  const limitedList = nestingLimited(list);
  const document: Extension["document"] = { 62: nestingLimited(blockQuote) };
  for (const marker of ["*", "+", "-", ..."0123456789"]) document[marker.charCodeAt(0)] = limitedList;
  return { document, disable: { null: [blockQuote.name!, list.name!] } };
}

// ---- after parsing: report and cut off what nests too deep -----------------------------------------

const nestingKinds: Partial<Record<Nodes["type"], string>> = {
  blockquote: "block quote",
  listItem: "list",
  footnoteDefinition: "footnote",
  emphasis: "emphasis",
  strong: "emphasis",
  delete: "strikethrough",
  link: "link",
  linkReference: "link",
};

const tooDeep = (kind: string) =>
  `Unexpected ${kind} nested more than ${nestingLimit} levels deep, expected at most ${nestingLimit} levels of block quotes, lists, emphasis, links and HTML elements: what is inside is left out; nest less deep`;

/** Without recursion, as the tree may be thousands of levels deep. */
function cutTooDeepMarkdown(tree: Root, file: VFile): void {
  const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: parentDepth } = stack.pop()!;
    const kind = nestingKinds[node.type];
    const depth = parentDepth + (kind ? 1 : 0);
    if (depth > nestingLimit) {
      error(file, tooDeep(kind!), node, "nesting");
      (node as Parent).children = [];
      continue;
    }
    if ("children" in node) for (const child of [...node.children].reverse()) stack.push({ node: child, depth });
  }
}

type Html5Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.DocumentFragment;

/** Where the first element nested too deep starts in `html`, parsed as browsers parse it (implied ends, void elements). */
function tooDeepHtmlOffset(html: string): number | undefined {
  const stack: { node: Html5Node; depth: number }[] = [{ node: parseFragment(html, { sourceCodeLocationInfo: true }), depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: parentDepth } = stack.pop()!;
    const depth = parentDepth + ("tagName" in node ? 1 : 0);
    if (depth > nestingLimit) return (node as DefaultTreeAdapterTypes.Element).sourceCodeLocation?.startOffset ?? 0;
    if ("childNodes" in node) for (const child of [...node.childNodes].reverse()) stack.push({ node: child, depth });
  }
  return undefined;
}

/** The place of an offset into an HTML node's text. */
function pointIn(node: Html, offset: number): Point | Html {
  if (!node.position) return node;
  const lines = node.value.slice(0, offset).split("\n");
  const { line, column } = node.position.start;
  return lines.length === 1 ? { line, column: column + offset } : { line: line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/**
 * The chapter's raw HTML, read in order as one document (rehype-raw reads it so, an element opened in
 * one `<div>` line and closed lines later): from where it nests too deep on, it is left out, so the
 * HTML parser's tree never reaches the depth that exhausts the stack of the walkers after it.
 */
function cutTooDeepHtml(tree: Root, file: VFile): void {
  const htmlNodes: { node: Html; parent: Parent }[] = [];
  const stack: Parent[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children) {
      if (child.type === "html") htmlNodes.push({ node: child, parent });
      else if ("children" in child) stack.push(child);
    }
  }
  const order = (a: Html, b: Html) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0);
  htmlNodes.sort((a, b) => order(a.node, b.node));
  const offset = tooDeepHtmlOffset(htmlNodes.map(({ node }) => node.value).join(""));
  if (offset === undefined) return;
  let first = 0;
  let start = 0;
  while (start + htmlNodes[first]!.node.value.length <= offset) start += htmlNodes[first++]!.node.value.length;
  const { node } = htmlNodes[first]!;
  error(file, tooDeep("HTML element"), pointIn(node, offset - start), "nesting");
  for (const { node: cut, parent } of htmlNodes.slice(first)) parent.children.splice(parent.children.indexOf(cut as never), 1);
}

/**
 * Nesting deeper than `nestingLimit` is an error at its place, and is cut off so that no later
 * stage works through it. Use first, so its check runs before every other plugin's.
 */
export default function remarkNestingLimit(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), nestingLimitedContainers()];
  return (tree: Root, file: VFile) => {
    cutTooDeepMarkdown(tree, file);
    cutTooDeepHtml(tree, file);
  };
}
