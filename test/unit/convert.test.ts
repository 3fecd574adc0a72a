import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { VFile } from "vfile";
import type { EditionLanguage } from "../../scripts/book/language.ts";
import { loadBook } from "../../scripts/book/load.ts";
import { proseRanges } from "../../scripts/markdown/prose.ts";
import { convertBookTexts } from "../../scripts/convert/book-texts.ts";
import { convertMarkdown } from "../../scripts/convert/markdown-ranges.ts";
import { converterFor, traditionalQuotes } from "../../scripts/convert/opencc.ts";
import { readPhrases } from "../../scripts/convert/phrases-file.ts";
import { fixture, sampleManuscript } from "../helpers.ts";

const twp = converterFor("zh-TW");
const tw = converterFor("zh-TW", { keepMainlandVocabulary: true });
const hk = converterFor("zh-HK");
const t = converterFor("zh-Hant");

/**
 * Simplified → [s2twp, s2tw, s2hk, s2t]; one value stands for all four. Taiwan forms follow the
 * 教育部《重編國語辭典修訂本》; Hong Kong and OpenCC-standard forms follow OpenCC's own convention
 * (裏 and 麪 where Taiwan has 裡 and 麵), which the conversion keeps. Rows marked "fix" were wrong in
 * opencc-js 1.4.2 before the built-in fixes.
 */
const pitfallWords: ReadonlyArray<readonly [string, string | readonly [string, string, string, string]]> = [
  ["发展", "發展"],
  ["头发", "頭髮"],
  ["理发", "理髮"],
  ["发射", "發射"],
  ["不断发展", "不斷發展"],
  ["中断发展", "中斷發展"], // fix
  ["被发射", "被發射"], // fix
  ["被发掘", "被發掘"], // fix
  ["被发左衽", "被髮左衽"], // the classical idiom the 被|发 cut must not break
  ["粉丝发布", ["粉絲釋出", "粉絲發佈", "粉絲發佈", "粉絲發佈"]], // fix; 发布 alone is 釋出 in s2twp
  ["粉丝发帖", "粉絲發帖"], // fix
  ["干部", "幹部"],
  ["干净", "乾淨"],
  ["饼干", "餅乾"],
  ["干锅", "乾鍋"],
  ["干燥", "乾燥"],
  ["树干", "樹幹"],
  ["干扰", "干擾"],
  ["干杯", "乾杯"],
  ["头发干了", "頭髮乾了"], // fix
  ["皮肤干", "皮膚乾"], // fix
  ["他干的", "他幹的"], // fix
  ["晒干的", "曬乾的"],
  ["公里", "公里"],
  ["里面", ["裡面", "裡面", "裏面", "裏面"]],
  ["这里", ["這裡", "這裡", "這裏", "這裏"]],
  ["哪里", ["哪裡", "哪裡", "哪裏", "哪裏"]],
  ["邻里", "鄰里"],
  ["皇后", "皇后"],
  ["以后", "以後"],
  ["后来", "後來"],
  ["后面", "後面"],
  ["王后", "王后"],
  ["太后", "太后"],
  ["面条", ["麵條", "麵條", "麪條", "麪條"]],
  ["面粉", ["麵粉", "麵粉", "麪粉", "麪粉"]],
  ["方面", "方面"],
  ["面对", "面對"],
  ["面包", ["麵包", "麵包", "麪包", "麪包"]],
  ["拉面", ["拉麵", "拉麵", "拉麪", "拉麪"]],
  ["见面", "見面"],
  ["几乎", "幾乎"],
  ["茶几", "茶几"],
  ["几个", "幾個"],
  ["北斗", "北斗"],
  ["斗争", "鬥爭"],
  ["战斗", "戰鬥"],
  ["一斗米", "一斗米"],
  ["斗米之恩", "斗米之恩"], // fix
  ["松树", "松樹"],
  ["放松", "放鬆"],
  ["轻松", "輕鬆"],
  ["松鼠", "松鼠"],
  ["丑陋", "醜陋"],
  ["小丑", "小丑"],
  ["丑时", "丑時"],
  ["子丑寅卯", "子丑寅卯"], // fix
];

