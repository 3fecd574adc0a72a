import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { toHtml } from "hast-util-to-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { lintText } from "../../scripts/lint/lint.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import remarkNestingLimit, { nestingLimit } from "../../scripts/markdown/remark-nesting-limit.ts";

const parseTimed = (body: string) => {
  const started = performance.now();
  const [chapter] = parseChapters([new VFile({ path: "/books/a/one.md", value: `# 题\n\n${body}` })], "/books/a");
  return { chapter: chapter!, seconds: (performance.now() - started) / 1000, html: toHtml(chapter!.tree) };
};

const assertRefused = (body: string, place: RegExp, kind: string) => {
  const { chapter, seconds } = parseTimed(body);
  const errors = chapter.file.messages.filter((message) => message.fatal);
  assert.equal(errors.length, 1, chapter.file.messages.map(String).join("\n"));
  assert.match(String(errors[0]), place);
  assert.match(errors[0]!.reason, new RegExp(`^Unexpected ${kind} nested more than 32 levels deep, expected at most 32 levels`));
  assert.equal(errors[0]!.ruleId, "nesting");
  assert.ok(seconds < 5, `${seconds} s`);
};

test("the limit is 32 levels", () => assert.equal(nestingLimit, 32));

test("block quotes 3,000 deep: an error at the 33rd `>`, in well under a second of parsing, no stack overflow", () => {
  assertRefused(`${">".repeat(3000)} 正文\n`, /one\.md:3:33/, "block quote");
});

test("lists 3,000 deep on one line, and 100 deep by indentation: an error at the 33rd item", () => {
  assertRefused(`${"- ".repeat(3000)}正文\n`, /one\.md:3:65/, "list");
  assertRefused(`${Array.from({ length: 100 }, (_, depth) => `${"  ".repeat(depth)}- 第${depth + 1}层`).join("\n")}\n`, /one\.md:35:65/, "list");
  assertRefused(`${"> 1. ".repeat(3000)}正文\n`, /one\.md:3:/, "(block quote|list)");
});

test("raw HTML 3,000 deep, as blocks or inline: an error at the 33rd element; the HTML parser never sees the rest", () => {
  assertRefused(`${"<div>".repeat(3000)}正文${"</div>".repeat(3000)}\n`, /one\.md:3:161/, "HTML element");
  assertRefused(`正文${"<span>".repeat(3000)}字${"</span>".repeat(3000)}\n`, /one\.md:3:195/, "HTML element");
  // Elements the HTML parser ends by itself (`<p>`, `<li>`) and void ones (`<br>`) do not nest.
  const { chapter } = parseTimed(`<div>\n${"<p>段<br>".repeat(200)}\n</div>\n`);
  assert.deepEqual(chapter.file.messages.map(String), []);
});

test("emphasis and footnotes nested deep are refused the same way", () => {
  assertRefused(`${"**".repeat(200)}正文${"**".repeat(200)}\n`, /one\.md:3:65/, "emphasis");
  assertRefused(`${"[^a]: ".repeat(200)}正文\n`, /one\.md:3:193/, "footnote");
});

test("32 levels are fine", () => {
  const { chapter, html } = parseTimed(`${"> ".repeat(16)}${"- ".repeat(16)}正文\n\n${"<div>".repeat(32)}字${"</div>".repeat(32)}\n`);
  assert.deepEqual(chapter.file.messages.map(String), []);
  assert.equal(html.match(/<blockquote>/g)?.length, 16);
  assert.equal(html.match(/<li>/g)?.length, 16);
  assert.equal(html.match(/<div>/g)?.length, 32);
});

test("the proofreading parses a hostile chapter as quickly, without overflowing", () => {
  const started = performance.now();
  lintText(`${">".repeat(3000)} 正文\n\n${"- ".repeat(3000)}字\n`, "zh-CN");
  assert.ok(performance.now() - started < 5000);
});

test("below the limit, block quotes and lists parse exactly as without it (blank and lazy lines, indents, markers mixed)", () => {
  const plain = unified().use(remarkParse);
  const limited = unified().use(remarkParse).use(remarkNestingLimit);
  const prefix = fc.constantFrom("> ", ">", "- ", "* ", "1. ", "2) ", "  ", "   ", "    ", " ");
  const line = fc.tuple(fc.array(prefix, { maxLength: 8 }), fc.constantFrom("甲", "", "- - -", "```", "乙 > 丙")).map(([prefixes, text]) => prefixes.join("") + text);
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
      const markdown = `${lines.join("\n")}\n`;
      assert.deepEqual(limited.runSync(limited.parse(markdown)), plain.runSync(plain.parse(markdown)), markdown);
    }),
    { numRuns: 500 },
  );
});
