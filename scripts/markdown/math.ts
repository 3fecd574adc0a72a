import type { Element, ElementContent, Root } from "hast";
import { h, s } from "hastscript";
import { liteAdaptor, type LiteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import type { LiteElement, LiteNode } from "mathjax-full/js/adaptors/lite/Element.js";
import type { LiteDocument } from "mathjax-full/js/adaptors/lite/Document.js";
import type { LiteText } from "mathjax-full/js/adaptors/lite/Text.js";
import type { MathDocument } from "mathjax-full/js/core/MathDocument.js";
import { STATE } from "mathjax-full/js/core/MathItem.js";
import type { MmlNode } from "mathjax-full/js/core/MmlTree/MmlNode.js";
import { SerializedMmlVisitor } from "mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import "mathjax-full/js/input/tex/ams/AmsConfiguration.js";
import "mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js";
import "mathjax-full/js/input/tex/braket/BraketConfiguration.js";
import "mathjax-full/js/input/tex/cancel/CancelConfiguration.js";
import "mathjax-full/js/input/tex/color/ColorConfiguration.js";
import "mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js";
import "mathjax-full/js/input/tex/mhchem/MhchemConfiguration.js";
import "mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js";
import "mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { EXIT, SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { error } from "../diagnostics.ts";

export type MathTarget = "pdf-horizontal" | "pdf-vertical" | "epub";

interface MathJax {
  adaptor: LiteAdaptor;
  document: MathDocument<LiteElement, LiteText, LiteDocument>;
}

let mathJax: MathJax | undefined;

/** MathJax's TeX errors are no `Error`s (and its class is awkward to import); thrown as this instead. */
class TexSyntaxError extends Error {}

/**
 * The TeX packages books use (AMS, bold symbols, cancel, braket, upright Greek, units, chemistry,
 * and colour: `\color{red}{x}`, which MathJax's own default set loads and books written for the web use).
 * Not `newcommand` (a definition would leak into every later formula, in whatever order the
 * outputs render them) nor `noundefined`, so an unknown macro is an error, not red text in the book.
 */
const texPackages = ["base", "ams", "boldsymbol", "cancel", "braket", "upgreek", "gensymb", "mhchem", "textmacros", "color"];

/**
 * One MathJax document for the whole run (building it loads the TeX tables). TeX errors are thrown
 * rather than typeset as `merror`.
 */
function loadMathJax(): MathJax {
  if (mathJax) return mathJax;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: texPackages,
    formatError: (_jax: unknown, texError: { message: string }) => {
      throw new TexSyntaxError(texError.message);
    },
  });
  // Glyphs drawn as paths in each SVG: no font in the PDF, and no shared `<defs>` whose ids would
  // repeat from one formula to the next.
  const svg = new SVG({ fontCache: "none" });
  mathJax = { adaptor, document: mathjax.document("", { InputJax: tex, OutputJax: svg }) };
  return mathJax;
}

/** MathJax's bookkeeping (`data-mml-node`, `data-mjx-texclass`…) is no part of SVG or MathML. */
function attributesOf(node: LiteElement): Record<string, string> {
  return Object.fromEntries(Object.entries(node.attributes).filter(([name]) => !name.startsWith("data-")).map(([name, value]) => [name, String(value)]));
}

/**
 * An equation number (`\tag{1}`) makes MathJax set the equation across the full measure, with no
 * viewBox to turn for vertical text; it is set after the formula instead, a quad away.
 */
const withNumbersInline = (tex: string) => tex.replace(/\\tag(\*?)\{([^{}]*)\}/g, (_, starred: string, number: string) => `\\qquad\\text{${starred ? number : `(${number})`}}`);

function typesetSvg(tex: string, display: boolean): LiteElement {
  const { adaptor, document } = loadMathJax();
  const container = document.convert(withNumbersInline(tex), { display }) as LiteElement;
  return adaptor.firstChild(container) as LiteElement;
}

const isElement = (node: LiteNode): node is LiteElement => "attributes" in node;

/** What keeps a formula out of the book, or undefined when it typesets. */
function texProblem(tex: string, display: boolean): string | undefined {
  try {
    typesetSvg(tex, display);
  } catch (cause) {
    if (!(cause instanceof TexSyntaxError)) throw cause;
    return `Unexpected TeX \`${tex}\` (MathJax says: ${cause.message}), expected a formula of LaTeX math with the AMS packages: fix the formula`;
  }
  return undefined;
}

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/**
 * remark-math's `<code class="language-math">` becomes an empty placeholder holding the TeX in
 * `data-tex`; `renderMath` fills it for each output. The TeX source is no text of the book, so the
 * placeholder has no children. Display math is the code inside a `pre`: rehype-sanitize keeps
 * `language-math` but drops `math-inline` and `math-display`, and a ```math fence is display math
 * too, as on GitHub. Runs after sanitizing, which would drop `data-tex`.
 */
export default function rehypeMath() {
  return (tree: Root, file: VFile) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "code" || !hasClass(node, "language-math") || !parent || index === undefined) return undefined;
      const written = node.children.map((child) => (child.type === "text" ? child.value : "")).join("");
      const display = parent.type === "element" && parent.tagName === "pre";
      // Pandoc's rule: no space just inside the dollars of inline math, so “$5 与 $10” stays money.
      if (!display && /^\s|\s$/.test(written)) {
        const { start, end } = node.position ?? {};
        const source = start?.offset !== undefined && end?.offset !== undefined ? String(file.value).slice(start.offset, end.offset) : `$${written}$`;
        parent.children[index] = { type: "text", value: source, position: node.position };
        return SKIP;
      }
      const tex = written.trim();
      // Display math's code may have no position of its own; its `pre` starts at the `$$`.
      const place = display ? parent : node;
      const problem = texProblem(tex, display);
      if (problem) {
        error(file, problem, place, "math");
        return SKIP;
      }
      const placeholder: Element = {
        type: "element",
        tagName: display ? "div" : "span",
        properties: { className: ["math", display ? "math-display" : "math-inline"], dataTex: tex },
        children: [],
        position: place.position,
      };
      // The visitor knows no grandparent, so the `pre` itself becomes the placeholder.
      if (display) Object.assign(parent, placeholder);
      else parent.children[index] = placeholder;
      return SKIP;
    });
  };
}

