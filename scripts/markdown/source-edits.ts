import type { Nodes, Root } from "mdast";
import type { Point } from "unist";
import { location } from "vfile-location";

/** Replace `[start, end)` of a source with `text` (an insertion when start = end). */
export interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

/** A source with edits applied, and where each of its offsets stood before them. */
export interface EditedSource {
  text: string;
  originalOffset: (offset: number) => number;
}

/**
 * The source with `edits` (sorted, not overlapping) applied. Text kept as it was maps back
 * character by character, so a message about a word the edits kept points at that word; text an
 * edit wrote maps to where the edit starts (an included file's lines to their `{{#include}}`).
 */
export function applyEdits(source: string, edits: readonly SourceEdit[]): EditedSource {
  // Each run: [offset in the edited text, offset in the source, whether it is kept source text].
  const runs: [number, number, boolean][] = [];
  let text = "";
  let cursor = 0;
  for (const edit of edits) {
    runs.push([text.length, cursor, true]);
    text += source.slice(cursor, edit.start);
    runs.push([text.length, edit.start, false]);
    text += edit.text;
    cursor = edit.end;
  }
  runs.push([text.length, cursor, true]);
  text += source.slice(cursor);
  const originalOffset = (offset: number) => {
    let low = 0;
    let high = runs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (runs[middle]![0] <= offset) low = middle;
      else high = middle - 1;
    }
    const [editedStart, sourceStart, kept] = runs[low]!;
    return kept ? sourceStart + offset - editedStart : sourceStart;
  };
  return { text, originalOffset };
}

/** Gives every node of a tree parsed from `edited` its place in `source` (without recursion: trees can be deep). */
export function placeInSource(tree: Root, edited: EditedSource, source: string): void {
  const where = location(source);
  const moved = (point: Point): Point => {
    const offset = edited.originalOffset(point.offset ?? 0);
    return where.toPoint(offset) ?? point;
  };
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) node.position = { start: moved(node.position.start), end: moved(node.position.end) };
    if ("children" in node) for (const child of node.children) stack.push(child);
  }
}
