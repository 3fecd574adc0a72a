import { converterFor } from "../convert/opencc.ts";

/**
 * The words the pipeline itself prints (目录, 注释, the colophon's labels …), written once in
 * Simplified Chinese, in the book's script: a Traditional book gets them through OpenCC for its
 * region, without the region's phrase substitutions (they are terms, not prose). Never for the
 * manuscript's own text, which is already in its script.
 */
export function bookWording(language: string): (text: string) => string {
  return converterFor(language, { keepMainlandVocabulary: true });
}

/** The label printed on a note box of each kind (GitHub's alerts, VitePress's containers …), before `bookWording`. */
export const noteLabels = { note: "注意", tip: "提示", important: "重要", warning: "警告", caution: "小心", details: "详情" } as const;
export type NoteKind = keyof typeof noteLabels;
