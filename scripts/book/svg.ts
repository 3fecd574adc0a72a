import { DOMParser, ParseError, type Document, type Element, type Node } from "@xmldom/xmldom";

const svgNamespace = "http://www.w3.org/2000/svg";
const xlinkNamespace = "http://www.w3.org/1999/xlink";

/** Something in an SVG file the book will not print, at its line and column in that file. */
export interface SvgFinding {
  /** What was found, in Markdown code spans: "`<script>`", "event attribute `onload`". */
  found: string;
  /** What the figure should have instead, and why. */
  expected: string;
  line?: number;
  column?: number;
}

/** An SVG file read: what in it is refused, and the letters its drawing prints. */
export interface SvgReading {
  findings: SvgFinding[];
  /** The text of the `<text>` elements drawn, in document order, each once per time it is drawn. */
  drawnText: string;
}

const noScript = "a figure without scripts: an SVG image is drawn, never run";
const selfContained =
  "references only to a `#fragment` of the same SVG or to a data: PNG, JPEG, GIF or WebP image: an SVG image loads nothing from outside itself, so the PDF would lack it";

/**
 * The same rules as the book's own HTML, for an SVG figure: no script, nothing fetched from
 * elsewhere, and no HTML inside it (`<foreignObject>`: it would escape the HTML checks, and reading
 * systems draw it differently). Parsed as XML, as browsers parse an SVG file: one they would draw
 * nothing for is refused too, and entities declared in its DOCTYPE are not expanded (xmldom reports
 * them as not found), so an entity bomb is a finding rather than a hang.
 */
export function readSvg(source: string): SvgReading {
  const findings: SvgFinding[] = [];
  const malformed = (message: string, at: Location | undefined) => findings.push({ found: `malformed XML (${message.split("\n")[0]})`, expected: "a well-formed SVG file: browsers draw nothing for a malformed one", ...place(at) });
  const document = parseXml(source, malformed);
  if (!document || findings.length) return { findings, drawnText: "" };
  const root = document.documentElement;
  if (!root || root.namespaceURI !== svgNamespace || root.localName !== "svg") {
    const found = root ? `root element \`<${root.tagName}>\`${root.localName === "svg" ? " outside the SVG namespace" : ""}` : "no root element";
    return { findings: [{ found, expected: `an \`<svg xmlns="${svgNamespace}">\` root, which is what browsers draw`, ...place(root) }], drawnText: "" };
  }
  for (let child = document.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.PROCESSING_INSTRUCTION_NODE && child.nodeName === "xml-stylesheet") {
      findings.push({ found: "`<?xml-stylesheet?>`", expected: `its styles inside it, and ${selfContained}`, ...place(child) });
    }
  }
  for (const element of descendants(root)) findings.push(...elementFindings(element));
  return { findings, drawnText: drawnText(root, document) };
}

/** The document, or undefined when xmldom stopped at a fatal error (after telling `malformed` of it). */
function parseXml(source: string, malformed: (message: string, at: Location | undefined) => void): Document | undefined {
  let told = false;
  try {
    return new DOMParser({
      onError: (level, message, context: { locator?: Location } | undefined) => {
        if (level === "warning") return;
        told = true;
        malformed(message, context?.locator);
      },
    }).parseFromString(source, "text/xml");
  } catch (thrown) {
    if (!(thrown instanceof ParseError)) throw thrown;
    if (!told) malformed(thrown.message, thrown.locator as Location | undefined);
    return undefined;
  }
}

function elementFindings(element: Element): SvgFinding[] {
  const findings: SvgFinding[] = [];
  const at = place(element);
  if (element.localName === "script") findings.push({ found: "`<script>`", expected: noScript, ...at });
  if (element.localName === "foreignObject") {
    findings.push({ found: "`<foreignObject>`", expected: "SVG shapes and `<text>` only, not HTML inside the SVG (export the figure with text labels rather than HTML ones)", ...at });
  }
  if (element.localName === "style") findings.push(...cssFindings(element.textContent ?? "", "`<style>`", at));
  const animated = ["set", "animate"].includes(element.localName ?? "") ? element.getAttribute("attributeName") : null;
  if (animated && (/^on/i.test(animated) || /(^|:)href$/.test(animated))) {
    findings.push({ found: `\`<${element.localName} attributeName="${animated}">\``, expected: `${noScript}, and ${selfContained}`, ...at });
  }
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name;
    const value = attribute.value;
    if (!attribute.namespaceURI && /^on/i.test(name)) findings.push({ found: `event attribute \`${name}\``, expected: noScript, ...at });
    else if (attribute.localName === "href" && (!attribute.namespaceURI || attribute.namespaceURI === xlinkNamespace)) {
      if (!isSelfContained(value)) findings.push({ found: `\`${name}="${shortened(value)}"\``, expected: /^\s*javascript:/i.test(value) ? noScript : selfContained, ...at });
    } else findings.push(...cssFindings(value, `\`${name}\``, at));
  }
  return findings;
}

