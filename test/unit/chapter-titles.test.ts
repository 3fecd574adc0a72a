import assert from "node:assert/strict";
import { test } from "node:test";
import { VFile } from "vfile";
import { parseChapters } from "../../scripts/markdown/parse.ts";

const manuscriptDir = "/books/site";
const parse = (chapters: Record<string, string>) => parseChapters(Object.entries(chapters).map(([name, value]) => new VFile({ path: `${manuscriptDir}/${name}`, value })), manuscriptDir);
const messages = (file: VFile) => file.messages.map(String);

test("the first level-1 heading is the title, before front matter `title:` and the site's own keys", () => {
  const [chapter] = parse({ "a.md": "---\nlinkTitle: 短题\n---\n\n正文。\n\n# 第一章 长题\n" });
  assert.equal(chapter!.title, "第一章 长题");
  assert.deepEqual(messages(chapter!.file), []);
});

test("front matter `title:` is the title without a heading, quietly", () => {
  const [chapter] = parse({ "a.md": "---\nlinkTitle: 短题\ntitle: 第一章 长题\n---\n\n正文。\n" });
  assert.equal(chapter!.title, "第一章 长题");
  assert.deepEqual(messages(chapter!.file), []);
});

test("without either, a static-site title key is the title, in the order linkTitle, linktitle, sidebar_label, nav_title, navTitle, short_title, with a warning at the key", () => {
  const [hugo, docusaurus, both, short] = parse({
    "hugo.md": "---\nweight: 3\nlinkTitle: 第三章 入门\n---\n\n正文。\n",
    "docusaurus.md": "---\nsidebar_position: 2\nsidebar_label: 第二章\n---\n\n正文。\n",
    "both.md": "---\nshort_title: 短\nnav_title: 导航题\nlinktitle: 小写题\n---\n\n正文。\n",
    "short.md": "---\nshort_title: 短题\n---\n\n正文。\n",
  });
  assert.equal(hugo!.title, "第三章 入门");
  assert.equal(docusaurus!.title, "第二章");
  assert.equal(both!.title, "小写题");
  assert.equal(short!.title, "短题");
  for (const chapter of [hugo, docusaurus, both, short]) {
    assert.equal(chapter!.file.messages.length, 1, messages(chapter!.file).join("\n"));
    assert.equal(chapter!.file.messages[0]!.fatal, false);
    assert.equal(chapter!.file.messages[0]!.ruleId, "chapter-title");
  }
  assert.match(messages(hugo!.file)[0]!, /hugo\.md:3:1.*Unexpected chapter without a title, expected a level-1 heading.*its `linkTitle` “第三章 入门” is used/);
  assert.match(messages(both!.file)[0]!, /both\.md:4:1.*`linktitle`/);
});

test("without those, a heading of another level that opens the chapter is the title, with a warning; one later in the text is not", () => {
  const [classic, subChapter, later] = parse({
    "001.md": "### 【第一回】 甄士隐梦幻识通灵\n----\n\n正文。\n",
    "ch1-2.md": "## 1.2 安装\n\n正文。\n\n## 1.3 运行\n",
    "later.md": "正文。\n\n## 小节\n",
  });
  assert.equal(classic!.title, "【第一回】 甄士隐梦幻识通灵");
  assert.match(messages(classic!.file)[0]!, /001\.md:1:1.*Unexpected chapter without a level-1 heading.*the level-3 heading “【第一回】 甄士隐梦幻识通灵” that opens it is used/);
  assert.equal(subChapter!.title, "1.2 安装");
  assert.deepEqual(subChapter!.file.messages.map((message) => message.fatal), [false]);
  assert.equal(later!.title, "later");
  assert.match(messages(later!.file)[0]!, /its file name “later” is used/);
});

test("without any title, the file name without its extension is the title (a folder's index takes the folder's name), with a warning", () => {
  const [named, bundle, empty] = parse({ "ch3-intro.md": "正文。\n", "ch4/index.md": "---\nweight: 4\n---\n\n正文。\n", "empty.md": "" });
  assert.equal(named!.title, "ch3-intro");
  assert.match(messages(named!.file)[0]!, /ch3-intro\.md:1:1.*Unexpected chapter without a title.*its file name “ch3-intro” is used/);
  assert.equal(bundle!.title, "ch4");
  assert.match(messages(bundle!.file)[0]!, /index\.md:5:1.*file name “ch4”/);
  assert.equal(empty!.title, "empty");
  assert.ok([named, bundle, empty].every((chapter) => chapter!.file.messages.every((message) => !message.fatal)));
});

test("an unknown front matter key is one warning for the whole book: at its first file:line:column, with the number of files", () => {
  const chapters = parse({
    "a.md": "---\ntitle: 甲\n---\n\n正文。\n",
    "b.md": "---\ntitle: 乙\nauthr: 某\nsubtitel: 副\n---\n\n正文。\n",
    "c.md": "---\nauthr: 某\ntitle: 丙\n---\n\n正文。\n",
    "d.md": "---\ntitle: 丁\nauthr: 某\n---\n\n正文。\n",
  });
  const all = chapters.flatMap((chapter) => messages(chapter.file));
  assert.equal(all.length, 2, all.join("\n"));
  assert.match(all[0]!, /b\.md:3:1.*Unexpected front matter key `authr` in 3 chapters \(the first is here\), expected a known key: did you mean `author`\?/);
  assert.match(all[1]!, /b\.md:4:1.*Unexpected front matter key `subtitel`, expected a known key: did you mean `subtitle`\?/);
  assert.ok(chapters.every((chapter) => chapter.file.messages.every((message) => message.ruleId === "unknown-key" && !message.fatal)));
});
