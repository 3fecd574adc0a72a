import assert from "node:assert/strict";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { bookSchema } from "../../scripts/book/schema.ts";
import { readYaml } from "../../scripts/book/yaml.ts";
import { detectSite } from "../../scripts/init/detect.ts";
import { recogniseGenerator } from "../../scripts/init/recognise.ts";
import type { SiteEntry } from "../../scripts/init/site.ts";
import { bookYaml, filesWithTitles } from "../../scripts/init/write-yaml.ts";
import { copyOfFixture, fixture, runCli, tempDir } from "../helpers.ts";

const site = (name: string) => fixture(path.join("sites", name));

/** The tree as indented lines: a part as `[title]`, a page as its file, children two spaces further in. */
function outline(entries: readonly SiteEntry[], indent = ""): string[] {
  return entries.flatMap((entry) => [`${indent}${entry.part ? `[${entry.title}]${entry.file ? ` ${entry.file}` : ""}` : entry.file}`, ...outline(entry.children, `${indent}  `)]);
}

/** book.yaml as written for the site, read back as the build reads it. */
async function writtenBook(dir: string) {
  const text = bookYaml(await detectSite(dir));
  const read = readYaml(text);
  assert.ok(read.ok);
  const parsed = bookSchema.safeParse(read.value);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  return { text, config: parsed.data };
}

const noteTexts = (notes: { text: string }[]) => notes.map((note) => note.text).join("\n");

