import type { Code, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";

/**
 * The text after a code fence (``` or ~~~) is its info string, which Markdown keeps out of the
 * book (it names the code's language). Han text there is the editor's words, not a language name,
 * so it is kept as the block's first line and reported rather than silently dropped.
 */
export default function remarkFenceInfo() {
  return (tree: Root, file: VFile) => {
    visit(tree, "code", (node: Code) => {
      const info = [node.lang, node.meta].filter(Boolean).join(" ");
      if (!/\p{Script=Han}/u.test(info)) return;
      warn(
        file,
        `Unexpected text “${info}” after a code fence, expected a language name or nothing: it is kept as the first line of the code block; if the line was not meant to start code, put a backslash before its first character`,
        node,
        "fence-info",
      );
      node.value = node.value ? `${info}\n${node.value}` : info;
      node.lang = null;
      node.meta = null;
    });
  };
}
