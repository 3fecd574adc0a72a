import assert from "node:assert/strict";
import { test } from "node:test";
import { bookSchema, sheetFor } from "../../scripts/book/schema.ts";

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

test("the publisher's keys: an ISBN's check digit is checked, the price is yuan with two decimals, the full sheet follows the trim size", () => {
  const parse = (extra: object) => bookSchema.safeParse({ ...base, ...extra });
  assert.deepEqual(parse({ isbn: "978-7-213-08888-9" }).data?.isbn, { written: "978-7-213-08888-9", ean13: "9787213088889" });
  assert.deepEqual(parse({ isbn: 9787213088889 }).data?.isbn?.ean13, "9787213088889", "an unquoted ISBN is read as digits");
  assert.deepEqual(parse({ isbn: "0-306-40615-2" }).data?.isbn?.ean13, "9780306406157", "an ISBN-10 becomes its EAN-13");
  assert.match(parse({ isbn: "978-7-213-08888-8" }).error!.issues[0]!.message, /Unexpected check digit 8 in ISBN `978-7-213-08888-8`, expected 9/);
  assert.match(parse({ isbn: "978-7-213" }).error!.issues[0]!.message, /expected 13 digits/);
  assert.equal(parse({ price: 58 }).data?.price, "58.00");
  assert.ok(!parse({ price: "五十八" }).success);
  assert.ok(!parse({ paper: { thickness: 0 } }).success, "a paper thickness must be positive");
  assert.deepEqual(sheetFor(parse({ page: "正32开" }).data!), { widthMm: 787, heightMm: 1092 });
  assert.deepEqual(sheetFor(parse({ page: "大16开" }).data!), { widthMm: 850, heightMm: 1168 });
  assert.deepEqual(sheetFor(parse({ page: "A5" }).data!), { widthMm: 880, heightMm: 1230 });
  assert.equal(sheetFor(parse({ page: "B5" }).data!), undefined, "no full sheet is guessed for a trim the notes give none for");
  assert.deepEqual(sheetFor(parse({ page: "A5", sheet: "787×1092" }).data!), { widthMm: 787, heightMm: 1092 });
  assert.deepEqual(parse({ cover: "front.png" }).data?.cover, { image: "front.png" }, "`cover: file` still names the image");
  assert.ok(!parse({ cover: { flaps: 10 } }).success, "flaps under 30 mm are refused");
});
