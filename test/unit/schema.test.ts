import assert from "node:assert/strict";
import { test } from "node:test";
import { bookSchema } from "../../scripts/book/schema.ts";

const base = { title: "书", authors: ["甲"], publisher: "社", chapters: ["a.md"] };

test("defaults: zh-CN, A5 148×210 mm, no colophon", () => {
  const config = bookSchema.parse(base);
  assert.equal(config.language, "zh-CN");
  assert.deepEqual(config.page, { widthMm: 148, heightMm: 210 });
  assert.deepEqual(config.colophon, []);
});

test("page sizes by name and by millimetres", () => {
  assert.deepEqual(bookSchema.parse({ ...base, page: "正16开" }).page, { widthMm: 185, heightMm: 260 });
  assert.deepEqual(bookSchema.parse({ ...base, page: "B5" }).page, { widthMm: 176, heightMm: 250 });
  assert.deepEqual(bookSchema.parse({ ...base, page: "130 184" }).page, { widthMm: 130, heightMm: 184 });
  assert.deepEqual(bookSchema.parse({ ...base, page: "140mm × 203mm" }).page, { widthMm: 140, heightMm: 203 });
});

test("an unknown page size names the valid ones", () => {
  const result = bookSchema.safeParse({ ...base, page: "巨大" });
  assert.equal(result.success, false);
  assert.match(result.error!.issues[0]!.message, /A5.*正32开.*148 210/s);
});

test("colophon keeps its order and accepts a text or a list", () => {
  const config = bookSchema.parse({ ...base, colophon: { 主办单位: ["甲", "乙"], 编辑: "丙" } });
  assert.deepEqual(config.colophon, [
    { label: "主办单位", values: ["甲", "乙"] },
    { label: "编辑", values: ["丙"] },
  ]);
});

test("an empty chapter list is refused with the fix", () => {
  const result = bookSchema.safeParse({ ...base, chapters: [] });
  assert.equal(result.success, false);
  assert.match(result.error!.issues[0]!.message, /chapters:/);
});
