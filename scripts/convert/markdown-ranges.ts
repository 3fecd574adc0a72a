import { proseRanges } from "../markdown/prose.ts";

/** `convert` applied to the prose of a Markdown text (see `proseRanges`); everything else stays as written. */
export function convertMarkdown(markdown: string, convert: (text: string) => string): string {
  let converted = "";
  let cursor = 0;
  for (const { start, end } of proseRanges(markdown)) {
    converted += markdown.slice(cursor, start) + convert(markdown.slice(start, end));
    cursor = end;
  }
  return converted + markdown.slice(cursor);
}
