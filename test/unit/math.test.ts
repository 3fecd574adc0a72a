import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import rehypeMath, { renderMath, texToMathml, texToSvg } from "../../scripts/markdown/math.ts";

const processor = unified()
  .use(remarkParse)
  .use(remarkMath)
  .use(remarkRehype, { clobberPrefix: "" })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: "" })
  .use(rehypeMath);

function parse(value: string): { tree: Root; file: VFile } {
  const file = new VFile({ path: "chapters/one.md", value });
  return { tree: processor.runSync(processor.parse(file), file) as Root, file };
}

function elements(tree: Root | Element, tagName?: string): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (node: Element) => {
    if (!tagName || node.tagName === tagName) found.push(node);
  });
  return found;
}

const placeholders = (tree: Root) => elements(tree).filter((node) => node.properties.dataTex !== undefined);

test("inline and display math become empty placeholders holding the TeX", () => {
  const { tree, file } = parse("速度 $ϕ = σ^2$ 不变。\n\n$$\n\\frac{1}{2}\n$$\n\n```math\nx^2\n```\n");
  assert.equal(file.messages.length, 0);
  const [inline, display, fenced] = placeholders(tree);
  assert.equal(toHtml(inline!), '<span class="math math-inline" data-tex="ϕ = σ^2"></span>');
  assert.equal(toHtml(display!), '<div class="math math-display" data-tex="\\frac{1}{2}"></div>');
  assert.equal(toHtml(fenced!), '<div class="math math-display" data-tex="x^2"></div>');
  assert.equal(elements(tree, "pre").length + elements(tree, "code").length, 0);
  assert.equal(toText(tree).replace(/\s/g, ""), "速度不变。");
});

test("a TeX error is fatal at the formula's line and column and names MathJax's reason", () => {
  const { tree, file } = parse("# 题\n\n正文 $\\frac{1}$ 与 $\\undefinedmacro$。\n\n$$\nx^\n$$\n");
  assert.deepEqual(
    file.messages.map((message) => [message.line, message.column, message.fatal, message.ruleId]),
    [
      [3, 4, true, "math"],
      [3, 17, true, "math"],
      [5, 1, true, "math"],
    ],
  );
  assert.match(String(file.messages[0]), /Unexpected TeX `\\frac\{1\}` \(MathJax says: Missing argument for \\frac\), expected .*: fix the formula/);
  assert.match(String(file.messages[1]), /Undefined control sequence \\undefinedmacro/);
  assert.equal(placeholders(tree).length, 0);
});

test("Chinese in a formula is set in the book's text faces, which the PDF embeds", () => {
  const { tree, file } = parse("$v = \\text{速度}$\n");
  assert.deepEqual(file.messages, []);
  const svg = texToSvg(String(placeholders(tree)[0]!.properties.dataTex), { display: false, vertical: false });
  const texts = elements(svg, "text");
  assert.ok(texts.length > 0);
  for (const text of texts) {
    assert.equal(text.properties.fontFamily, undefined);
    assert.match(String(text.properties.style), /font-family: var\(--text-font\); writing-mode: horizontal-tb/);
  }
});

test("an equation number is set after the formula, which stays turnable for vertical text", () => {
  const { tree, file } = parse("$$\nE = mc^2 \\tag{1}\n$$\n");
  assert.deepEqual(file.messages, []);
  const svg = texToSvg(String(placeholders(tree)[0]!.properties.dataTex), { display: true, vertical: true });
  assert.ok(svg.properties.viewBox, "a viewBox to turn");
  assert.ok(elements(svg, "path").length > 4);
});

test("dollars with a space just inside are money, not math (Pandoc's rule), and stay as written", () => {
  const { tree, file } = parse("售价 $5 与 $10 之间，公式 $x$。\n");
  assert.deepEqual(file.messages, []);
  assert.equal(placeholders(tree).length, 1);
  assert.match(toText(tree), /^售价 \$5 与 \$10 之间，公式 。/);
});

test("an SVG formula is outlines in currentColor, named by its TeX, with no text", () => {
  const svg = texToSvg("ϕ = σ^2", { display: false, vertical: false });
  const html = toHtml(svg);
  assert.equal(svg.tagName, "svg");
  assert.ok(elements(svg, "path").length >= 4);
  assert.equal(elements(svg, "text").length + elements(svg, "title").length + elements(svg, "use").length, 0);
  assert.doesNotMatch(html, /font|data-/);
  assert.match(html, /fill="currentColor"/);
  assert.match(html, /role="img"/);
  assert.equal(svg.properties.ariaLabel, "ϕ = σ^2");
  assert.match(String(svg.properties.width), /^[\d.]+ex$/);
  assert.match(String(svg.properties.style), /^vertical-align: -[\d.]+ex;$/);
  assert.equal(toText(svg), "");
});

const numbers = (value: unknown) => String(value).split(" ").map(Number);
const ex = (value: unknown) => parseFloat(String(value));

