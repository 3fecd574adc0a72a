import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { cp, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { location } from "vfile-location";
import { loadBook } from "../../scripts/book/load.ts";
import { fixText, lintText } from "../../scripts/lint/lint.ts";
import { proofreadBook } from "../../scripts/prepare.ts";
import { decodeRaw, encodeRaw, readRaw } from "../../scripts/lint/source-file.ts";
import { fixture, projectRoot, tempDir } from "../helpers.ts";

const casesDir = fixture("lint");
const cases = readdirSync(casesDir);

/** A case is an `input.md` (zh-CN) or a one-chapter manuscript whose book.yaml gives the language. */
async function caseInput(name: string): Promise<{ raw: string; language: string }> {
  const dir = path.join(casesDir, name);
  if (!cases.includes(name)) throw new Error(`no case ${name}`);
  const hasBook = readdirSync(dir).includes("book.yaml");
  if (!hasBook) return { raw: (await readRaw(path.join(dir, "input.md")))!.text, language: "zh-CN" };
  const book = await loadBook({ manuscriptDir: dir });
  return { raw: (await readRaw(book.chapters[0]!.path))!.text, language: book.config.language };
}

const normalised = (raw: string) => raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

function findingLines(text: string, language: string): string[] {
  const place = location(text);
  return lintText(text, language).map((found) => {
    const point = place.toPoint(found.start)!;
    return `${point.line}:${point.column} ${found.ruleId}`;
  });
}

for (const name of cases) {
  test(`lint case ${name}: findings, fixed text, and a second fix changes nothing`, async () => {
    const { raw, language } = await caseInput(name);
    const expectedFindings = (await readFile(path.join(casesDir, name, "expected-findings.txt"), "utf8")).split("\n").filter(Boolean);
    assert.deepEqual(findingLines(normalised(raw), language), expectedFindings);
    const fixed = fixText(raw, language);
    assert.equal(fixed.text, await readFile(path.join(casesDir, name, "expected-fixed.md"), "utf8"));
    assert.deepEqual(fixText(fixed.text, language), { text: fixed.text, changes: [] });
  });
}

test("every finding type has a case, and the leave-alone case has none", async () => {
  const found = new Set<string>();
  for (const name of cases) {
    const { raw, language } = await caseInput(name);
    for (const line of findingLines(normalised(raw), language)) found.add(line.split(" ")[1]!);
  }
  assert.deepEqual([...found].sort(), ["dash", "ellipsis", "fullwidth-alphanumeric", "halfwidth-punctuation", "mixed-quotes", "quote-style", "repeated-punctuation", "stray-space", "unmatched-pair"]);
  const { raw } = await caseInput("leave-alone");
  assert.deepEqual(lintText(normalised(raw), "zh-CN"), []);
});

test("messages say what was found and what is expected; only clear, mendable mistakes carry a fix", () => {
  const findings = lintText("柯桥 区,位于（绍兴。好吗？？", "zh-CN");
  const byRule = Object.fromEntries(findings.map((found) => [found.ruleId, found]));
  assert.deepEqual(byRule["halfwidth-punctuation"], { ruleId: "halfwidth-punctuation", severity: "error", start: 4, end: 5, reason: "Unexpected half-width `,` in Chinese text, expected `，`", fix: "，" });
  assert.equal(byRule["stray-space"]?.severity, "warning");
  assert.equal(byRule["stray-space"]?.fix, undefined);
  assert.equal(byRule["repeated-punctuation"]?.severity, "warning");
  assert.equal(byRule["unmatched-pair"]?.severity, "error");
  assert.equal(byRule["unmatched-pair"]?.fix, undefined);
  for (const found of findings) assert.match(found.reason, /^Unexpected .+, expected .+/);
});

test("a mark spread over Markdown syntax is reported but not rewritten", () => {
  const [found] = lintText("柯桥区 **，** 位于", "zh-CN").filter((finding) => finding.ruleId === "stray-space");
  assert.ok(found);
  assert.equal(fixText("柯桥区\\,位于", "zh-CN").text, "柯桥区\\,位于");
});

test("prose in block quotes, lists, tables and footnotes is placed exactly", () => {
  const markdown = "> 引用,第一行\n> 第二行,好\n\n- 列表,项\n  续行,好\n\n| 甲,乙 | 丙 |\n| --- | --- |\n| 丁,戊 | 己 |\n\n正文[^注]。\n\n[^注]: 注文,内容。\n";
  const fixed = fixText(markdown, "zh-CN").text;
  assert.equal(fixed, markdown.replaceAll(/(?<=\p{Script=Han}),(?=\p{Script=Han})/gu, "，"));
});

test("proofreadBook adds warnings with start and end to a chapter from loadBook, at the right place in a CRLF file with a BOM, and keeps each chapter's findings by its text", async () => {
  const kept = new Map<string, Uint8Array>();
  const cache = { artifactKey: (...inputs: string[]) => JSON.stringify(inputs), getArtifact: async (key: string) => kept.get(key), putArtifact: async (key: string, bytes: Uint8Array) => void kept.set(key, bytes) };
  const book = await loadBook({ manuscriptDir: path.join(casesDir, "crlf-bom") });
  const [chapter] = book.chapters;
  await proofreadBook(book, cache);
  const messages = chapter!.messages.map((message) => [message.line, message.column, message.place && "end" in message.place ? message.place.end.column : undefined, message.fatal, message.ruleId, message.source]);
  assert.deepEqual(messages, [
    [3, 4, 5, false, "halfwidth-punctuation", "lint"],
    [4, 4, 5, false, "halfwidth-punctuation", "lint"],
    [4, 7, 8, false, "halfwidth-punctuation", "lint"],
  ]);
  assert.equal(kept.size, 1);

  // The same text again: its findings come from the cache (doctored here to tell them apart), placed the same way.
  const [key, bytes] = [...kept][0]!;
  const findings = JSON.parse(Buffer.from(bytes).toString("utf8")) as Array<{ reason: string }>;
  kept.set(key, Buffer.from(JSON.stringify(findings.map((finding) => ({ ...finding, reason: "kept" })))));
  const again = await loadBook({ manuscriptDir: path.join(casesDir, "crlf-bom") });
  await proofreadBook(again, cache);
  assert.deepEqual(again.chapters[0]!.messages.map((message) => [message.line, message.column, message.reason]), [
    [3, 4, "kept"],
    [4, 4, "kept"],
    [4, 7, "kept"],
  ]);
});

test("UTF-8 with BOM and UTF-16 files are written back in their own encoding, byte for byte", () => {
  const text = "\uFEFF柯桥\r\n区\n";
  for (const bytes of [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le"), Buffer.from(text, "utf16le").swap16()]) {
    const raw = decodeRaw(bytes)!;
    assert.equal(raw.text, text);
    assert.deepEqual(encodeRaw(raw), bytes);
  }
  assert.equal(decodeRaw(Buffer.from([0xc4, 0xe3, 0xba, 0xc3])), undefined, "GBK is refused as the loader refuses it");
});

const chinese = fc.stringMatching(/^[柯桥区深圳创新发展一二三]{1,6}$/);
const marks = fc.constantFrom(",", ";", ":", "!", "?", "(", ")", '"', "...", "--", "—", "…", "。。", "，，", "！！", " ", "\u3000", "２", "Ａ", "“", "”", "「", "」", "‘", "’", "（", "）", "。");
/** Pieces the lint must never change, wherever they stand. */
const untouchable = fc.constantFrom("`a, b (c)...`", "`中,文 -- 甲`", "<https://example.com/中,文>", "https://example.com/a,b?c=(d)", "[链接](https://example.com/中,文)", "$x,y: z$", "<b title=\"中,文\">", "Hello, world! OK?", "10:30", "16.5", "3:2");
const fence = fc.constantFrom("\n\n```\n中,文(代码)...\n北京--上海\n```\n\n", "\n\n    缩进,代码\n\n", "\n\n$$\n中,文\n$$\n\n");
const document = fc.array(fc.oneof(chinese, marks, untouchable, fence, fc.constantFrom("\n", "\n\n", "**", "> ")), { maxLength: 40 }).map((pieces) => pieces.join(""));

test("property: fixing twice gives what fixing once gave", () => {
  fc.assert(
    fc.property(document, (markdown) => {
      const once = fixText(markdown, "zh-CN").text;
      assert.equal(fixText(once, "zh-CN").text, once, JSON.stringify(markdown));
    }),
    { numRuns: 400 },
  );
});

test("property: code, URLs, math, HTML and English are never altered", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(chinese, marks, untouchable, fence), { maxLength: 30 }), (pieces) => {
      // A space between pieces keeps each what it is: glued, a bare URL runs into the next piece's backtick and eats it.
      const markdown = pieces.join(" ");
      const fixed = fixText(markdown, "zh-CN").text;
      for (const piece of pieces) {
        if (/^[`<$\n]|^https|^\[|^Hello|^\d/.test(piece)) assert.ok(fixed.includes(piece.trim()), `${JSON.stringify(piece)} altered in ${JSON.stringify(fixed)}`);
      }
    }),
    { numRuns: 400 },
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(..."abc XYZ 0123 ,.;:!?()'\"-\n*`#>[]") }), (english) => {
      assert.equal(fixText(english, "zh-CN").text, english);
    }),
    { numRuns: 400 },
  );
});

function runLint(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "lint", "cli.ts"), ...args], { cwd: projectRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("lint:book end to end: errors exit 1 with file:line:col, --fix mends keeping BOM and CRLF, then the book passes", async () => {
  const manuscript = await tempDir("lint-test-");
  await cp(path.join(casesDir, "crlf-bom"), manuscript, { recursive: true });
  const chapter = path.join(manuscript, "chapters", "one.md");

  const first = await runLint(["--manuscript", manuscript]);
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stderr, /one\.md:3:4-3:5\s+error\s+Unexpected half-width `,` in Chinese text, expected `，`\s+\[halfwidth-punctuation\]/);
  assert.equal(first.stdout, "");

  const fixing = await runLint(["--manuscript", manuscript, "--fix"]);
  assert.equal(fixing.code, 0, fixing.stderr);
  assert.deepEqual(fixing.stdout.trim().split("\n").map((line) => line.replace(/^.*one\.md:/, "")), [
    "3:4  “,” → “，”  halfwidth-punctuation",
    "4:4  “(” → “（”  halfwidth-punctuation",
    "4:7  “)” → “）”  halfwidth-punctuation",
  ]);
  const bytes = await readFile(chapter);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "BOM kept");
  assert.equal(bytes.toString("utf8").replaceAll("\r\n", "").includes("\n"), false, "every line end is still CRLF");
  assert.equal(bytes.toString("utf8"), await readFile(path.join(casesDir, "crlf-bom", "expected-fixed.md"), "utf8"));
  assert.deepEqual(readdirSync(path.dirname(chapter)), ["one.md"], "no temporary file left");

  const modified = (await stat(chapter)).mtimeMs;
  const again = await runLint(["--manuscript", manuscript, "--fix"]);
  assert.deepEqual([again.code, again.stdout], [0, ""]);
  assert.equal((await stat(chapter)).mtimeMs, modified, "an unchanged file is not rewritten");
});

test("lint:book reports a broken book.yaml and exits 1; a wrong option exits 2", async () => {
  const broken = await runLint(["--manuscript", fixture("invalid-yaml")]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /invalid-yaml\/book\.yaml:3:1\s+error\s+Unexpected YAML syntax/);
  const wrong = await runLint(["--nonsense"]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /用法 Usage: npm run lint:book/);
});

test("a web address the Markdown did not link (glued to a letter) is left alone, and so stays the same across fix rounds", () => {
  const markdown = "Ａhttps://example.com/a,b?c=(d)发";
  assert.equal(fixText(markdown, "zh-CN").text, "Ahttps://example.com/a,b?c=(d)发");
  assert.deepEqual(lintText("见Ahttps://example.com/x,y(z)发", "zh-CN"), []);
});
