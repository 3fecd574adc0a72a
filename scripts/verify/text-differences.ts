import { diffArrays } from "diff";

// What a diff finds between the characters a check expects and those an output has: the runs lost and added, and the runs matched.

/** A run of `count` characters from `index` of one sequence, lost or added; `at` is the other sequence's position there. */
export interface Run {
  index: number;
  count: number;
  at: number;
}

/** Where a diff found `count` equal characters: from `actual` in one sequence and `expected` in the other. */
export interface Match {
  actual: number;
  expected: number;
  count: number;
}

/**
 * How long a diff may take. It runs only when a page differs, so the build fails whatever it finds;
 * on a machine too busy to finish in time the characters are counted instead, and the messages are
 * coarser (a diff of a real book's text once outlived 20 s on a loaded machine).
 */
const diffSeconds = 60;

/** What `actual` lacks of `expected` and has beyond it, by a diff; by counting characters when they differ too much for one. */
export function differences(expected: readonly string[], actual: readonly string[]): { missing: Run[]; added: Run[]; matches: Match[] } {
  const missing: Run[] = [];
  const added: Run[] = [];
  const matches: Match[] = [];
  const changes = expected.length && actual.length ? diffArrays([...expected], [...actual], { timeout: diffSeconds * 1000 }) : [{ removed: true, count: expected.length }, { added: true, count: actual.length }];
  if (changes) {
    let [inExpected, inActual] = [0, 0];
    for (const change of changes) {
      const count = change.count ?? 0;
      if (change.removed) missing.push({ index: inExpected, count, at: inActual });
      else if (change.added) added.push({ index: inActual, count, at: inExpected });
      else matches.push({ actual: inActual, expected: inExpected, count });
      if (!change.added) inExpected += count;
      if (!change.removed) inActual += count;
    }
  } else {
    const left = new Map<string, number>();
    for (const character of actual) left.set(character, (left.get(character) ?? 0) + 1);
    expected.forEach((character, index) => {
      const count = left.get(character) ?? 0;
      if (count === 0) missing.push({ index, count: 1, at: 0 });
      else left.set(character, count - 1);
    });
    actual.forEach((character, index) => {
      const count = left.get(character) ?? 0;
      if (count === 0) return;
      added.push({ index, count: 1, at: 0 });
      left.set(character, count - 1);
    });
  }
  return { missing: missing.filter((run) => run.count > 0), added: added.filter((run) => run.count > 0), matches };
}

/** How many expected characters the diff matched before `actual` index `index`. */
export function matchedBefore(matches: readonly Match[], index: number): number {
  const last = matches.findLast((match) => match.actual < index);
  return last ? last.expected + Math.min(index - last.actual, last.count) : 0;
}
