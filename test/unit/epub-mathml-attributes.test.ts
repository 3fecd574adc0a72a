import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import JSZip from "jszip";
import { bookSchema } from "../../scripts/book/schema.ts";
import { loadEpubTemplates, packageEpub } from "../../scripts/epub/package.ts";
import { texToMathml } from "../../scripts/markdown/math.ts";
import { fixture } from "../helpers.ts";

// LearnOpenGL-CN (07 Transformations.md) breaks a formula with `\\` outside an environment: MathJax writes
// <mspace linebreak="newline">, which epub-gen-memory dropped with a warning no reader could act on.
test("a formula's line break (MathML linebreak) stays in the EPUB, without a warning", async () => {
  const math = toHtml(texToMathml("a = b \\\\ = c", true));
  assert.match(math, /linebreak="newline"/);
  const warnings: string[] = [];
  const { bytes } = await packageEpub({
    config: bookSchema.parse({ title: "书", authors: ["甲"], publisher: "乙", chapters: ["a.md"] }),
    items: [{ id: "c1", title: "一", filename: "chapter-001.xhtml", content: `<div>${math}</div>`, beforeToc: false, excludeFromToc: false, bodyType: "bodymatter", properties: "mathml", tocDepth: 0 }],
    landmarks: [],
    layout: "horizontal",
    templates: await loadEpubTemplates(),
    css: "",
    coverPath: fixture("media/figure.png"),
    sourceDate: new Date("2024-01-01T00:00:00Z"),
    fonts: [],
    onWarning: (message) => warnings.push(message),
  });
  const page = await (await JSZip.loadAsync(bytes)).file("OEBPS/chapter-001.xhtml")!.async("string");
  assert.deepEqual(warnings, []);
  assert.match(page, /<mspace linebreak="newline"/);
});
