import { isAlias, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";

/** What is wrong with a YAML text, at an offset into it when known. */
export interface YamlProblem {
  message: string;
  offset?: number;
}

export type YamlRead = { ok: true; document: Document; value: unknown } | { ok: false; problems: YamlProblem[] };

/**
 * Parses book.yaml or a chapter's front matter. The YAML library refuses to expand aliases beyond a
 * limit (an "alias bomb" of nested `*refs` would take all memory) by throwing; that, like a syntax
 * error, becomes a problem the editor can fix rather than a crash.
 */
export function readYaml(text: string): YamlRead {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((problem) => ({ message: `Unexpected YAML syntax: ${problem.message.split("\n")[0]}, expected valid YAML (check indentation and quotes)`, offset: problem.pos[0] })) };
  }
  try {
    return { ok: true, document, value: document.toJS() };
  } catch (cause) {
    if (!/resource exhaustion/i.test((cause as Error).message)) throw cause;
    return {
      ok: false,
      problems: [{ message: "Unexpected YAML aliases (`*name`) that expand to an enormous value (a resource-exhaustion pattern), expected plain values: write the values out instead of nesting aliases", offset: firstAliasOffset(document) }],
    };
  }
}

function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The node at `keyPath`, or its nearest ancestor in the document: where a message about the value there points. */
export function nearestNode(document: Document, keyPath: readonly PropertyKey[]): YamlNode | undefined {
  for (let length = keyPath.length; length > 0; length--) {
    const node = document.getIn(keyPath.slice(0, length) as unknown[], true);
    if (node && typeof node === "object" && "range" in node) return node as YamlNode;
  }
  return undefined;
}
