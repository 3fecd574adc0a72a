import type { Element, Root, RootContent, Text } from "hast";
import { h } from "hastscript";
import { common, createLowlight } from "lowlight";
import { SKIP, visit } from "unist-util-visit";

const lowlight = createLowlight(common);

/**
 * highlight.js scopes, by the first word of their class, as the few token classes styles/code.css
 * tells apart on paper. Scopes not named here (operators, punctuation, parameters, variables…) are
 * printed as plain text.
 */
const tokenClasses = new Map([
  ["keyword", "tok-keyword"],
  ["selector-tag", "tok-keyword"],
  ["name", "tok-keyword"],
  ["comment", "tok-comment"],
  ["quote", "tok-comment"],
  ["string", "tok-string"],
  ["regexp", "tok-string"],
  ["symbol", "tok-string"],
  ["link", "tok-string"],
  ["number", "tok-number"],
  ["literal", "tok-number"],
  ["title", "tok-name"],
  ["section", "tok-name"],
  ["attr", "tok-name"],
  ["attribute", "tok-name"],
  ["selector-id", "tok-name"],
  ["selector-class", "tok-name"],
  ["type", "tok-type"],
  ["built_in", "tok-type"],
  ["meta", "tok-meta"],
  ["addition", "tok-addition"],
  ["deletion", "tok-deletion"],
]);

/** Code inside a string (`${x}`, f"{x}"): code again, not string. */
const substitution = "subst";

/** A run of text and the token class it is printed in, if any. */
interface Run {
  text: string;
  tokenClass: string | undefined;
}

/**
 * The text of highlight.js's tree as runs of one class each. The outermost scope decides (a
 * keyword inside a JSON literal is printed as the literal, an escape or a variable inside a string
 * as the string), so no token is nested in another.
 */
function collectRuns(nodes: readonly RootContent[], tokenClass: string | undefined, runs: Run[]): Run[] {
  for (const node of nodes) {
    if (node.type === "text") runs.push({ text: node.value, tokenClass });
    else if (node.type === "element") {
      const [scope = ""] = ((node.properties.className as string[] | undefined) ?? []).map((name) => name.replace(/^hljs-/, ""));
      collectRuns(node.children, scope === substitution ? undefined : tokenClass ?? tokenClasses.get(scope), runs);
    }
  }
  return runs;
}

/**
 * One `<span class="line">` per source line, each keeping its line feed, so the text stays
 * character for character what the author wrote. A token that spans lines (a block comment, a
 * multi-line string) is cut at each line feed and goes on in a span of the same class on the next line.
 */
function splitIntoLines(runs: readonly Run[]): Element[] {
  const lines: Element[] = [];
  let lineEnded = true;
  for (const { text, tokenClass } of runs) {
    for (const piece of text.split(/(?<=\n)/)) {
      if (!piece) continue;
      if (lineEnded) lines.push(h("span.line"));
      const line = lines.at(-1)!;
      const last = line.children.at(-1);
      const lastClass = last?.type === "element" ? (last.properties.className as string[])[0] : undefined;
      if (last?.type === "text" && !tokenClass) last.value += piece;
      else if (last?.type === "element" && lastClass === tokenClass) (last.children[0] as Text).value += piece;
      else line.children.push(tokenClass ? h("span", { className: [tokenClass] }, piece) : { type: "text", value: piece });
      lineEnded = piece.endsWith("\n");
    }
  }
  return lines;
}

function languageOf(code: Element): string | undefined {
  const classes = (code.properties.className as string[] | undefined) ?? [];
  return classes.find((name) => name.startsWith("language-"))?.slice("language-".length);
}

/**
 * Code blocks (`pre > code`) highlighted with highlight.js's common languages when the fence names
 * one (GitHub's sanitizing schema keeps only `language-*` classes on `code`), and cut into lines so
 * that styles/code.css can mark where a long line wraps. Without a known language the code is only
 * cut into lines: guessing the language would make the book depend on highlight.js's heuristics.
 * Math (`language-math`) is typeset elsewhere. A block holding markup of its own (raw HTML) is left
 * as written. Classes only, no inline styles: how tokens look is styles/code.css's business.
 */
export default function rehypeCodeBlocks() {
  return (tree: Root) => {
    visit(tree, "element", (pre: Element) => {
      if (pre.tagName !== "pre") return undefined;
      for (const code of pre.children) {
        if (code.type !== "element" || code.tagName !== "code") continue;
        if (!code.children.every((child) => child.type === "text")) continue;
        const language = languageOf(code);
        if (language === "math") continue;
        const text = code.children.map((child) => (child.type === "text" ? child.value : "")).join("");
        const tokens: RootContent[] = language && lowlight.registered(language) ? lowlight.highlight(language, text).children : [{ type: "text", value: text }];
        code.children = splitIntoLines(collectRuns(tokens, undefined, []));
      }
      return SKIP;
    });
  };
}
