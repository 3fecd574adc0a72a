import path from "node:path";
import type { Point } from "unist";
import { VFile } from "vfile";
import { location } from "vfile-location";
import { z } from "zod";
import { error } from "../diagnostics.ts";
import { readManuscriptFile } from "./decode.ts";
import { isInside } from "./paths.ts";
import type { BookConfig } from "./schema.ts";
import { nearestNode, readYaml } from "./yaml.ts";

/**
 * One term of the index as the terms file gives it: found by the build wherever it (or an alias)
 * occurs in the text. `sort` is its reading (pinyin, as `changjiang` or `chang2jiang1`) when the
 * characters alone would be read wrongly; `sub` are its sub-entries, each found in the text the
 * same way; `see` makes it a pointer to another entry (见), `seealso` names related ones (另见).
 */
export interface IndexTerm {
  term: string;
  sort?: string;
  aliases: string[];
  sub: IndexTerm[];
  see?: string;
  seealso: string[];
}

export interface IndexTermsFile {
  file: VFile;
  terms: IndexTerm[];
}

const word = z.string().trim().min(1, "Unexpected empty term, expected the words as the text writes them");
const oneOrMore = z.union([word.transform((value) => [value]), z.array(word)]);

const termSchema: z.ZodType<IndexTerm, unknown> = z.lazy(() =>
  z.union([
    word.transform((term): IndexTerm => ({ term, aliases: [], sub: [], seealso: [] })),
    z
      .strictObject({
        term: word,
        sort: z.string().regex(/^[a-zA-Z\u00c0-\u024f\u1e00-\u1eff1-5 ]+$/, "Unexpected reading, expected pinyin letters (with tone marks or tone digits), such as `changjiang` or `chang2jiang1`").optional(),
        aliases: oneOrMore.default([]),
        sub: z.array(termSchema).default([]),
        see: word.optional(),
        seealso: oneOrMore.default([]),
      })
      .transform((entry): IndexTerm => entry),
  ]),
);

const termsSchema = z.array(termSchema);

export const defaultIndexTermsFile = "index.yaml";

/**
 * The index's terms file: book.yaml's `index:`, else `index.yaml` beside book.yaml when there is
 * one. A list; each item a term as the text writes it, or `{ term, sort?, aliases?, sub?, see?,
 * seealso? }`. Problems are errors at their place in the file (`indexKey`: where book.yaml names it).
 */
export async function loadIndexTerms(source: VFile, config: BookConfig, manuscriptDir: string, indexKey?: Point): Promise<IndexTermsFile | undefined> {
  const named = config.index;
  const filePath = path.resolve(manuscriptDir, named ?? defaultIndexTermsFile);
  if (!isInside(manuscriptDir, filePath)) {
    error(source, `Unexpected index terms file \`${named}\` outside the manuscript folder, expected a file under \`${manuscriptDir}\``, indexKey, "index-terms");
    return undefined;
  }
  const read = await readManuscriptFile(filePath);
  if (!read) {
    if (named) error(source, `Unexpected missing index terms file \`${named}\`, expected a YAML list of terms at \`${filePath}\`: check \`index:\` in book.yaml`, indexKey, "index-terms");
    return undefined;
  }
  const { file, readable } = read;
  return { file, terms: readable ? parseIndexTerms(file) : [] };
}

/** The terms of a terms file's text; problems go on `file` as errors, and the file then gives no terms. */
export function parseIndexTerms(file: VFile): IndexTerm[] {
  const place = location(file);
  const read = readYaml(String(file.value));
  if (!read.ok) {
    for (const problem of read.problems) error(file, problem.message, problem.offset === undefined ? undefined : place.toPoint(problem.offset), "index-terms");
    return [];
  }
  const parsed = termsSchema.safeParse(read.value ?? []);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.flatMap(innermost)) {
    const node = nearestNode(read.document, issue.path) ?? read.document.contents;
    error(file, describeIssue(issue), node?.range ? place.toPoint(node.range[0]) : undefined, "index-terms");
  }
  return [];
}

/**
 * An item is a string or a mapping: when neither fits, zod reports that no branch did; the
 * mapping's own problems (a misspelt key, a bad reading) say more, when the item is a mapping.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const fitting = issue.errors.find((branch) => !branch.every((inner) => inner.code === "invalid_type" && inner.path.length === 0));
  return fitting ? fitting.flatMap((inner) => innermost({ ...inner, path: [...issue.path, ...inner.path] })) : [issue];
}

/** Where in the list a problem is: `item 3, sort`. */
const placeIn = (keyPath: readonly PropertyKey[]) => keyPath.map((key) => (typeof key === "number" ? `item ${key + 1}` : `\`${String(key)}\``)).join(", ");

const termFormat = "a term as the text writes it (`- 长江`), or a mapping `{ term, sort?, aliases?, sub?, see?, seealso? }`";

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? ` (${placeIn(issue.path)})` : "";
  if (issue.code === "unrecognized_keys") return `Unexpected key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `\`${key}\``).join(", ")}${where}, expected only term, sort, aliases, sub, see and seealso`;
  if (issue.code === "invalid_union" || issue.code === "invalid_type") return `Unexpected value${where}, expected ${issue.path.length === 0 ? `a list of terms, each ${termFormat}` : termFormat}`;
  return `${issue.message}${where}`;
}