test("mdBook: book.toml's title, authors and language; SUMMARY.md's prefix, parts, nesting and suffix; drafts, separators and missing files noted", async () => {
  const detected = await detectSite(site("mdbook"));
  assert.equal(detected.generator, "mdbook");
  assert.deepEqual([detected.title, detected.authors, detected.language], ["Rust 编程入门", ["张三", "李四"], "zh-CN"]);
  assert.deepEqual(outline(detected.entries), ["src/前言.md", "[第一部分 基础]", "  src/ch01.md", "    src/ch01-install.md", "  src/ch02.md", "[第二部分 进阶]", "  src/part2/ch04.md", "src/后记.md"]);
  assert.match(noteTexts(detected.notes), /draft entry “第三章 还没写”/);
  assert.match(noteTexts(detected.notes), /1 separator line/);
  assert.ok(detected.notes.some((note) => note.kind === "warning" && /src\/part2\/missing\.md/.test(note.text)));
  const { text, config } = await writtenBook(site("mdbook"));
  // Without the files at hand every title of SUMMARY.md is written; `init:book` leaves out those a file gives itself.
  assert.deepEqual(config.chapters, [
    { file: "src/前言.md", title: "前言" },
    { part: "第一部分 基础", chapters: [{ file: "src/ch01.md", title: "第一章 开始", sections: [{ file: "src/ch01-install.md", title: "安装" }] }, { file: "src/ch02.md", title: "第二章 变量" }] },
    { part: "第二部分 进阶", chapters: [{ file: "src/part2/ch04.md", title: "第四章 所有权" }] },
    { file: "src/后记.md", title: "后记" },
  ]);
  assert.equal(config.title, "Rust 编程入门");
  assert.match(text, /^# .*mdBook/);
  // The sub-chapter opens with `## 安装`: only it takes its title from SUMMARY.md.
  const withFiles = readYaml(bookYaml(detected, await filesWithTitles(site("mdbook"), detected)));
  assert.ok(withFiles.ok);
  assert.deepEqual((withFiles.value as { chapters: unknown }).chapters, [
    "src/前言.md",
    { part: "第一部分 基础", chapters: [{ file: "src/ch01.md", sections: [{ file: "src/ch01-install.md", title: "安装" }] }, "src/ch02.md"] },
    { part: "第二部分 进阶", chapters: ["src/part2/ch04.md"] },
    "src/后记.md",
  ]);
  assert.match(text, /publisher: 出版者待定 # 请填写 fill in/);
});

test("mdBook: `author = [...]` in book.toml (rust-tw/book-tw writes it so) names the authors too", async () => {
  const dir = await copyOfFixture(path.join("sites", "mdbook"));
  const toml = await readFile(path.join(dir, "book.toml"), "utf8");
  await writeFile(path.join(dir, "book.toml"), toml.replace("authors = ", "author = "));
  assert.deepEqual((await detectSite(dir)).authors, ["张三", "李四"]);
});

test("GitBook: book.json's title, author and language; ## headings as parts; folder links as their README.md; a repeated file kept once", async () => {
  const detected = await detectSite(site("gitbook"));
  assert.equal(detected.generator, "gitbook");
  assert.deepEqual([detected.title, detected.authors, detected.language], ["园丁手记", ["王五"], "zh-Hans"]);
  assert.deepEqual(outline(detected.entries), ["README.md", "[第一部分 春]", "  chapter1/README.md", "    chapter1/选种.md", "  chapter2.md", "[第二部分 秋]", "  chapter3.md"]);
  assert.match(noteTexts(detected.notes), /chapter1\/README\.md is listed again/);
  const { config } = await writtenBook(site("gitbook"));
  const files = (entries: typeof config.chapters): unknown[] => entries.map((entry) => (typeof entry === "string" ? entry : "part" in entry ? [entry.part, files(entry.chapters)] : entry.sections ? [entry.file, files(entry.sections)] : entry.file));
  assert.deepEqual(files(config.chapters), ["README.md", ["第一部分 春", [["chapter1/README.md", ["chapter1/选种.md"]], "chapter2.md"]], ["第二部分 秋", ["chapter3.md"]]]);
});

test("Quarto: book.chapters with parts (a title or a part's own file), appendices as a part, notebooks left out, `lang: zh` settled from the text, the bibliography files", async () => {
  const detected = await detectSite(site("quarto"));
  assert.equal(detected.generator, "quarto");
  assert.deepEqual([detected.title, detected.authors, detected.language], ["数据分析导论", ["赵六", "钱八"], "zh-CN"]);
  assert.deepEqual(outline(detected.entries), ["index.qmd", "[第一部分 基础]", "  basics.qmd", "[第二部分 进阶] advanced.qmd", "  models.qmd", "[附录 Appendices]", "  references.qmd"]);
  assert.ok(detected.notes.some((note) => note.kind === "warning" && /notebook\.ipynb/.test(note.text)));
  assert.ok(detected.notes.some((note) => note.kind === "guessed" && /only “zh”: zh-CN/.test(note.text)));
  assert.deepEqual(detected.bibliography, ["references.bib", "packages.bib"]);
});

test("Hugo: the Chinese content of a multilingual site, by weight then title, _index.md opening its section, leaf bundles as one page, drafts left out", async () => {
  const detected = await detectSite(site("hugo"));
  assert.equal(detected.generator, "hugo");
  assert.deepEqual([detected.title, detected.authors, detected.language], ["雨天读书", ["孙七"], "zh-CN"]);
  assert.deepEqual(outline(detected.entries), [
    "content/zh/_index.md",
    "content/zh/intro.md",
    "[基础篇] content/zh/basics/_index.md",
    "  content/zh/basics/skimming.md",
    "  content/zh/basics/close-reading.md",
    "content/zh/appendix/index.md",
    "content/zh/talk.md",
    "content/zh/notes.md",
  ]);
  assert.match(noteTexts(detected.notes), /multilingual site \(en, zh\): the Chinese pages from content\/zh\//);
  assert.match(noteTexts(detected.notes), /unfinished\.md is a draft/);
  const { text } = await writtenBook(site("hugo"));
  assert.match(text, /  - part: 基础篇\n    file: content\/zh\/basics\/_index\.md\n    chapters:\n      - file: content\/zh\/basics\/skimming\.md\n        title: 泛读\n      - file: content\/zh\/basics\/close-reading\.md\n/);
});

test("Docusaurus without sidebars.json: the docs/ tree by sidebar_position and _category_.json, the JavaScript never run", async () => {
  const dir = await copyOfFixture("sites/docusaurus");
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "docusaurus");
  assert.deepEqual(outline(detected.entries), ["docs/intro.md", "[使用指南]", "  docs/guide/install.md", "  docs/guide/configure.md", "docs/faq.md"]);
  assert.match(noteTexts(detected.notes), /not run/);
  assert.ok(detected.notes.some((note) => note.kind === "guessed" && /title/.test(note.text)));
  await assert.rejects(access(path.join(dir, "config-was-run.txt")));
  await assert.rejects(access(path.join(dir, "sidebars-was-run.txt")));
});

test("Docusaurus with sidebars.json: its first sidebar, categories as parts, documents by id", async () => {
  const dir = await copyOfFixture("sites/docusaurus");
  await writeFile(path.join(dir, "sidebars.json"), JSON.stringify({ book: ["intro", { type: "category", label: "上手", items: ["guide/configure", "guide/install", "missing-doc"] }, { type: "doc", id: "faq", label: "问答" }] }));
  const detected = await detectSite(dir);
  assert.deepEqual(outline(detected.entries), ["docs/intro.md", "[上手]", "  docs/guide/configure.md", "  docs/guide/install.md", "docs/faq.md"]);
  assert.equal(detected.entries.at(-1)?.title, "问答");
  assert.ok(detected.notes.some((note) => note.kind === "warning" && /missing-doc/.test(note.text)));
});

test("VitePress: the config is code and is never run; the docs/ tree, index.md first per folder, the home page left out, the title from its hero", async () => {
  const dir = await copyOfFixture("sites/vitepress");
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "vitepress");
  assert.equal(detected.title, "维特文档");
  assert.deepEqual(outline(detected.entries), ["docs/about.md", "[指南] docs/guide/index.md", "  docs/guide/config.md", "  docs/guide/getting-started.md"]);
  assert.match(noteTexts(detected.notes), /docs\/\.vitepress\/ is code and was not run/);
  assert.match(noteTexts(detected.notes), /docs\/index\.md is the site's home page/);
  await assert.rejects(access(path.join(dir, "config-was-run.txt")));
});

test("VitePress with its sidebar in a JSON file: the sidebar's order and groups", async () => {
  const dir = await copyOfFixture("sites/vitepress");
  const sidebar = [{ text: "开始", items: [{ text: "快速开始", link: "/guide/getting-started" }, { text: "配置项", link: "/guide/config.md" }] }, { text: "关于", link: "/about" }];
  await writeFile(path.join(dir, "docs/.vitepress/sidebar.json"), JSON.stringify(sidebar));
  const detected = await detectSite(dir);
  assert.deepEqual(outline(detected.entries), ["[开始]", "  docs/guide/getting-started.md", "  docs/guide/config.md", "docs/about.md"]);
});

test("docsify: _sidebar.md, `/` meaning the site folder's README.md", async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, "docs/zh"), { recursive: true });
  await writeFile(path.join(dir, "docs/_sidebar.md"), "- [首页](/)\n- 入门\n  - [第一课](zh/lesson1.md)\n  - [第二课](zh/lesson2)\n");
  await writeFile(path.join(dir, "docs/README.md"), "# 首页\n\n欢迎。\n");
  await writeFile(path.join(dir, "docs/zh/lesson1.md"), "# 第一课\n\n内容。\n");
  await writeFile(path.join(dir, "docs/zh/lesson2.md"), "# 第二课\n\n内容。\n");
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "docsify");
  assert.deepEqual(outline(detected.entries), ["docs/README.md", "[入门]", "  docs/zh/lesson1.md", "  docs/zh/lesson2.md"]);
});

