import type { Element, ElementContent, Root, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";

/** A letter of the scripts a Western book sets in italic for emphasis. */
const westernLetter = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/**
 * Western words with what stands between them: their letters, digits, spaces, ASCII punctuation
 * and the curly apostrophe and quotes of English; a run starts and ends at a letter, a digit or a
 * closing mark, so the spaces at its edges stay outside.
 */
const westernRun = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}](?:[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\s!-/:-@[-`{-~‘’“”]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}.!?)\]’”])?/gu;

const codeLike = new Set(["code", "pre", "kbd", "samp"]);

/** A text's Western runs as `<span class="western">`, the rest as text. */
function markWesternRuns(value: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(westernRun)) {
    if (!westernLetter.test(match[0])) continue;
    if (match.index > last) parts.push({ type: "text", value: value.slice(last, match.index) });
    parts.push({ type: "element", tagName: "span", properties: { className: ["western"] }, children: [{ type: "text", value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push({ type: "text", value: value.slice(last) });
  return parts;
}

/**
 * Emphasis in a Chinese book is 着重号, dots beside each character (clreq); a Western word or title
 * in emphasis (`*Proceedings of the VLDB Endowment*`) is emphasised as Western text is, in the
 * Western face's italic, without dots. The Western runs inside `<em>` are marked for
 * styles/base.css; Chinese text is never slanted.
 */
export default function rehypeWesternItalic() {
  return (tree: Root) => {
    visit(tree, "element", (emphasis: Element) => {
      if (emphasis.tagName !== "em") return undefined;
      visit(emphasis, (node, index, parent) => {
        if (node.type === "element" && codeLike.has((node as Element).tagName)) return SKIP;
        if (node.type === "element" && (node as Element).properties.className && String((node as Element).properties.className).includes("western")) return SKIP;
        if (node.type !== "text" || !parent || index === undefined) return undefined;
        const parts = markWesternRuns((node as Text).value);
        if (parts.length === 1 && parts[0]!.type === "text") return undefined;
        parent.children.splice(index, 1, ...(parts as typeof parent.children));
        return index + parts.length;
      });
      return SKIP;
    });
  };
}