test("for vertical text a formula is turned 90° clockwise inside its SVG, its math axis on the column's centre", () => {
  const upright = texToSvg("x^2 + \\frac{1}{2}", { display: false, vertical: false });
  const turned = texToSvg("x^2 + \\frac{1}{2}", { display: false, vertical: true });
  assert.equal(turned.properties.width, upright.properties.height);
  assert.equal(turned.properties.height, upright.properties.width);

  const [x, y, width, height] = numbers(upright.properties.viewBox) as [number, number, number, number];
  const [turnedX, turnedY, turnedWidth, turnedHeight] = numbers(turned.properties.viewBox) as [number, number, number, number];
  assert.deepEqual([turnedWidth, turnedHeight], [height, width]);
  // rotate(90) takes (x, y) to (−y, x): the top-left corner (x, y) lands at the top-right.
  assert.ok(Math.abs(turnedX + turnedWidth - -y) < 0.01);
  assert.ok(Math.abs(turnedY - x) < 0.01);
  const group = turned.children[0] as Element;
  assert.equal(group.properties.transform, "rotate(90)");
  assert.deepEqual(group.children, upright.children);

  // The axis, 250 units above the baseline, is at x = 250 once turned; it must sit at the centre.
  const widthEx = ex(turned.properties.width);
  const axisFromLeft = ((250 - turnedX) / turnedWidth) * widthEx;
  const shift = ex(/vertical-align: (-?[\d.]+)ex/.exec(String(turned.properties.style))![1]);
  assert.ok(Math.abs(axisFromLeft + shift - widthEx / 2) < 0.01, `axis ${axisFromLeft + shift}ex, centre ${widthEx / 2}ex`);
});

test("vertical display math is turned too, with no inline alignment", () => {
  const turned = texToSvg("\\sum_{i=1}^n x_i", { display: true, vertical: true });
  assert.equal((turned.children[0] as Element).properties.transform, "rotate(90)");
  assert.equal(turned.properties.style, undefined);
});

test("MathML for EPUB is in the MathML namespace with the TeX as alttext, block for display math", () => {
  const display = toHtml(texToMathml("\\frac{ϕ}{\\mathcal{L}}", true));
  assert.match(display, /^<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block" alttext="\\frac\{ϕ\}\{\\mathcal\{L\}\}">/);
  assert.match(display, /<mfrac><mi>ϕ<\/mi><mrow><mi mathvariant="script">L<\/mi><\/mrow><\/mfrac><\/math>$/);
  assert.doesNotMatch(display, /data-|\n/);
  const inline = texToMathml("a < b", false);
  assert.equal(inline.properties.display, undefined);
  assert.equal(inline.properties.alttext, "a < b");
  assert.match(toHtml(inline), /<mo>&#x3C;<\/mo>/);
});

test("renderMath fills a copy for each output and leaves the parsed tree as it was", () => {
  const { tree } = parse("设 $ϕ = σ^2$。\n\n$$\n\\frac{1}{2}\n$$\n");
  const before = structuredClone(tree);
  const horizontal = renderMath(tree, "pdf-horizontal");
  const vertical = renderMath(tree, "pdf-vertical");
  const epub = renderMath(tree, "epub");
  assert.deepEqual(tree, before);

  for (const rendered of [horizontal, vertical]) {
    const filled = placeholders(rendered);
    assert.deepEqual(filled.map((node) => node.children.map((child) => (child as Element).tagName)), [["svg"], ["svg"]]);
    assert.deepEqual(filled.map((node) => node.properties.className), [["math", "math-inline"], ["math", "math-display"]]);
    assert.equal(toText(rendered).replace(/\s/g, ""), "设。");
  }
  assert.equal(elements(horizontal, "g").filter((g) => g.properties.transform === "rotate(90)").length, 0);
  assert.equal(elements(vertical, "g").filter((g) => g.properties.transform === "rotate(90)").length, 2);
  assert.deepEqual(
    elements(epub, "math").map((math) => [math.properties.display, math.properties.alttext]),
    [
      [undefined, "ϕ = σ^2"],
      ["block", "\\frac{1}{2}"],
    ],
  );
});

// LearnOpenGL-CN (docs/01 Getting started/07 Transformations.md) colours its vectors' components.
test("\\color (MathJax's color package) typesets, in the SVG and in the MathML", () => {
  const { tree, file } = parse("$$\n\\bar{v} = \\begin{pmatrix} \\color{red}x \\\\ \\color{green}{y} \\end{pmatrix}\n$$\n");
  assert.deepEqual(file.messages.map(String), []);
  assert.equal(placeholders(tree).length, 1);
  assert.match(toHtml(texToSvg("\\color{red}{x}", { display: false, vertical: false })), /fill="red"/);
  assert.match(toHtml(texToMathml("\\color{red}{x}", false)), /mathcolor="red"/);
});
