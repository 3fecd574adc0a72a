import type { Element, Root } from "hast";
import { SKIP, visit } from "unist-util-visit";
import { wrapMatches, wrapTexts } from "./wrap-text.ts";

/** A letter of the scripts a Western book sets in italic for emphasis. */
const westernLetter = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/**
 * Western words with what stands between them: their letters, digits, spaces, ASCII punctuation
 * and the curly apostrophe and quotes of English; a run starts and ends at a letter, a digit or a
 * closing mark, so the spaces at its edges stay outside.
 */
const westernRun = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}](?:[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\s!-/:-@[-`{-~‘’“”]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}.!?)\]’”])?/gu;

/**
 * Emphasis in a Chinese book is 着重号, dots beside each character (clreq); a Western word or title
 * in emphasis (`*Proceedings of the VLDB Endowment*`) is emphasised as Western text is, in the
 * Western face's italic, without dots. The Western runs inside `<em>` are marked
 * `<span class="western">` for styles/base.css; Chinese text is never slanted.
 */
export default function rehypeWesternItalic() {
  return (tree: Root) => {
    visit(tree, "element", (emphasis: Element) => {
      if (emphasis.tagName !== "em") return undefined;
      wrapTexts(emphasis, (value) => wrapMatches(value, westernRun, "western", (run) => westernLetter.test(run)));
      return SKIP;
    });
  };
}