// Hello 算法: mkdocs.yml's nav with HTML in its titles (“第 1 章 &nbsp; 初识算法”), each section opened by
// its index.md, and docs_dir naming the folder its build script writes (build/docs), not in the repository.
test("MkDocs: mkdocs.yml's site_name, site_author, theme.language and nav, sections as parts opened by their index.md; docs_dir not yet built read as docs/", async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, "docs/chapter_intro"), { recursive: true });
  await writeFile(
    path.join(dir, "mkdocs.yml"),
    "site_name: 算法之书\nsite_author: 某人\ndocs_dir: build/docs\ntheme:\n  name: material\n  language: zh\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:material.extensions.emoji.to_svg\nnav:\n  - 序: index.md\n  - 第 1 章 &nbsp; 初识算法:\n    - chapter_intro/index.md\n    - 1.1 &nbsp; 算法无处不在: chapter_intro/everywhere.md\n    - 源码: https://example.com/code\n  - 附录:\n    - 术语表: glossary.md\n",
  );
  for (const [file, title] of [["index.md", "序"], ["chapter_intro/index.md", "初识算法"], ["chapter_intro/everywhere.md", "算法无处不在"], ["glossary.md", "术语表"]]) await writeFile(path.join(dir, "docs", file!), `# ${title}\n\n算法的内容。\n`);
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "mkdocs");
  assert.deepEqual([detected.title, detected.authors, detected.language], ["算法之书", ["某人"], "zh-CN"]);
  assert.deepEqual(outline(detected.entries), ["docs/index.md", "[第 1 章 初识算法] docs/chapter_intro/index.md", "  docs/chapter_intro/everywhere.md", "[附录]", "  docs/glossary.md"]);
  assert.match(noteTexts(detected.notes), /docs_dir: build\/docs is not in the folder/);
  const { config } = await writtenBook(dir);
  assert.equal(config.title, "算法之书");
});

