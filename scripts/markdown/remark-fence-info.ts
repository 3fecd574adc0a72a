import type { Code, Paragraph, Root } from "mdast";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";
import { codeTitleClass } from "./remark-admonitions.ts";

/** A language name, the first word of an info string. */
const languageName = /^[A-Za-z][\w+#.-]*$/;
/** A code block's title after its language: Docusaurus's `title="src/a.js"`, or a quoted one as Hugo themes write it (```` ```mermaid "架构图" ````). */
const titleAttribute = /^(?:title=)?(["'])(.*?)\1\s*/;
/** VitePress's tab label in a code group, `[npm]` (remark-admonitions.ts prints it). */
const tabLabel = /^\[[^\]]+\]/;

/**
 * The text after a code fence (``` or ~~~) is its info string, which Markdown keeps out of the
 * book (it names the code's language). Han text there is the editor's words, not a language name,
 * so it is kept as the block's first line and reported rather than silently dropped.
 */
export default function remarkFenceInfo() {
  return (tree: Root, file: VFile) => {
    visit(tree, "code", (node: Code, index, parent) => {
      const chunk = executableChunk(node);
      if (chunk === "hidden" && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (chunk) return;
      // After a language name, a title is printed above the code, as the site shows it; a tab label is the code group's.
      if (node.lang && languageName.test(node.lang) && node.meta) {
        if (tabLabel.test(node.meta)) return;
        const title = titleAttribute.exec(node.meta);
        if (title && parent && index !== undefined) {
          node.meta = node.meta.slice(title[0].length) || null;
          const heading: Paragraph = { type: "paragraph", children: [{ type: "text", value: title[2]!, position: node.position }], data: { hProperties: { className: [codeTitleClass] } }, position: node.position };
          if (title[2]!.trim()) {
            parent.children.splice(index, 0, heading);
            if (!/\p{Script=Han}/u.test(node.meta ?? "")) return [SKIP, index + 2];
          }
        }
      }
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

/** Quarto's and R Markdown's executable chunk: ```` ```{r} ````, ```` ```{python, echo=FALSE} ````; not ```` ```{{r}} ```` (a chunk shown as written). */
const chunkInfo = /^\{\s*([A-Za-z][\w-]*)\s*(?:[,\s]([^{}]*))?\}$/;
/** A chunk option line (`#| echo: false`), which the site never shows. */
const optionLine = /^[ \t]*#\|/;

/**
 * A Quarto or R Markdown chunk prints as the site shows its code: without its `#|` option lines,
 * highlighted as its language, and not at all when the site hides the code (`echo: false`,
 * `include: false`, or `echo=FALSE` in the braces); its output, made by running the code, is not in
 * the source and not in the book. Returns "hidden" for a chunk the site does not show, true for
 * one it does (rewritten here), undefined for other code.
 */
function executableChunk(node: Code): "hidden" | true | undefined {
  const match = chunkInfo.exec([node.lang, node.meta].filter(Boolean).join(" ").trim());
  if (!match) return undefined;
  const lines = node.value.split("\n");
  const options = lines.filter((line) => optionLine.test(line)).map((line) => line.replace(optionLine, "").trim());
  const inBraces = (match[2] ?? "").split(",").map((option) => option.trim());
  const hides = (name: string) => options.some((option) => new RegExp(`^${name}\\s*:\\s*false\\s*$`, "i").test(option)) || inBraces.some((option) => new RegExp(`^${name}\\s*=\\s*(FALSE|F)$`).test(option));
  if (hides("echo") || hides("include")) return "hidden";
  node.value = lines.filter((line) => !optionLine.test(line)).join("\n").replace(/^\n+/, "");
  node.lang = match[1]!.toLowerCase();
  node.meta = null;
  return true;
}
