import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { halfwidthPunctuation } from "../../scripts/markdown/cjk-punctuation.ts";
import { normalizeCjkPunctuation } from "../../scripts/markdown/rehype-cjk-punctuation.ts";
import { fixture } from "../helpers.ts";

/** `text` with every mark the detector finds written full-width. */
function applied(text: string, straightQuotes: boolean): string {
  let out = text;
  for (const { index, fullWidth } of halfwidthPunctuation(text, { straightQuotes }).reverse()) out = out.slice(0, index) + fullWidth + out.slice(index + 1);
  return out;
}

const cases = readFileSync(path.join(fixture("cjk-punctuation"), "cases.txt"), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"));

for (const line of cases) {
  const straightQuotes = line.startsWith('"');
  const [input, expected] = (straightQuotes ? line.slice(1) : line).split(" => ") as [string, string];
  test(`detector: ${input}`, () => {
    assert.equal(applied(input, straightQuotes), expected === "=" ? input : expected);
  });
}

test("the fixture has cases that change and cases that stay, with and without straight quotes", () => {
  const changing = cases.filter((line) => !line.endsWith(" => ="));
  assert.ok(changing.length >= 15 && cases.length - changing.length >= 15, `${changing.length} of ${cases.length}`);
  assert.ok(cases.some((line) => line.startsWith('"') && !line.endsWith(" => =")));
});

test("context before and after is read, never reported; a pair is converted only when both its ends are in the text", () => {
  assert.deepEqual(halfwidthPunctuation(",", { before: "好", after: "坏" }), [{ index: 0, fullWidth: "，" }]);
  assert.deepEqual(halfwidthPunctuation(",", { before: "Hello", after: "坏" }), []);
  assert.deepEqual(halfwidthPunctuation("好", { before: ",", after: "," }), []);
  assert.deepEqual(halfwidthPunctuation("(绍兴", { after: ")" }), []);
  assert.equal(normalizeCjkPunctuation(",然后", "\uFFFC"), "，然后");
  assert.equal(normalizeCjkPunctuation("!然后", "d"), "!然后");
});