/** `@import` and `url(…)` leading out of the SVG, in a stylesheet or an attribute (`fill="url(…)"`, `style`). */
function cssFindings(css: string, where: string, at: Pick<SvgFinding, "line" | "column">): SvgFinding[] {
  const findings: SvgFinding[] = [];
  if (/@import\b/i.test(css)) findings.push({ found: `\`@import\` in ${where}`, expected: selfContained, ...at });
  for (const [, , target = ""] of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    if (!isSelfContained(target)) findings.push({ found: `\`url(${shortened(target)})\` in ${where}`, expected: selfContained, ...at });
  }
  return findings;
}

const isSelfContained = (reference: string) => /^\s*(#|data:image\/(png|jpeg|gif|webp)[;,])/i.test(reference);

const shortened = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Where xmldom places a node or an error. */
interface Location {
  lineNumber?: number;
  columnNumber?: number;
}

const place = (at: Location | null | undefined): Pick<SvgFinding, "line" | "column"> =>
  at?.lineNumber ? { line: at.lineNumber, ...(at.columnNumber ? { column: at.columnNumber } : {}) } : {};

/** Every element under `root`, in document order, without recursion (an SVG may nest thousands deep). */
function descendants(root: Element): Element[] {
  const elements: Element[] = [];
  const pending: Node[] = [root];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    elements.push(node as Element);
    for (let child = node.lastChild; child; child = child.previousSibling) pending.push(child);
  }
  return elements;
}

/** Elements whose content is never drawn where it stands (it may be drawn through `<use>`). */
const undrawn = new Set(["defs", "symbol", "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "filter", "metadata", "title", "desc", "style"]);

/** How many `<use>` may lead through one another: deeper chains are not followed. */
const mostUseDepth = 8;

/**
 * The text the drawing prints, which pdftotext reads back from the PDF: `<text>` elements that are
 * drawn (not inside `<defs>` and the like, not `display="none"`, only the first choice of a
 * `<switch>`), and again for each `<use>` of one. Elements of other namespaces (an editor's
 * metadata) are not drawn.
 */
function drawnText(root: Element, document: { getElementById(id: string): Element | null }): string {
  const texts: string[] = [];
  const pending: Array<{ node: Node; uses: number; inText: boolean }> = [{ node: root, uses: 0, inText: false }];
  while (pending.length) {
    const { node, uses, inText } = pending.pop()!;
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
      texts.push(node.nodeValue ?? "");
      continue;
    }
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.namespaceURI !== svgNamespace || undrawn.has(element.localName ?? "") || element.getAttribute("display") === "none") continue;
    if (element.localName === "use") {
      const href = element.getAttribute("href") ?? element.getAttributeNS(xlinkNamespace, "href") ?? "";
      const used = href.startsWith("#") && uses < mostUseDepth ? document.getElementById(href.slice(1)) : null;
      // A used <symbol> draws its content; other elements draw themselves.
      const drawn = used?.localName === "symbol" ? Array.from(used.childNodes) : used ? [used] : [];
      pending.push(...drawn.reverse().map((child) => ({ node: child as Node, uses: uses + 1, inText })));
      continue;
    }
    const isText = element.localName === "text";
    // Outside <text>, character data is only the file's indentation.
    let children = Array.from(element.childNodes).filter((child) => inText || isText || child.nodeType === child.ELEMENT_NODE);
    if (element.localName === "switch") children = children.slice(0, 1);
    if (isText) texts.push(" ");
    pending.push(...children.reverse().map((child) => ({ node: child as Node, uses, inText: inText || isText })));
  }
  return texts.join("").replace(/\s+/g, " ").trim();
}
