import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { warn } from "../diagnostics.ts";

/** Elements the sanitizer drops with all they contain, and why an editor may have used them. */
const droppedElements = new Set(["script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base", "form", "input", "button", "select", "textarea", "svg", "math", "video", "audio", "source", "canvas"]);

const scriptUrl = /^\s*(javascript|vbscript|data):/i;

/**
 * Raw HTML is sanitized silently by rehype-sanitize; the editor is told here, before it runs,
 * what will be removed and where, so that nothing vanishes from the book unexplained.
 */
export default function rehypeReportUnsafe() {
  return (tree: Root, file: VFile) => {
    visit(tree, "element", (node: Element) => {
      if (droppedElements.has(node.tagName)) {
        warn(file, `Unexpected \`<${node.tagName}>\` in the manuscript, expected text and simple markup: it is removed with its content`, node, "unsafe-html");
        return;
      }
      for (const [name, value] of Object.entries(node.properties)) {
        if (/^on/i.test(name)) warn(file, `Unexpected event attribute \`${name.toLowerCase()}\` on \`<${node.tagName}>\`, expected none: it is removed`, node, "unsafe-html");
        else if ((name === "href" || name === "src") && scriptUrl.test(String(value))) warn(file, `Unexpected \`${String(value).split(":")[0]}:\` link on \`<${node.tagName}>\`, expected a web address or a file of the book: it is removed`, node, "unsafe-html");
        else if (name === "style") warn(file, `Unexpected \`style\` attribute on \`<${node.tagName}>\`, expected the book's own styles: it is removed`, node, "unsafe-html");
      }
    });
  };
}
