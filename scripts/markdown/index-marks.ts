import type { Element, ElementContent, Root, Text } from "hast";
import type { IndexTerm } from "../book/index-terms.ts";
import { indexMarkClass, relatedSeparator, type IndexMarkData } from "./remark-index-marks.ts";

/** Elements whose text the terms file's terms are not looked for in: headings, code, links, math, notes. */
const skippedTags = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "kbd", "samp", "a", "script", "style", "svg", "math", "sup"]);

const isSkipped = (element: Element) =>
  skippedTags.has(element.tagName) ||
  element.properties.dataFootnotes !== undefined ||
  element.properties.dataTex !== undefined ||
  element.properties.hidden !== undefined;

const hasClass = (element: Element, name: string) => Array.isArray(element.properties.className) && element.properties.className.includes(name);

/** The id of the `number`th index mark (from 1) of the chapter whose ids start with `prefix`. */
const markId = (prefix: string, number: number) => `${prefix}index-${number}`;

/** Each way the text may write a term (the term, its aliases; a sub-entry's), with what its mark says. */
export function termSurfaces(terms: readonly IndexTerm[]): Map<string, IndexMarkData> {
  const surfaces = new Map<string, IndexMarkData>();
  const add = (term: IndexTerm, mark: IndexMarkData) => {
    const related = term.seealso.length > 0 ? { dataIndexSeealso: term.seealso.join(relatedSeparator) } : {};
    const data = { ...mark, ...(term.see ? { dataIndexSee: term.see } : {}), ...related };
    for (const surface of [term.term, ...term.aliases]) if (!surfaces.has(surface)) surfaces.set(surface, data);
  };
  for (const term of terms) {
    const entry: IndexMarkData = { dataIndexEntry: term.term, ...(term.sort ? { dataIndexSort: term.sort } : {}) };
    add(term, entry);
    for (const sub of term.sub) add(sub, { ...entry, dataIndexSub: sub.term, ...(sub.sort ? { dataIndexSubSort: sub.sort } : {}) });
  }
  return surfaces;
}

const latinLetter = /[A-Za-z0-9]/;

/** Where terms occur in a text: `[start, end)` and the surface found. */
export type TermFinder = (text: string) => Array<{ start: number; end: number; surface: string }>;

/**
 * Finds the terms in a text: at each place the longest term that starts there (长江经济带, not
 * 长江 inside it), then on after it. A term that begins or ends with a Latin letter or digit must
 * not run on into another (GDP is not found in GDPR). The terms are listed by first character once.
 */
export function termFinder(surfaces: Iterable<string>): TermFinder {
  const byFirst = new Map<string, string[]>();
  for (const surface of surfaces) byFirst.set(surface[0]!, [...(byFirst.get(surface[0]!) ?? []), surface]);
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return (text) => {
    const found: Array<{ start: number; end: number; surface: string }> = [];
    for (let start = 0; start < text.length; ) {
      const surface = byFirst.get(text[start]!)?.find((candidate) => text.startsWith(candidate, start) && standsApart(text, start, start + candidate.length));
      if (!surface) {
        start += 1;
        continue;
      }
      found.push({ start, end: start + surface.length, surface });
      start += surface.length;
    }
    return found;
  };
}

function standsApart(text: string, start: number, end: number): boolean {
  const runsOn = (inside: string | undefined, outside: string | undefined) => inside !== undefined && outside !== undefined && latinLetter.test(inside) && latinLetter.test(outside);
  return !runsOn(text[start], text[start - 1]) && !runsOn(text[end - 1], text[end]);
}

/**
 * The index's occurrences in a chapter: the terms file's terms wherever they occur in its text
 * (not in headings, code, links, math or notes) wrapped in marks, and every mark, the author's
 * `:index` ones too, given an id with the chapter's prefix, in reading order: the index prints the
 * page of each (book-index.ts).
 */
export function markIndexTerms(tree: Root, prefix: string, surfaces: ReadonlyMap<string, IndexMarkData>, find: TermFinder): void {
  let count = 0;
  const nextId = () => markId(prefix, ++count);
  // The author's marks count wherever they stand (a heading's too); the terms are looked for in the text only.
  const walk = (children: ElementContent[], searched: boolean): ElementContent[] =>
    children.flatMap((child): ElementContent[] => {
      if (child.type === "text") return searched && surfaces.size > 0 ? marked(child, find(child.value), surfaces, nextId) : [child];
      if (child.type !== "element") return [child];
      if (hasClass(child, indexMarkClass)) child.properties.id = nextId();
      else child.children = walk(child.children, searched && !isSkipped(child));
      return [child];
    });
  tree.children = walk(tree.children as ElementContent[], true) as Root["children"];
}

function marked(node: Text, found: ReturnType<TermFinder>, surfaces: ReadonlyMap<string, IndexMarkData>, nextId: () => string): ElementContent[] {
  if (found.length === 0) return [node];
  const pieces: ElementContent[] = [];
  let cursor = 0;
  for (const { start, end, surface } of found) {
    if (start > cursor) pieces.push({ type: "text", value: node.value.slice(cursor, start) });
    pieces.push({ type: "element", tagName: "span", properties: { id: nextId(), className: [indexMarkClass], ...surfaces.get(surface) }, children: [{ type: "text", value: surface }] });
    cursor = end;
  }
  if (cursor < node.value.length) pieces.push({ type: "text", value: node.value.slice(cursor) });
  // The first piece keeps the text's place, which the checks report problems at.
  if (node.position) pieces[0]!.position = node.position;
  return pieces;
}