test("the one-to-many pitfalls convert right for every target", () => {
  const converters = [twp, tw, hk, t];
  for (const [simplified, expected] of pitfallWords) {
    const perTarget = typeof expected === "string" ? [expected, expected, expected, expected] : expected;
    assert.deepEqual(converters.map((convert) => convert(simplified)), perTarget, simplified);
  }
});

test("zh-TW rewrites into Taiwan vocabulary unless the mainland's is kept; zh-HK and zh-Hant keep it", () => {
  assert.equal(twp("软件"), "軟體");
  assert.equal(tw("软件"), "軟件");
  assert.equal(hk("软件"), "軟件");
  assert.equal(t("软件"), "軟件");
});

test("quotes become 「」 and 『』, an apostrophe stays", () => {
  assert.equal(tw("他说：“她问‘为什么’。”"), "他說：「她問『為什麼』。」");
  assert.equal(traditionalQuotes("don’t ‘OK’ rock’n’roll 90’s"), "don’t 『OK』 rock’n’roll 90’s");
  assert.equal(traditionalQuotes("‘A’计划"), "『A』计划");
});

test("quote mapping: converting twice is converting once, and nothing but the four quotes changes", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("“", "”", "‘", "’", "「", "a", "字", " ", "'", '"') }), (text) => {
      const once = traditionalQuotes(text);
      assert.equal(traditionalQuotes(once), once);
      const quotePairs: Record<string, string> = { "“": "「", "”": "」", "‘": "『", "’": "』" };
      assert.ok([...once].every((mark, index) => mark === text[index] || quotePairs[text[index]!] === mark));
    }),
  );
});

test("the manuscript's phrases come first and are printed as written, in any order", () => {
  const phrases: Array<[string, string]> = [
    ["发布", "發布"],
    ["粉丝", "粉絲兒"],
    ["后台", "後臺"],
  ];
  const convert = converterFor("zh-TW", { phrases });
  // 发布 wins over s2twp's 釋出; 粉丝 over the built-in cut 粉丝|发, which starts at the same place and is longer.
  assert.equal(convert("粉丝发布了“后台”消息"), "粉絲兒發布了「後臺」訊息");
  assert.equal(converterFor("zh-TW", { phrases: [...phrases].reverse() })("粉丝发布了“后台”消息"), convert("粉丝发布了“后台”消息"));
  // The longest phrase wins where two start at the same place; the text around a phrase converts on its own.
  assert.equal(converterFor("zh-HK", { phrases: [["发", "發"], ["发布会", "記者會"]] })("新品发布会里面"), "新品記者會裏面");
});

