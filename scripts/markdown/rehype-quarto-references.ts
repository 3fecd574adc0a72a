import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import type { Point } from "unist";
import { SKIP, visit } from "unist-util-visit";
import { numberedKinds } from "./numbered-captions.ts";

/** Quarto's reference to a figure or table, `@fig-arch` or `@tbl-sales`, not inside a Latin word or an address (`a@fig-x.com`). */
const quartoReference = /(?<![A-Za-z0-9_@.])@((fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9_])/g;

/** Elements whose text is not prose: code, links, formulas. */
const notProse = new Set(["code", "pre", "a", "kbd", "samp", "script", "style", "svg", "math"]);

/**
 * Quarto's cross-references to figures and tables (`@fig-arch` → 图1-1, `@tbl-sales` → 表2-1)
 * become links written the book's way, `[图{number}](#fig-arch)`, which cross-references.ts
 * resolves and numbers like any other. `word` gives 图 and 表 in the book's script.
 */
export default function rehypeQuartoReferences(word: (text: string) => string) {
  const wordOf = { fig: word(numberedKinds.figure.word), tbl: word(numberedKinds.table.word) };
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === "element" && (notProse.has(node.tagName) || node.properties.dataTex !== undefined)) return SKIP;
      if (node.type !== "text" || !parent || index === undefined || !node.value.includes("@")) return undefined;
      const pieces: ElementContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(quartoReference)) {
        if (match.index > last) pieces.push({ type: "text", value: node.value.slice(last, match.index) });
        const link = h("a", { href: `#${match[1]}` }, `${wordOf[match[2] as "fig" | "tbl"]}{number}`) as Element;
        const start = pointIn(node.value, node.position?.start, match.index);
        if (start) link.position = { start, end: pointIn(node.value, node.position?.start, match.index + match[0].length)! };
        pieces.push(link);
        last = match.index + match[0].length;
      }
      if (pieces.length === 0) return undefined;
      if (last < node.value.length) pieces.push({ type: "text", value: node.value.slice(last) });
      for (const piece of pieces) piece.position ??= node.position;
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
  };
}

/** The place of `value[index]` in the source, for a text node that starts at `start` and is written as it reads. */
function pointIn(value: string, start: Point | undefined, index: number): Point | undefined {
  if (!start) return undefined;
  const before = value.slice(0, index);
  const lines = before.split("\n");
  const column = lines.length === 1 ? start.column + index : lines.at(-1)!.length + 1;
  return { line: start.line + lines.length - 1, column, ...(start.offset === undefined ? {} : { offset: start.offset + index }) };
}
