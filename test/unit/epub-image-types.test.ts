import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { bookSchema } from "../../scripts/book/schema.ts";
import { loadEpubTemplates, packageEpub } from "../../scripts/epub/package.ts";
import { fixture } from "../helpers.ts";

// A JPEG saved as `.png` (astaxie/build-web-application-with-golang, zh-tw/images/3.1.web.png):
// EPUBCheck failed the book with OPF-029 and PKG-022.
test("an image is declared in the EPUB as what its bytes are, not what its name says, and the page points at it", async () => {
  const photo = pathToFileURL(fixture("misnamed-image/photo.png")).href;
  const cover = fixture("media/figure.png");
  const config = bookSchema.parse({ title: "书", authors: ["甲"], publisher: "乙", chapters: ["a.md"] });
  const { bytes } = await packageEpub({
    config,
    items: [{ id: "c1", title: "一", filename: "chapter-001.xhtml", content: `<p><img src="${photo}" alt="照片"/></p>`, beforeToc: false, excludeFromToc: false, bodyType: "bodymatter", tocDepth: 0 }],
    landmarks: [],
    layout: "horizontal",
    templates: await loadEpubTemplates(),
    css: "",
    coverPath: cover,
    sourceDate: new Date("2024-01-01T00:00:00Z"),
    fonts: [],
    onWarning: () => {},
  });
  const zip = await JSZip.loadAsync(bytes);
  const opf = await zip.file("OEBPS/content.opf")!.async("string");
  const page = await zip.file("OEBPS/chapter-001.xhtml")!.async("string");
  const item = /<item [^>]*href="(images\/figure-[^"]+)"[^>]*>/.exec(opf);
  assert.ok(item, opf);
  assert.match(item[0], /media-type="image\/jpeg"/);
  assert.match(item[1]!, /\.jpg$/);
  assert.ok(zip.file(`OEBPS/${item[1]}`), `no file ${item[1]}`);
  assert.ok(page.includes(`src="${item[1]}"`), page);
});
