import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import rehypeRaw from "rehype-raw";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import rehypeCodeBlocks from "../../scripts/markdown/rehype-code-blocks.ts";

/** The chain of parse.ts around the plugin: Markdown to hast, sanitized with GitHub's schema. */
const sanitized = (markdown: string) => {
  const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize, defaultSchema);
  return processor.runSync(processor.parse(markdown)) as Root;
};
const highlighted = (tree: Root) => {
  const copy = structuredClone(tree);
  unified().use(rehypeCodeBlocks).runSync(copy);
  return copy;
};
const selectAll = (tree: Root | Element, test: (element: Element) => boolean) => {
  const found: Element[] = [];
  visit(tree, "element", (element: Element) => void (test(element) && found.push(element)));
  return found;
};
const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\`\n`;
const lines = (tree: Root) => selectAll(tree, (element) => hasClass(element, "line"));
const hasClass = (element: Element, name: string) => ((element.properties.className as string[] | undefined) ?? []).includes(name);
/** The characters of an element as written (toText collapses white space outside `pre`). */
const textOf = (element: Element) => selectText(element).join("");
const selectText = (node: Element): string[] => node.children.flatMap((child) => (child.type === "text" ? [child.value] : child.type === "element" ? selectText(child) : []));
const tokens = (tree: Root, name: string) => selectAll(tree, (element) => hasClass(element, name)).map(textOf);

test("a known language is highlighted with token classes, whatever alias the fence uses; the outermost scope decides", () => {
  const cases = [
    ["js", "const answer = 42; // why", { "tok-keyword": ["const"], "tok-number": ["42"], "tok-comment": ["// why"] }],
    ["python", 'def greet(name):\n    return f"hi {name}"', { "tok-keyword": ["def", "return"], "tok-name": ["greet"], "tok-string": ['f"hi ', '"'] }],
    ["rust", 'fn main() { let s: String = "x".into(); }', { "tok-keyword": ["fn", "let"], "tok-type": ["String"], "tok-string": ['"x"'] }],
    ["sh", 'echo "$HOME" # home', { "tok-type": ["echo"], "tok-string": ['"$HOME"'], "tok-comment": ["# home"] }],
    ["json", '{"ok": true}', { "tok-name": ['"ok"'], "tok-number": ["true"], "tok-keyword": [] }],
  ] as const;
  for (const [language, code, expected] of cases) {
    const tree = highlighted(sanitized(fence(language, code)));
    for (const [name, texts] of Object.entries(expected)) assert.deepEqual(tokens(tree, name), texts, `${language}: .${name}`);
  }
});

test("the text of a block is unchanged, a multi-line comment and string split into lines that each carry the token class", () => {
  const code = "/* first line of a comment\n   second line */\nconst s = `one\ntwo`;\n\n  indented\t tab";
  const before = sanitized(fence("js", code));
  const after = highlighted(before);
  assert.equal(toText(after), toText(before));
  assert.equal(toText(after), `${code}\n`);
  const lineElements = lines(after);
  assert.deepEqual(
    lineElements.map(textOf),
    ["/* first line of a comment\n", "   second line */\n", "const s = `one\n", "two`;\n", "\n", "  indented\t tab\n"],
  );
  assert.deepEqual(tokens(after, "tok-comment"), ["/* first line of a comment\n", "   second line */"]);
  assert.deepEqual(tokens(after, "tok-string"), ["`one\n", "two`"]);
  for (const [index, name] of [[0, "tok-comment"], [1, "tok-comment"], [2, "tok-string"], [3, "tok-string"]] as const) {
    assert.ok(selectAll(lineElements[index]!, (element) => hasClass(element, name)).length === 1, `line ${index + 1} has its own .${name}`);
  }
});

test("scopes the stylesheet does not tell apart leave no spans, tokens are not nested, no inline styles", () => {
  const html = toHtml(highlighted(sanitized(fence("js", "function f(a, b) { return `${a + 1}`; }"))));
  assert.doesNotMatch(html, /hljs-|params|style=/);
  assert.match(html, /<span class="tok-keyword">function<\/span> <span class="tok-name">f<\/span>\(a, b\)/);
  assert.match(html, /<span class="tok-string">`<\/span>\$\{a \+ <span class="tok-number">1<\/span>\}<span class="tok-string">`<\/span>/);
});

test("an unknown language or none stays plain text, cut into lines", () => {
  for (const language of ["", "no-such-language"]) {
    const before = sanitized(fence(language, "if x then\n  y"));
    const after = highlighted(before);
    assert.equal(toText(after), toText(before));
    assert.deepEqual(lines(after).map((line) => toHtml(line)), ['<span class="line">if x then\n</span>', '<span class="line">  y\n</span>']);
  }
});

test("math, inline code, an empty block and a block with markup of its own are left alone", () => {
  for (const markdown of [fence("math", "a^2 + b^2\n= c^2"), "Use `const x = 1` here.\n", "```js\n```\n", '<pre><code class="language-js">let <b>x</b> = 1;\nlet y;</code></pre>\n']) {
    const before = sanitized(markdown);
    assert.deepEqual(highlighted(before), before, markdown);
  }
});
