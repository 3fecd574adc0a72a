import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { copyOfFixture, runCli, tempDir } from "../helpers.ts";
import { pageTextsAsDrawn } from "../pdf-helpers.ts";

test("an mdBook site without book.yaml: the build names the generator and suggests init:book", async () => {
  const dir = await copyOfFixture("sites/mdbook");
  const missing = await runCli(["--manuscript", dir, "--out", await tempDir()]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Unexpected missing `book\.yaml`, expected .*: the folder holds a site made with mdBook \(book\.toml\); `npm run init:book -- .*` writes book\.yaml/);
});

/**
 * Each fixture site (test/fixtures/sites) has parts, a page nested under another and one dialect
 * feature: init:book writes book.yaml with the site's structure, and the book builds (the exact
 * text check and EPUBCheck included) with the dialect rendered, not printed as written.
 */
const sites = {
  mdbook: { structure: /  - part: 第一部分 基础\n    chapters:\n      - file: src\/ch01\.md\n        sections:\n          - file: src\/ch01-install\.md\n            title: 安装\n/, printed: ['println!("你好，读者");', "提示", "先运行，再读代码。"], hidden: ["allow(unused)", "ANCHOR"] },
  gitbook: { structure: /  - part: 第一部分 春\n    chapters:\n      - file: chapter1\/README\.md\n        sections:\n          - chapter1\/选种\.md\n/, printed: ["警告", "正午不要浇水。"], hidden: ["{%"] },
  quarto: { structure: /  - part: 第二部分 进阶\n    file: advanced\.qmd\n    chapters:\n      - models\.qmd\n/, printed: ["提示", "读数据之前先看列名。", "XIE Y. Dynamic Documents with R and knitr[M]"], hidden: [":::", "callout", "@xie2015"] },
  hugo: { structure: /  - part: 基础篇\n    file: content\/zh\/basics\/_index\.md\n    chapters:\n/, printed: ["泛读时不做笔记。"], hidden: ["{{<", "hint"] },
  docusaurus: { structure: /  - part: 使用指南\n    chapters:\n      - docs\/guide\/install\.md\n/, printed: ["小窍门", "装好后重开终端。"], hidden: [":::"] },
};

for (const [name, expected] of Object.entries(sites)) {
  test(`${name}: init:book writes the site's parts and nesting, build:book builds it with its dialect rendered`, async () => {
    const dir = await copyOfFixture(`sites/${name}`);
    const init = await runCli([dir], { script: "scripts/init/cli.ts" });
    assert.equal(init.code, 0, init.stderr);
    assert.match(await readFile(path.join(dir, "book.yaml"), "utf8"), expected.structure);
    const out = await tempDir();
    const build = await runCli(["--manuscript", dir, "--out", out]);
    assert.equal(build.code, 0, build.stderr);
    const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8")) as { outputs: Array<{ format: string; epubcheck?: { errors: number; warnings: number; fatals: number } }> };
    for (const epub of report.outputs.filter((output) => output.format === "epub")) assert.deepEqual([epub.epubcheck!.fatals, epub.epubcheck!.errors], [0, 0]);
    for (const layout of ["horizontal", "vertical"]) {
      const text = (await pageTextsAsDrawn(path.join(out, `book-${layout}-screen.pdf`))).join("\n");
      const joined = text.replace(/\s+/g, "");
      for (const printed of expected.printed) assert.ok(joined.includes(printed.replace(/\s+/g, "")), `“${printed}” missing in ${name} ${layout}`);
      for (const syntax of [...expected.hidden, "{{#", "[!TIP]", "{{<"]) assert.ok(!text.includes(syntax), `“${syntax}” printed in ${name} ${layout}`);
    }
  });
}
