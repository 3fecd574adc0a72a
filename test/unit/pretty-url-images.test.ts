import assert from "node:assert/strict";
import { test } from "node:test";
import path from "node:path";
import { VFile } from "vfile";
import { parseChapters } from "../../scripts/markdown/parse.ts";
import { fixture } from "../helpers.ts";

// LearnOpenGL-CN (MkDocs): `docs/01 Getting started/01 OpenGL.md` shows `../../img/01/01/opengl.jpg`,
// which the site serves from `01 Getting started/01 OpenGL/`, i.e. `docs/img/01/01/opengl.jpg`.
const manuscriptDir = fixture("pretty-urls");
const images = (name: string, value: string) =>
  parseChapters([new VFile({ path: path.join(manuscriptDir, "guide", name), value })], manuscriptDir, manuscriptDir)[0]!.images.map((image) => path.relative(manuscriptDir, image.absolutePath));

test("an image path written from the page's pretty URL (MkDocs, Hugo) is found there when nothing is beside the chapter", () => {
  assert.deepEqual(images("intro.md", "# 题\n\n![点](../img/dot.png)\n\n<img src=\"../img/dot.png\">\n"), ["guide/img/dot.png", "guide/img/dot.png"]);
});

test("a path that names a file beside the chapter, a missing file, and an index page keep the path beside the chapter", () => {
  assert.deepEqual(images("intro.md", "# 题\n\n![点](img/dot.png) ![无](../img/none.png)\n"), ["guide/img/dot.png", "img/none.png"]);
  assert.deepEqual(images("index.md", "# 题\n\n![点](../img/dot.png)\n"), ["img/dot.png"]);
});
