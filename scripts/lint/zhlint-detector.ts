import { run } from "zhlint";

/**
 * zhlint 0.8.2 finds half-width punctuation that should be full-width, and only that is asked of it.
 * Measured on this project's cases: its `fullwidthPunctuation` option lists the *full-width*
 * forms wanted (a list of half-width marks, as a previous attempt wrote it, asks for nothing); with
 * `hyperParse: []` its fixed text duplicates the last character, but its validations (index, length)
 * stay right, so only those are read, on prose already stripped of Markdown. It also flags `,` and
 * `!` in English sentences, `:` of `:)` and both brackets of `f(x)`, so callers keep only marks in
 * Chinese context. It skips runs of several marks (`?!`, `,,`) by design, so those are found here too.
 * Its other rules are off: the house style leaves Han–Latin spacing to the typesetter and keeps （）.
 */
const options = { rules: { fullwidthPunctuation: "，：；？！（）" }, hyperParse: [] };

const halfwidthMarks = /[,;:!?()]/;
const successiveMarks = /[,;:!?]{2,}/g;

/** Indices of half-width marks in `text` that zhlint would make full-width, plus every mark of a run of marks. */
export function halfwidthPunctuationCandidates(text: string): Set<number> {
  const candidates = new Set<number>();
  if (!halfwidthMarks.test(text)) return candidates;
  for (const validation of run(text, options).validations) {
    if (halfwidthMarks.test(text[validation.index] ?? "")) candidates.add(validation.index);
  }
  for (const match of text.matchAll(successiveMarks)) {
    for (let index = match.index; index < match.index + match[0].length; index++) candidates.add(index);
  }
  return candidates;
}
