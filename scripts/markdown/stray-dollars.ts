import type { Nodes, Root } from "mdast";
import { visitParents } from "unist-util-visit-parents";
import type { SourceEdit } from "./source-edits.ts";

/**
 * Whether a `$…$` that remark-math read as inline math is no formula. remark-math pairs any two
 * dollars, as it pairs backticks. Pandoc's rule: no space just inside the dollars (“$5 与 $10”).
 * Two more that books from sites without math (GitBook, mdBook) need, where `$` is a shell's: no
 * letter or `_` just after the closing dollar (`$GOPATH/pkg/$GOOS_$GOARCH`: the next variable's
 * name), and no backtick inside (“把 $PATH 加入，使用`${GOPATH}`”: the dollars took a code span's
 * opening backtick into the “formula”). Not Pandoc's digit just after the closing dollar: books
 * from sites with math write `$-$1` for −1, and their sites show a formula.
 */
export function isStrayDollarPair(inside: string, after: string | undefined): boolean {
  return /^\s|\s$/.test(inside) || /^[A-Za-z_]/.test(after ?? "") || inside.includes("`");
}

const blockTypes = new Set(["paragraph", "heading", "tableCell"]);

/**
 * A backslash before the opening dollar of each `$…$` that is no formula (`isStrayDollarPair`),
 * the first in each paragraph, heading or table cell: once it is text, its closing dollar may open
 * a formula of its own (“$5 与 $x$”), so the rest of that paragraph waits for the source to be parsed
 * again (as Pandoc reads dollars, left to right). Display math (`$$`) is left as written.
 */
export function strayDollarEdits(source: string, tree: Root): SourceEdit[] {
  const edits: SourceEdit[] = [];
  const done = new Set<Nodes>();
  visitParents(tree, "inlineMath", (node, ancestors) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || source[start] !== "$" || source[start + 1] === "$") return;
    const block = ancestors.findLast((ancestor) => blockTypes.has(ancestor.type)) ?? tree;
    if (done.has(block) || !isStrayDollarPair(source.slice(start + 1, end - 1), source[end])) return;
    done.add(block);
    edits.push({ start, end: start, text: "\\" });
  });
  return edits;
}
