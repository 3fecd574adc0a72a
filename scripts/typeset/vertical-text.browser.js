// @ts-check
// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and the pipeline's other
// scripts. Plain JavaScript on purpose: the browser runs this file as it is.
//
// Vertical (竖排) text, before Paged.js parses a part: the Han–Latin space at element edges as
// margins, and break opportunities in inline code and URLs.

/** Characters text-autospace sets apart from letters and digits (CSS Text 4: ideographs). */
const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u;
/** Letters and digits spaced from an ideograph: not the full-width ones, nor Hangul (as wide as Han). */
const letterOrDigit = /[\p{L}\p{Nd}]/u;
const wide = /[\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;
/** @param {string} character */
const autospaceClass = (character) => (ideograph.test(character) ? "ideograph" : letterOrDigit.test(character) && !wide.test(character) ? "letter" : undefined);

/** Elements that run within a line; any other element ends the line's run of text. */
const phrasing = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "DATA", "DEL", "DFN", "EM", "I", "INS", "KBD", "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR"]);
/** Text set apart from the line's run: code blocks, numbers set across the column (纵中横), formulas. */
const setApart = "pre, .tcy, svg, .math";

/**
 * The child of `ancestor` that holds `node` (the node itself when it is a child).
 * @param {Node} ancestor
 * @param {Node} node
 */
function childHolding(ancestor, node) {
  while (node.parentNode !== ancestor) node = /** @type {ParentNode & Node} */ (node.parentNode);
  return node;
}

/**
 * Chromium 156 mispaints the character after an inline element (code, a link) that ends in turned
 * Latin glued to Han, where text-autospace spaces the two and the paragraph has spaced Han and Latin
 * before: laid out in place (its slot stays empty), the character is painted about an em up the
 * column and off its line to the right, so at a column's head it stands above the text area, and
 * elsewhere it overlaps the span (issue 26). Plain text, spaces around the element, horizontal text
 * and `text-autospace: no-autospace` are not affected. So wherever the space would fall at an
 * element's edge, the element's own autospace is turned off and the space is its margin instead
 * (styles/vertical.css), which Chromium lays out and paints alike.
 * @param {DocumentFragment} content
 */
function spaceElementEdges(content) {
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  /** @type {Text | undefined} */
  let before;
  for (let node = /** @type {Text | null} */ (walker.nextNode()); node; node = /** @type {Text | null} */ (walker.nextNode())) {
    if (node.parentElement?.closest(setApart)) {
      before = undefined;
      continue;
    }
    if (!node.data) continue;
    if (before && !/^\s/.test(node.data) && !/\s$/.test(before.data)) {
      const kinds = [autospaceClass([...before.data.slice(-2)].at(-1) ?? ""), autospaceClass(String.fromCodePoint(/** @type {number} */ (node.data.codePointAt(0))))];
      if (kinds[0] && kinds[1] && kinds[0] !== kinds[1]) markEdge(before, node);
    }
    before = node;
  }
}

/**
 * Marks the outermost inline element that ends after `before` (or else starts before `after`) as spaced there.
 * @param {Text} before
 * @param {Text} after
 */
function markEdge(before, after) {
  const range = document.createRange();
  range.setStartBefore(before);
  range.setEndAfter(after);
  const common = range.commonAncestorContainer;
  const closing = /** @type {Element | Text} */ (childHolding(common, before));
  const opening = /** @type {Element | Text} */ (childHolding(common, after));
  // Text in different blocks (paragraphs, list items) is not on one line.
  if (![closing, opening].every((child) => child.nodeType === Node.TEXT_NODE || phrasing.has(/** @type {Element} */ (child).tagName))) return;
  if (closing !== before) /** @type {Element} */ (closing).classList.add("han-latin-end");
  else if (opening !== after) /** @type {Element} */ (opening).classList.add("han-latin-start");
}

/** Where an identifier or a URL may break: after these, unless another follows (`//`, `..`). */
const breakAfter = /([./(_-])(?=[^./(_\-\s])/;

/**
 * Inline code and URLs may break after `.`, `/`, `(`, `_` and `-`, through <wbr>: no character is
 * added, so the PDF's text stays the manuscript's. A span moved whole to the next column leaves its
 * length empty at the foot of this one, spread over the column's characters; one longer than a
 * column breaks anywhere where it has no such place (`overflow-wrap` in base.css).
 * @param {DocumentFragment} content
 */
function markBreaks(content) {
  const spans = [...content.querySelectorAll("code, a")].filter((element) => !element.closest("pre") && (element.tagName === "CODE" || /^(https?:\/\/|www\.)\S+$/.test(element.textContent)));
  const texts = spans.flatMap((span) => {
    /** @type {Text[]} */
    const found = [];
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(/** @type {Text} */ (node));
    return found;
  });
  for (const text of new Set(texts)) {
    const pieces = text.data.split(new RegExp(breakAfter.source, "g"));
    if (pieces.length === 1) continue;
    const fragment = document.createDocumentFragment();
    for (let index = 0; index < pieces.length; index += 2) {
      fragment.append(pieces[index] + (pieces[index + 1] ?? ""));
      if (index + 1 < pieces.length) fragment.append(document.createElement("wbr"));
    }
    text.replaceWith(fragment);
  }
}

class VerticalTextHandler extends window.Paged.Handler {
  /** @param {DocumentFragment} content */
  beforeParsed(content) {
    if (!document.documentElement.classList.contains("layout-vertical")) return;
    spaceElementEdges(content);
    markBreaks(content);
  }
}

window.PagedPolyfill.registerHandlers(VerticalTextHandler);
