import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element } from "hast";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { checkFontCoverage } from "../../scripts/fonts/coverage.ts";
import { safeId } from "../../scripts/markdown/cross-references.ts";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { ignoredKeysSummary } from "../../scripts/markdown/remark-chapter-meta.ts";
import { readYaml } from "../../scripts/book/yaml.ts";
import { fixture } from "../helpers.ts";

const manuscriptDir = fixture("chapter-links");
const parse = (chapters: Record<string, string>, assetsDir = manuscriptDir) =>
  parseChapters(Object.entries(chapters).map(([name, value]) => new VFile({ path: `${manuscriptDir}/${name}`, value })), manuscriptDir, assetsDir);
const links = (tree: Element | import("hast").Root) => {
  const found: string[] = [];
  visit(tree, "element", (node: Element) => void (node.tagName === "a" && found.push(`${toText(node)}→${String(node.properties.href)}`)));
  return found;
};

test("front matter title: the chapter title without a heading; the heading wins, with a warning, when they differ", () => {
  const [plain, both, same] = parse({
    "a.md": "---\ntitle: 第一章 起源\nweight: 3\n---\n\n正文。\n",
    "b.md": "---\ntitle: 旧题\n---\n\n# 第二章 新题\n\n正文。\n",
    "c.md": "---\ntitle: 第三章\n---\n\n# 第三章\n\n正文。\n",
  });
  assert.equal(plain!.title, "第一章 起源");
  assert.deepEqual(plain!.file.messages, []);
  assert.equal(both!.title, "第二章 新题");
  assert.match(String(both!.file.messages[0]), /b\.md:5:1.*front matter title “旧题” that differs from the heading “第二章 新题”/);
  assert.deepEqual(same!.file.messages, []);
});

test("static-site front matter keys are ignored quietly and summed up once; our own keys misspelled still get “did you mean”", () => {
  const chapters = parse({
    "a.md": "---\ntitle: 甲\nweight: 10\nlinkTitle: 甲\nslug: a\ndraft: false\ntags: [x]\n---\n\n正文。\n",
    "b.md": "---\ntitle: 乙\nweight: 20\nsubtitel: 副题\n---\n\n正文。\n",
  });
  assert.deepEqual(chapters[0]!.file.messages, []);
  const [message] = chapters[1]!.file.messages;
  assert.match(String(message), /b\.md:4:1.*Unexpected front matter key `subtitel`.*did you mean `subtitle`/);
  assert.equal(chapters[1]!.file.messages.length, 1);
  assert.equal(
    ignoredKeysSummary(chapters.map((chapter) => chapter.file)),
    "Ignored static-site front matter keys, which mean nothing in a book: `draft` (1), `linkTitle` (1), `slug` (1), `tags` (1), `weight` (2) (chapters carrying each)",
  );
});

test("YAML: an alias bomb is a problem at its first alias, not a crash", () => {
  const read = readYaml(`a: &a [x, x, x, x, x, x, x, x, x, x]\n${"bcdefgh".split("").map((key, index) => `${key}: &${key} [${Array(10).fill(`*${index === 0 ? "a" : "bcdefgh"[index - 1]}`).join(", ")}]`).join("\n")}\n`);
  assert.equal(read.ok, false);
  assert.match((read as { problems: Array<{ message: string; offset?: number }> }).problems[0]!.message, /resource-exhaustion/);
  assert.equal((read as { problems: Array<{ offset?: number }> }).problems[0]!.offset, 44);
});

test("links to chapter files, written the ways sites write them, become links into the book; other files become text with a warning", () => {
  const [one, two] = parse({
    "one.md": [
      "# 一",
      "",
      "[甲](part2/two.md) [乙](./part2/two.md#sec) [丙](part2/two.html#sec) [丁](part2/two/) [戊](/part2/two.md)",
      "",
      "![图](images/fig.png)",
      "",
      "[见图](images/fig.png) [笔记](notes.txt) [缺](nowhere.md) [网](https://example.com/a.md)",
      "",
    ].join("\n"),
    "part2/two.md": "# 二\n\n## 节 {#sec}\n\n[回](../one.md)\n",
  });
  const [figure] = (() => {
    const ids: string[] = [];
    visit(one!.tree, "element", (node: Element) => void (node.tagName === "figure" && ids.push(String(node.properties.id))));
    return ids;
  })();
  assert.deepEqual(links(one!.tree), ["甲→#chapter-2", "乙→#c2-sec", "丙→#c2-sec", "丁→#chapter-2", "戊→#chapter-2", `见图→#${figure}`, "网→https://example.com/a.md"]);
  assert.deepEqual(links(two!.tree), ["回→#chapter-1"]);
  const messages = one!.file.messages.map(String);
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /one\.md:7:\d+-7:\d+: Unexpected link `notes\.txt` to a file of the manuscript that is not a chapter/);
  assert.match(messages[1]!, /one\.md:7:\d+-7:\d+: Unexpected link `nowhere\.md` to a file that does not exist/);
  assert.ok(toText(one!.tree).includes("笔记"));
});

test("site-root image paths are read from the assets folder; a missing site-root link names that key", () => {
  const [chapter] = parse({ "one.md": "# 一\n\n![图](/fig.png)\n\n[表](/table.csv)\n" }, `${manuscriptDir}/images`);
  assert.equal(chapter!.images[0]!.absolutePath, `${manuscriptDir}/images/fig.png`);
  assert.equal(chapter!.images[0]!.siteRootOf, `${manuscriptDir}/images`);
  assert.match(String(chapter!.file.messages[0]), /5:1-5:\d+: Unexpected link `\/table\.csv` to a file that does not exist \(`images\/table\.csv`\).*`assets:` names \(now `images`\)/);
});

test("site-root page links (Hugo's `/ch2`, `/zh/ch2/#sec`) find the chapter served at that page, with the assets folder elsewhere", () => {
  const [one] = parse(
    {
      "content/zh/one.md": "# 一\n\n[甲](/two) [乙](/zh/two/#sec) [丙](/part/three.html) [丁](/nowhere)\n",
      "content/zh/two.md": "# 二\n\n## 节 {#sec}\n",
      "content/zh/part/three/_index.md": "# 三\n",
    },
    `${manuscriptDir}/images`,
  );
  assert.deepEqual(links(one!.tree), ["甲→#chapter-2", "乙→#c2-sec", "丙→#chapter-3"]);
  assert.match(String(one!.file.messages[0]), /Unexpected link `\/nowhere` to a file that does not exist/);
});

test("ids are made ASCII one-to-one, percent-encoding undone first", () => {
  assert.equal(safeId("c1-fn-%E8%AF%91%E6%B3%A81"), safeId("c1-fn-译注1"));
  assert.match(safeId("c1-fn-译注1"), /^[A-Za-z0-9_-]+$/);
  assert.notEqual(safeId("a_b"), safeId("a-b"));
  assert.notEqual(safeId("注1"), safeId("注_1"));
  assert.equal(safeId("c2-sec-method"), "c2-sec-method");
});

test("font coverage is the union of the declared faces: Western names, Greek, Cyrillic and Extension B pass; a character no face has does not", () => {
  const file = new VFile({ path: "a.md", value: "Çetintemel、Michał、Jovanović、Šime Ødegård；σ ϕ Ж；𠀀𪚥；\u{30000}" });
  const uncovered = checkFontCoverage([file]);
  assert.deepEqual([...uncovered], ["\u{30000}"]);
  assert.match(String(file.messages[0]), /U\+30000.*Noto Serif/);
});
