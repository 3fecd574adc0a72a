import assert from "node:assert/strict";
import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { VFile } from "vfile";
import { loadBook } from "../../scripts/book/load.ts";
import { loadEditions } from "../../scripts/convert/edition.ts";
import { copyOfFixture } from "../helpers.ts";

const bookWith = async (yaml: string, phrases?: string) => {
  const manuscript = await copyOfFixture("minimal");
  await appendFile(path.join(manuscript, "book.yaml"), yaml);
  if (phrases !== undefined) await writeFile(path.join(manuscript, "opencc-phrases.txt"), phrases);
  return loadBook({ manuscriptDir: manuscript });
};

test("an edition is the manuscript converted: its texts, chapters and colophon in the edition's language, its own title as written, paths kept", async () => {
  const book = await bookWith("editions:\n  - zh-HK\n  - { language: zh-TW, title: 測試之書（臺灣版） }\n");
  const files: VFile[] = [];
  const [hongKong, taiwan] = await loadEditions(book, files);
  assert.equal(hongKong!.config.language, "zh-HK");
  assert.equal(hongKong!.config.title, "測試之書");
  assert.deepEqual(hongKong!.config.colophon, [{ label: "主辦單位", values: ["甲單位", "乙單位"] }]);
  assert.equal(taiwan!.config.title, "測試之書（臺灣版）", "an edition's own title is printed as written");
  assert.equal(taiwan!.config.publisher, "測試出版社");
  assert.equal(taiwan!.chapters[0]!.path, book.chapters[0]!.path, "messages name the manuscript's file");
  assert.notEqual(String(taiwan!.chapters[0]!.value), String(book.chapters[0]!.value));
  assert.deepEqual(taiwan!.config.editions, [], "an edition has no editions of its own");
  assert.equal(files.flatMap((file) => file.messages).length, 0);
});

test("the manuscript's opencc-phrases.txt comes first, and a malformed line is an error at its place", async () => {
  const book = await bookWith("editions: [zh-TW]\n", "# 修正\n测试 測驗\n孤单\n");
  const files: VFile[] = [];
  const [taiwan] = await loadEditions(book, files);
  assert.equal(taiwan!.config.title, "測驗之書", "测试 → 測驗 from the phrases file, not OpenCC's 測試");
  const phrasesFile = files.find((file) => file.path?.endsWith("opencc-phrases.txt"))!;
  assert.match(String(phrasesFile.messages[0]), /opencc-phrases\.txt:3:1.*Unexpected `孤单` alone/);
  assert.equal(phrasesFile.messages[0]!.fatal, true);
});

test("a Traditional manuscript cannot have converted editions", async () => {
  const book = await bookWith("language: zh-TW\neditions: [zh-HK]\n");
  const editions = await loadEditions(book, []);
  assert.deepEqual(editions, []);
  assert.match(String(book.source.messages.find((message) => message.ruleId === "editions")), /Unexpected `editions` in a zh-TW book, expected a Simplified Chinese manuscript/);
});
