import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { markShortNumbers } from "../../scripts/markdown/rehype-tate-chu-yoko.ts";

const marked = (text: string) => toHtml({ type: "root", children: markShortNumbers(text) });

test("numbers of one or two digits in Chinese text are set across the column", () => {
  assert.equal(marked("2023年8月20日"), '2023年<span class="tcy">8</span>月<span class="tcy">20</span>日');
  assert.equal(marked("见(1)条，第 3 版，10:30"), '见(<span class="tcy">1</span>)条，第 <span class="tcy">3</span> 版，<span class="tcy">10</span>:<span class="tcy">30</span>');
  assert.equal(marked("（1）"), '（<span class="tcy">1</span>）');
});

// A pythontutor URL in Hello 算法: its `append(1)` had the 1 upright, alone at a column's foot, the rest of the URL sideways.
test("digits inside a run of Latin text (a URL, C++11, f(x)=2) stay sideways with it", () => {
  for (const text of ["stack.append(1)%0A", "C++11标准", "f(x)=2 时", "A4纸", "ISO 9001"]) assert.equal(marked(text), text);
});