test("opencc-phrases.txt: pairs, comments and blank lines; a malformed line is an error at file:line:column", async () => {
  const file = new VFile({ path: "opencc-phrases.txt", value: await readFile(path.join(fixture("convert"), "opencc-phrases.txt"), "utf8") });
  assert.deepEqual(readPhrases(file), [
    ["发布", "發布"],
    ["余光中", "餘光中"],
  ]);
  const messages = file.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? "error" : "warning"} ${message.reason}`);
  assert.equal(messages.length, 3);
  assert.match(messages[0]!, /^5:1 error Unexpected `孤单` alone, expected `原文 目标`/);
  assert.match(messages[1]!, /^6:7 error Unexpected third word `多余`, expected one `原文 目标` pair a line/);
  assert.match(messages[2]!, /^7:1 warning Unexpected second `发布`, expected each 原文 once: line 2 is used/);
});

test("a chapter converts its prose and printed front matter only, line by line in place", async () => {
  const dir = fixture("convert");
  const source = await readFile(path.join(dir, "chapter.md"), "utf8");
  const expected = await readFile(path.join(dir, "chapter.zh-TW.md"), "utf8");
  const converted = convertMarkdown(source, twp);
  assert.equal(converted, expected);
  assert.equal(converted.split("\n").length, source.split("\n").length);
  for (const kept of ["slug: 发展-思考", "{#sec-发展}", "[^里面]", "images/面条.png", "`里面的代码`", "<code>里面</code>", "$\\text{里面}$", "https://例子.com/里面", "<https://x.com/发展>", "const 里面 = \"发展\";", "缩进的代码里面", "<pre>预格式里面</pre>", "<!-- 注释里面 -->", '<span title="里面">'])
    assert.ok(converted.includes(kept), kept);
});

test("front matter in a CRLF file with a BOM converts too", () => {
  assert.equal(convertMarkdown("\uFEFF---\r\ntitle: 里面\r\ndraft: 里面\r\n---\r\n\r\n里面\r\n", hk), "\uFEFF---\r\ntitle: 裏面\r\ndraft: 里面\r\n---\r\n\r\n裏面\r\n");
});

const proseWord = fc.constantFrom("发展", "头发", "里面", "面条", "“后来”", "‘几个’", "干部", "松鼠", "不断", "。", "，");
const codeSpan = fc.constantFrom("发展", "里面", "a = “后”", "面条 干").map((code) => `\`${code}\``);
const url = fc.constantFrom("https://x.com/发展", "https://例子.com/里面?q=后", "mailto:面条@x.com");
const piece = fc.oneof(
  proseWord.map((text) => ({ source: text, expected: (convert: (text: string) => string) => convert(text) })),
  codeSpan.map((code) => ({ source: code, expected: () => code })),
  url.map((address) => ({ source: `<${address}>`, expected: () => `<${address}>` })),
  fc.tuple(proseWord, url).map(([text, address]) => ({ source: `[${text}](${address})`, expected: (convert: (text: string) => string) => `[${convert(text)}](${address})` })),
);

test("property: code spans and URLs are never altered, the prose around them is converted", () => {
  const targets: EditionLanguage[] = ["zh-TW", "zh-HK", "zh-Hant"];
  fc.assert(
    fc.property(fc.constantFrom(...targets), fc.array(piece, { minLength: 1, maxLength: 8 }), (target, pieces) => {
      const convert = converterFor(target);
      const markdown = pieces.map((each) => each.source).join(" ");
      assert.equal(convertMarkdown(markdown, convert), pieces.map((each) => each.expected(convert)).join(" "));
    }),
  );
});

test("property: converting the quotes of a Markdown text twice is converting them once", () => {
  const markdownCharacter = fc.constantFrom("“", "”", "‘", "’", "字", "a", " ", "\n", "`", "*", "[", "]", "(", ")", "<", ">", "#", "-", "$", ":", "/", "|", "\\");
  fc.assert(
    fc.property(fc.string({ unit: markdownCharacter, maxLength: 60 }), (markdown) => {
      const once = convertMarkdown(markdown, traditionalQuotes);
      assert.equal(convertMarkdown(once, traditionalQuotes), once);
    }),
  );
});

test("prose ranges are ordered and never overlap", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const ranges = proseRanges(pieces.map((each) => each.source).join("\n\n> "));
      ranges.forEach((range, index) => {
        assert.ok(range.start < range.end);
        if (index > 0) assert.ok(ranges[index - 1]!.end <= range.start);
      });
    }),
  );
});

test("book.yaml's printed texts convert; settings and paths stay", async () => {
  const { config } = await loadBook({ manuscriptDir: sampleManuscript });
  const converted = convertBookTexts(
    { ...config, cip: ["学习创新发展经验 / 沈关祥等著"], cover: { back: "“发展”里面", flaps: 80 } },
    tw,
  );
  assert.equal(converted.title, "學習創新發展經驗 爭當「融杭接滬示範區」");
  assert.deepEqual(converted.authors, ["沈關祥", "高波", "馮華林"]);
  assert.equal(converted.publisher, "柯橋日報社");
  assert.deepEqual(converted.colophon, [{ label: "主辦單位", values: ["柯橋區委宣傳部", "柯橋區社科聯", "柯橋日報社"] }]);
  assert.deepEqual(converted.cip, ["學習創新發展經驗 / 沈關祥等著"]);
  assert.deepEqual(converted.cover, { back: "「發展」裡面", flaps: 80 });
  assert.deepEqual(converted.chapters, config.chapters);
  assert.equal(converted.language, config.language);
});
