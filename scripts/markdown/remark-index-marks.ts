import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";
import { indexDirectiveName } from "./remark-dialects.ts";

/** The class of an index mark in the HTML: an occurrence of a term the index lists (index-marks.ts gives it its id). */
export const indexMarkClass = "index-mark";

/** Separates a main entry from its sub-entry in `term="分区!范围分区"`, and the entries `seealso` names. */
export const subEntrySeparator = "!";
export const relatedSeparator = "|";

/**
 * What an index mark says about its term, as `data-index-*` properties of its span: the entry and
 * its reading (`sort`), the sub-entry and its reading, and the cross-references (`see`: the entry is
 * a pointer to another, 见; `seealso`: related entries, 另见) of the entry or sub-entry it marks.
 */
export interface IndexMarkData {
  dataIndexEntry: string;
  dataIndexSort?: string;
  dataIndexSub?: string;
  dataIndexSubSort?: string;
  dataIndexSee?: string;
  dataIndexSeealso?: string;
}

/**
 * `:index[分区]` prints 分区 and marks it for the index; `{sort="fenqu"}` gives its reading;
 * `:index[]{term="分区!范围分区"}` marks a sub-entry without printing anything; `see="分片"` and
 * `seealso="复制"` (several separated by `|`) add 见 and 另见 lines. Each becomes a span the index
 * mark stage finds (index-marks.ts).
 */
export default function remarkIndexMarks() {
  return (tree: Root, file: VFile) => {
    visit(tree, "textDirective", (node) => {
      if (node.name !== indexDirectiveName) return;
      const attributes = node.attributes ?? {};
      const path = (attributes.term ?? toString(node)).trim();
      const [entry, sub, ...deeper] = path.split(subEntrySeparator).map((part) => part.trim());
      if (!entry || deeper.length > 0 || sub === "") {
        const problem = !path ? "with neither text nor `term`" : `with the term \`${path}\``;
        error(file, `Unexpected \`:index\` mark ${problem}, expected the term in the brackets (\`:index[分区]\`), or an entry and at most one sub-entry as \`term\` (\`:index[]{term="分区!范围分区"}\`)`, node, "index-mark");
        return;
      }
      const reading = attributes.sort?.trim() || undefined;
      const properties: IndexMarkData = {
        dataIndexEntry: entry,
        ...(sub ? { dataIndexSub: sub, ...(reading ? { dataIndexSubSort: reading } : {}) } : reading ? { dataIndexSort: reading } : {}),
        ...(attributes.see?.trim() ? { dataIndexSee: attributes.see.trim() } : {}),
        ...(attributes.seealso?.trim() ? { dataIndexSeealso: attributes.seealso.trim() } : {}),
      };
      node.data = { hName: "span", hProperties: { className: [indexMarkClass], ...properties } };
    });
  };
}