/** 1 em in MathJax's SVG units; its axis (the minus sign, the fraction bar) is 0.25 em above the baseline. */
const unitsPerEm = 1000;
const axisHeight = 0.25;

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * MathJax draws what its TeX fonts lack (Chinese in `\text{}`, é) as SVG text in a font of its
 * choosing; it is set in the book's own text faces instead, which the PDF embeds.
 */
function svgContent(node: LiteNode): ElementContent {
  if (!isElement(node)) return { type: "text", value: node.value };
  const attributes = attributesOf(node);
  if (node.kind === "text") {
    delete attributes["font-family"];
    // Set across, as MathJax placed it, even inside a vertical book, whose writing mode SVG text inherits.
    attributes.style = `font-family: var(--text-font); writing-mode: horizontal-tb;${attributes.style ? ` ${attributes.style}` : ""}`;
  }
  return s(node.kind, attributes, node.children.map(svgContent));
}

/**
 * A formula as an SVG of outlines, sized in ex as MathJax measures it, in `currentColor`; its
 * accessible name is the TeX (an `aria-label`, not a `<title>`, so it adds no text to the page).
 *
 * For vertical text the formula is turned 90° clockwise as a whole, like sideways Latin: an SVG
 * in a vertical line stays upright, so the turn is inside it (a `rotate(90)` group, the viewBox
 * and size swapped). Inline, its math axis is set on the column's centre line: Chromium aligns an
 * image's centre with the central baseline of vertical text, and `vertical-align` moves the
 * image towards the line's right side (its "over" side, where the formula's top now points).
 */
export function texToSvg(tex: string, options: { display: boolean; vertical: boolean }): Element {
  const svg = typesetSvg(tex, options.display);
  const { width, height, viewBox, style, ...rest } = attributesOf(svg);
  const children = svg.children.map(svgContent);
  if (!options.vertical) return s("svg", { width, height, viewBox, style, ...rest, "aria-label": tex }, children);

  const [x, y, boxWidth, boxHeight] = viewBox!.split(" ").map(Number) as [number, number, number, number];
  // rotate(90) takes (x, y) to (−y, x): the box [x, x + w] × [y, y + h] becomes [−y − h, −y] × [x, x + w].
  const turnedViewBox = [-(y + boxHeight), x, boxHeight, boxWidth].map(round).join(" ");
  const exPerUnit = parseFloat(height!) / boxHeight;
  const depth = y + boxHeight;
  const axisBelowCentre = boxHeight / 2 - depth - axisHeight * unitsPerEm;
  const turnedStyle = options.display ? undefined : `vertical-align: ${round(axisBelowCentre * exPerUnit)}ex;`;
  return s("svg", { width: height, height: width, viewBox: turnedViewBox, style: turnedStyle, ...rest, "aria-label": tex }, [
    s("g", { transform: "rotate(90)" }, children),
  ]);
}

/**
 * A formula as MathML for EPUB 3, in the MathML namespace, `display="block"` for display math, with
 * the TeX as `alttext` for readers that cannot speak MathML.
 */
export function texToMathml(tex: string, display: boolean): Element {
  const { adaptor, document } = loadMathJax();
  const mml = new SerializedMmlVisitor().visitTree(document.convert(tex, { display, end: STATE.CONVERT }) as MmlNode);
  const math = adaptor.firstChild(adaptor.body(adaptor.parse(mml, "text/html"))) as LiteElement;
  return h("math", { ...attributesOf(math), alttext: tex }, math.children.flatMap(mathmlContent));
}

/** MathJax indents its MathML; whitespace between MathML elements means nothing, and goes. */
function mathmlContent(node: LiteNode): ElementContent[] {
  if (!isElement(node)) return /^\n *$/.test(node.value) ? [] : [{ type: "text", value: node.value }];
  return [h(node.kind, attributesOf(node), node.children.flatMap(mathmlContent))];
}

/**
 * A copy of `tree` with every math placeholder holding its formula: an SVG for the PDFs, MathML
 * for the EPUB. The parsed tree is shared by every output, so it is left as it is.
 */
export function renderMath(tree: Root, target: MathTarget): Root {
  const rendered = structuredClone(tree);
  visit(rendered, "element", (node: Element) => {
    if (!hasClass(node, "math") || typeof node.properties.dataTex !== "string") return undefined;
    const tex = node.properties.dataTex;
    const display = hasClass(node, "math-display");
    // The EPUB's MathML carries the TeX as its `alttext`; an XHTML attribute of ours would be dropped.
    if (target === "epub") delete node.properties.dataTex;
    node.children = [target === "epub" ? texToMathml(tex, display) : texToSvg(tex, { display, vertical: target === "pdf-vertical" })];
    return SKIP;
  });
  return rendered;
}

/** Whether the chapter holds a formula (an EPUB page with MathML says so in its manifest item). */
export function hasMath(tree: Root): boolean {
  let found = false;
  visit(tree, "element", (node: Element) => {
    found ||= hasClass(node, "math");
    return found ? EXIT : undefined;
  });
  return found;
}
