import type { Link, Paragraph, PhrasingContent, Root } from "mdast";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { toString } from "mdast-util-to-string";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import type { Code, Construct, ConstructRecord, Extension, State, TokenizeContext, Tokenizer } from "micromark-util-types";
import type { Processor } from "unified";
import { visit } from "unist-util-visit";
import { endsUrl, urlEndIn } from "./url-end.ts";

const space = 32;

/** The code a GFM literal autolink reads: a character that ends an address (url-end.ts) reads as a space, which ends it. */
const asGfmReadsIt = (code: Code): Code => (code !== null && code > 0 && endsUrl(code) ? space : code);

/**
 * GFM's literal autolink, reading every character that ends an address as a space. Its own rules do
 * the rest: `*http://www.example.com*。` ends before the `*`, as trailing punctuation before white
 * space, so the emphasis closes; `见www.example.com` starts as after a space. Its states get each
 * code read so until it has ended (ok or nok, which take no code).
 */
function endingAtCjk(construct: Construct): Construct {
  const { tokenize, previous, name } = construct;
  const bounded: Tokenizer = function (effects, ok, nok) {
    let ended = false;
    const end = (next: State): State => (code) => {
      ended = true;
      return next(code);
    };
    const read = (state: State): State => (code) => {
      const next = state(asGfmReadsIt(code));
      return ended || next === undefined ? next : read(next);
    };
    const context: TokenizeContext = Object.create(this, { previous: { get: () => asGfmReadsIt(this.previous) } });
    return read(tokenize.call(context, effects, end(ok), end(nok)));
  };
  const boundedPrevious = previous && function (this: TokenizeContext, code: Code) {
    return previous.call(this, asGfmReadsIt(code));
  };
  return { ...construct, name: `${name}EndingAtCjk`, tokenize: bounded, previous: boundedPrevious };
}

function literalAutolinkEndingAtCjk(): Extension {
  const gfm = gfmAutolinkLiteral();
  const text: ConstructRecord = {};
  const names = new Set<string>();
  for (const [code, constructs] of Object.entries(gfm.text ?? {})) {
    const list = [constructs ?? []].flat();
    for (const construct of list) names.add(construct.name!);
    text[code] = list.map(endingAtCjk);
  }
  return { text, disable: { null: [...names] } };
}

const linkLiterals = gfmAutolinkLiteralFromMarkdown().transforms![0]!;

/** What GFM makes of a piece of text: its addresses linked, as its transform does after parsing. */
function withLiteralsLinked(value: string): PhrasingContent[] {
  const paragraph: Paragraph = { type: "paragraph", children: [{ type: "text", value }] };
  linkLiterals({ type: "root", children: [paragraph] });
  return paragraph.children;
}

/**
 * GFM also links addresses in text after parsing, by regular expression up to white space (`（www.example.com）`
 * and `网址:www.example.com。`, which its parser leaves as text). Those links have no position; each is
 * cut where its address ends and both parts linked again, so an address after the cut is found too.
 */
function cutTransformLinks(tree: Root): void {
  // Once more over the whole tree: text put back after parsing (a `:name` that remark-directive took
  // for a directive, as in `网址:www.example.com`) missed the parser's own pass.
  linkLiterals(tree);
  visit(tree, "link", (link: Link, index, parent) => {
    if (link.position || !parent || index === undefined) return;
    const text = toString(link);
    const end = urlEndIn(text);
    if (end <= 0) return;
    parent.children.splice(index, 1, ...withLiteralsLinked(text.slice(0, end)), ...withLiteralsLinked(text.slice(end)));
    return index;
  });
}

/**
 * Literal autolinks (a bare `http(s)://`, `www.` or e-mail address) end where the address ends in
 * Chinese text: before a CJK character or full-width punctuation, and before the `*` or `_` closing
 * the emphasis around it. `<http://…>` and `[text](url)` are taken as written. Use after remark-gfm.
 */
export default function remarkAutolinkEnd(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), literalAutolinkEndingAtCjk()];
  return cutTransformLinks;
}
