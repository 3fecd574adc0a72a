import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { bookSchema } from "../../scripts/book/schema.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { chapterSection } from "../../scripts/render/book-sections.ts";
import { runningHeadCss } from "../../scripts/render/page-css.ts";
import { pageNotes } from "../../scripts/render/page-notes.ts";
import { circledNoteCalls } from "../../scripts/render/chapter-notes.ts";
import { renderBookParts } from "../../scripts/render/book-html.ts";
import { loadRenderAssets } from "../../scripts/render/assets.ts";
import { epubLinks } from "../../scripts/epub/links.ts";
import { linkTargets } from "../../scripts/markdown/cross-references.ts";

const manuscriptDir = "/books/sample";
const parse = (...values: string[]) => parseChapters(values.map((value, index) => new VFile({ path: `${manuscriptDir}/chapters/${index + 1}.md`, value })), manuscriptDir);

test("page notes: each call becomes its note, a note cited twice is set at both calls, the chapter-end list goes", () => {
  const [chapter] = parse("# 题\n\n甲[^a]乙[^b]丙[^a]。\n\n[^a]: 注一。\n\n    注一续。\n[^b]: 注二 **重**。\n");
  const html = toHtml(pageNotes(chapterSection(chapter!, 0, "zh-CN")));
  assert.equal(html.match(/<span class="footnote"/g)?.length, 3);
  assert.equal(html.match(/注一。<\/span><span class="footnote-paragraph">注一续。<\/span>/g)?.length, 2);
  assert.match(html, /注二 <strong>重<\/strong>。<\/span><\/span>丙/);
  assert.ok(!html.includes("data-footnotes") && !html.includes("↩") && !html.includes("<sup>"), html);
  // The shared tree is left as it was, for the EPUB and the other layout.
  assert.match(toHtml(chapter!.tree), /data-footnotes/);
});

test("chapter-end notes: calls carry circled numbers like the list, and the list stays at the chapter's end", async () => {
  const [chapter] = parse("# 题\n\n甲[^a]乙[^b]丙[^a]。\n\n[^a]: 注一。\n[^b]: 注二。\n");
  const html = toHtml(circledNoteCalls(chapterSection(chapter!, 0, "zh-CN")));
  assert.match(html, /甲<a class="footnote-call" href="#c1-fn-a" id="c1-fnref-a">①<\/a>乙<a class="footnote-call" href="#c1-fn-b" id="c1-fnref-b">②<\/a>丙<a class="footnote-call" href="#c1-fn-a" id="c1-fnref-a-2">①<\/a>/);
  assert.match(html, /data-footnotes[\s\S]*注一[\s\S]*注二/);
  const config = bookSchema.parse({ title: "书", authors: ["甲"], publisher: "社", chapters: ["a.md"], notes: "chapter" });
  const assets = await loadRenderAssets();
  for (const layout of ["horizontal", "vertical"] as const) {
    const book = renderBookParts({ config, chapters: [chapter!], layout }, assets).map((part) => part.html).join("");
    assert.ok(book.includes("footnote-call") && book.includes("data-footnotes") && !book.includes('class="footnote"'), layout);
  }
  const pageNoted = renderBookParts({ config: { ...config, notes: "page" }, chapters: [chapter!], layout: "horizontal" }, assets).map((part) => part.html).join("");
  assert.ok(pageNoted.includes('<span class="footnote"') && !pageNoted.includes("data-footnotes"));
});

test("cross-references: resolved in their own chapter first, else in the one chapter that has the id; {title} and {page} filled in", () => {
  const [one, two] = parse(
    "# 一\n\n## 方法 {#method}\n\n见[{title}](#method)，[第{page}页](#results)，[原文](#method)。\n",
    "# 二\n\n## 结果 {#results}\n\n## 方法二 {#method}\n\n见[“{title}”](#method)。\n",
  );
  const first = toHtml(one!.tree);
  assert.match(first, /<h2 id="c1-method">方法<\/h2>/);
  assert.match(first, /<a href="#c1-method">方法<\/a>/);
  assert.match(first, /<a href="#c2-results">第<span class="page-ref" data-page-ref="c2-results"><\/span>页<\/a>/);
  assert.match(toHtml(two!.tree), /<a href="#c2-method">“方法二”<\/a>/);
  assert.equal(one!.file.messages.length + two!.file.messages.length, 0);
});

test("a link to an id no chapter has, or that two other chapters have, is plain text with a warning at the link", () => {
  const [one] = parse("# 一\n\n见[第{page}页](#nowhere)与[此](#twice)。\n", "# 二\n\n## 甲 {#twice}\n", "# 三\n\n## 乙 {#twice}\n");
  const messages = one!.file.messages.map(String);
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /1\.md:3:2-3:22: Unexpected link `#nowhere` \(an id that no heading or anchor of the book has\).*set as plain text/);
  assert.match(messages[1]!, /Unexpected link `#twice` \(an id that 2 chapters have\)/);
  assert.ok(one!.file.messages.every((message) => !message.fatal));
  assert.equal(toText(one!.tree).trim(), "见第??页与此。");
  let links = 0;
  visit(one!.tree, "element", (node: Element) => void (links += node.tagName === "a" ? 1 : 0));
  assert.equal(links, 0);
});

test("EPUB: a link into another chapter names its file; a page reference shows the target's title", () => {
  const chapters = parse("# 一\n\n见[第{page}页](#results)。\n", "# 二\n\n## 结果 {#results}\n");
  const fileOf = (index: number) => `chapter-${index + 1}.xhtml`;
  const html = toHtml(epubLinks(chapterSection(chapters[0]!, 0, "zh-CN"), 0, linkTargets(chapters), fileOf));
  assert.match(html, /<a href="chapter-2\.xhtml#c2-results">“结果”<\/a>/);
  assert.ok(!html.includes("data-page-ref"));
});

test("running heads: verso and recto strings come from what book.yaml names", () => {
  const config = bookSchema.parse({ title: "书", authors: ["甲"], publisher: "社", chapters: ["a.md"] });
  assert.deepEqual(config.runningHeads, { verso: "book", recto: "chapter" });
  assert.equal(config.notes, "page");
  assert.equal(runningHeadCss(config.runningHeads), ".book-title, .running-book-title { string-set: verso-head content(text); }\n.chapter-title { string-set: recto-head content(text); }");
  assert.match(runningHeadCss({ verso: "chapter", recto: "section" }), /^\.chapter-title \{ string-set: verso-head[^\n]*\n\.chapter-title, \.chapter > h2, h2\.section-title \{ string-set: recto-head/);
  const wrong = bookSchema.safeParse({ title: "书", authors: ["甲"], publisher: "社", chapters: ["a.md"], runningHeads: { recto: "page" }, notes: "end" });
  assert.equal(wrong.success, false);
  assert.deepEqual(wrong.error!.issues.map((issue) => issue.path.join(".")).sort(), ["notes", "runningHeads.recto"]);
});
