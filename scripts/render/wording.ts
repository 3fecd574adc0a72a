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