test("MkDocs without nav: the docs folder in name order, each folder's index.md first", async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, "docs/b"), { recursive: true });
  await writeFile(path.join(dir, "mkdocs.yml"), "site_name: 无目录\n");
  for (const file of ["index.md", "a.md", "b/index.md", "b/c.md"]) await writeFile(path.join(dir, "docs", file), `# ${file}\n\n内容。\n`);
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "mkdocs");
  assert.deepEqual(outline(detected.entries), ["docs/index.md", "docs/a.md", "[b/index.md] docs/b/index.md", "  docs/b/c.md"]);
});

test("a folder of Markdown files without a generator: name order, the language guessed as Traditional from the text", async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, "02.md"), "# 第二章\n\n這裡說的是資料與經驗，還有學習的過程。\n");
  await writeFile(path.join(dir, "01.md"), "# 第一章\n\n開始讀書之前，先準備紙筆。\n");
  assert.equal(await recogniseGenerator(dir), undefined);
  const detected = await detectSite(dir);
  assert.equal(detected.generator, "files");
  assert.deepEqual(outline(detected.entries), ["01.md", "02.md"]);
  assert.equal(detected.language, "zh-Hant");
  assert.ok(detected.notes.some((note) => note.kind === "guessed" && /zh-Hant, from the text/.test(note.text)));
});

test("init:book writes book.yaml, prints it, never replaces an existing one without --force", async () => {
  const dir = await copyOfFixture("sites/gitbook");
  const first = await runCli([dir], { script: "scripts/init/cli.ts" });
  assert.equal(first.code, 0, first.stderr);
  const written = await readFile(path.join(dir, "book.yaml"), "utf8");
  assert.equal(first.stdout, written);
  assert.match(first.stderr, /GitBook\/HonKit, recognised by book\.json/);
  await writeFile(path.join(dir, "book.yaml"), "title: 编辑改过的书名\n");
  const second = await runCli([dir], { script: "scripts/init/cli.ts" });
  assert.equal(second.code, 1);
  assert.match(second.stderr, /Unexpected existing `.*book\.yaml`, expected a folder without one: .*--force/);
  assert.equal(await readFile(path.join(dir, "book.yaml"), "utf8"), "title: 编辑改过的书名\n");
  const forced = await runCli([dir, "--force"], { script: "scripts/init/cli.ts" });
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(await readFile(path.join(dir, "book.yaml"), "utf8"), written);
});

test("init:book without a folder is a usage error", async () => {
  const run = await runCli([], { script: "scripts/init/cli.ts" });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Usage: npm run init:book -- DIR/);
});

test("the site's root folder for `/img/…` paths is written as book.yaml's assets", async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, "static/img"), { recursive: true });
  await mkdir(path.join(dir, "content"), { recursive: true });
  await writeFile(path.join(dir, "hugo.toml"), 'title = "书"\n');
  await writeFile(path.join(dir, "static/img/a.png"), "");
  await writeFile(path.join(dir, "content/_index.md"), "# 甲\n\n![图](/img/a.png)\n");
  const read = readYaml(bookYaml(await detectSite(dir)));
  assert.ok(read.ok);
  assert.equal((read.value as { assets?: string }).assets, "static");
});
