import assert from "node:assert/strict";
import { test } from "node:test";
import { detectSite } from "../../scripts/init/detect.ts";
import { folderWith } from "../helpers.ts";

// The folder a site serves at its root, for book.yaml's `assets` (ddia: Hugo's static/; 深入理解
// TypeScript: VuePress' docs/.vuepress/public/ behind `$withBase('/…')`).

const site = folderWith;

test("the site's public folder is the book's assets when the pages use site-root paths, and only then", async () => {
  const vuepress = await site({ "docs/.vuepress/config.yml": "title: 书\n", "docs/.vuepress/public/a.png": "", "docs/README.md": "# 甲\n\n<img :src=\"$withBase('/a.png')\">\n" });
  const found = await detectSite(vuepress);
  assert.equal(found.assets, "docs/.vuepress/public");
  assert.ok(found.notes.some((note) => /serves from docs\/\.vuepress\/public\/: assets: docs\/\.vuepress\/public/.test(note.text)));
  const hugo = await site({ "hugo.toml": 'title = "书"\n', "static/img/a.png": "", "content/_index.md": "# 甲\n\n![图](/img/a.png)\n" });
  assert.equal((await detectSite(hugo)).assets, "static");
  const relative = await site({ "hugo.toml": 'title = "书"\n', "static/img/a.png": "", "content/_index.md": "# 甲\n\n![图](img/a.png)，见 <https://example.com/x>\n" });
  assert.equal((await detectSite(relative)).assets, undefined);
  const mdbook = await site({ "book.toml": '[book]\ntitle = "书"\n', "src/SUMMARY.md": "- [甲](a.md)\n", "src/a.md": "# 甲\n\n![图](/a.png)\n", "static/a.png": "" });
  assert.equal((await detectSite(mdbook)).assets, undefined);
});
