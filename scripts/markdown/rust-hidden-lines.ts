import type { Code, Root } from "mdast";
import { visit } from "unist-util-visit";

/** A line rustdoc and mdBook hide from readers: `#` alone or followed by a space (setup the example needs to compile). */
const hiddenLine = /^\s*#(?:\s|$)/;

export function withoutHiddenRustLines(code: string): string {
  return code
    .split("\n")
    .filter((line) => !hiddenLine.test(line))
    .join("\n");
}

/** Rust code blocks are printed as mdBook shows them, without their hidden lines. */
export default function remarkRustHiddenLines() {
  return (tree: Root) => {
    visit(tree, "code", (node: Code) => {
      if (node.lang?.toLowerCase().split(",")[0] === "rust") node.value = withoutHiddenRustLines(node.value);
    });
  };
}
