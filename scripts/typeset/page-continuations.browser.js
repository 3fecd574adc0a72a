// @ts-check
// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js), pagedjs-patches.browser.js
// and book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// Where the next page resumes after a break. Paged.js 0.4.3 places a break in a text continued from
// an earlier page, or before a whole text, by searching the source; here it is placed by the elements
// beside it and by length. A page that begins at a paragraph's text is not taken for one that began
// at the paragraph, and an element with nothing before the break is not marked as continued.

/** @typedef {import("./book-page.js").PagedBreakToken} PagedBreakToken */

/**
 * The `data-ref`s of the page's elements around a break (at `offset` in `container`) with no text before it: each begins there.
 * @param {Node} container
 * @param {number} offset
 * @param {Element} page
 * @returns {Set<string>}
 */
function elementsStartingAt(container, offset, page) {
  const starting = new Set();
  const first = /** @type {HTMLElement | null} */ (container.nodeType === Node.TEXT_NODE ? container.parentElement : container);
  for (let element = first; element && element !== page && page.contains(element); element = element.parentElement) {
    const before = document.createRange();
    before.setStart(element, 0);
    before.setEnd(container, offset);
    if (before.toString().trim()) break;
    if (element.dataset.ref) starting.add(element.dataset.ref);
  }
  return starting;
}

/**
 * The source text node a rendered one was cut from, found by the element beside it (the source
 * and the page keep an element's `data-ref`): the text after the element before it, or before the
 * element after it. Undefined for a text with no element beside it, the parent's only text.
 * @param {Text} rendered
 * @param {ParentNode} sourceParent
 * @returns {ChildNode | undefined}
 */
function sourceTextNode(rendered, sourceParent) {
  /** @param {"previousSibling" | "nextSibling"} step */
  const besideOf = (step) => {
    for (let node = rendered[step]; node; node = node[step]) if (node.nodeType === Node.ELEMENT_NODE && /** @type {HTMLElement} */ (node).dataset.ref) return /** @type {HTMLElement} */ (node);
    return undefined;
  };
  /** @param {HTMLElement} element */
  const sourceOf = (element) => [...sourceParent.children].find((child) => /** @type {HTMLElement} */ (child).dataset.ref === element.dataset.ref);
  const before = besideOf("previousSibling");
  if (before) return sourceOf(before)?.nextSibling ?? undefined;
  const after = besideOf("nextSibling");
  if (after) return sourceOf(after)?.previousSibling ?? undefined;
  return undefined;
}

/**
 * Paged.js stops laying a part out, leaving the rest of it unset, when a page would begin where an
 * earlier one began ("Layout repeated"). It tells the places apart by a key that names an element
 * by its own `data-ref` and a text by its parent's, each with its index among its siblings: a page
 * that began at a paragraph (the 21st child of its section) and the next, which began at the
 * paragraph's 21st child, a line after a `<br>`, had the same key, and a vertical test book ended
 * after its 11th page. The key says which of the two it names. Replaces BreakToken.toJSON (pagedjs-patches.browser.js).
 * @this {PagedBreakToken}
 */
function breakTokenKey() {
  const node = this.node;
  if (!node) return {};
  const parent = node.parentElement;
  const own = node.nodeType === Node.ELEMENT_NODE ? /** @type {HTMLElement} */ (node).dataset.ref : undefined;
  return JSON.stringify({ node: own ?? parent?.dataset.ref, byParent: !own, index: parent ? [...parent.childNodes].indexOf(/** @type {ChildNode} */ (node)) : 0, offset: this.offset });
}

/** What shows without text: an element holding one of these is not an empty shell. */
const shown = "img, svg, math, hr, canvas, video, picture, object, iframe, embed, table, input";

class PageContinuationsHandler extends window.Paged.Handler {
  /** @type {Set<string> | undefined} The elements that begin at the break just made, for the next page's renderNode. */
  startingAtBreak = undefined;

  // Paged.js places a break in a text by searching: for the source text node, the parent's first
  // text child that includes the rendered text (indexOfTextNode), and in it the rendered text
  // (indexOf). Where a paragraph repeats itself, both can find an earlier place, and the next page
  // sets again what was set before (a paragraph of one sentence 45 times printed 64 copies; a
  // paragraph whose last sentence also stood before its first emphasis went back there). The
  // rendered text node stands beside the same elements as its source, and a text continued from an
  // earlier page is rendered as its source's tail, so the difference in length is its place.
  // A text that lies past the page end from its first letter (after inline code or a formula that
  // ends a line) comes as the node itself, its parent and index, and Paged.js searches for it the
  // same way: the next page began after the paragraph's first ` 和 ` or `的均值和标准差，`, not the
  // one that was cut (Rust 程序设计语言 ch03-03, R 语言数据分析实战 intro.qmd:42, each printed a
  // passage twice); for a text its parent's first child holds, it began the paragraph over. It is
  // the same place as that text's first letter.
  //
  // Paged.js calls it with the layout's overflow and rendered page, and, for a node that does not fit
  // at all, with no overflow and that node.
  /**
   * @param {PagedBreakToken | undefined} breakToken
   * @param {Range | undefined} overflow
   * @param {Element} renderedPage
   */
  onBreakToken(breakToken, overflow, renderedPage) {
    if (breakToken) pagedjsPatches.keyBreakTokens(breakToken, breakTokenKey);
    const container = overflow?.startContainer;
    const startOffset = overflow?.startOffset ?? 0;
    this.startingAtBreak = container ? elementsStartingAt(container, startOffset, renderedPage) : undefined;
    const [rendered, offset] = container?.nodeType === Node.TEXT_NODE ? [container, startOffset] : [container?.childNodes[startOffset], 0];
    const node = breakToken?.node;
    if (rendered?.nodeType !== Node.TEXT_NODE || !breakToken || !node) return;
    // Paged.js names the parent itself for a break before its first text (offset 0, which is right).
    const byText = node.nodeType === Node.TEXT_NODE;
    const sourceParent = byText ? node.parentNode : /** @type {ParentNode} */ (node);
    const source = (sourceParent ? sourceTextNode(/** @type {Text} */ (rendered), sourceParent) : undefined) ?? (byText ? /** @type {Text} */ (node) : undefined);
    const renderedText = /** @type {Text} */ (rendered).data;
    if (!source?.nodeValue?.endsWith(renderedText)) return;
    const place = source.nodeValue.length - renderedText.length + offset;
    if (!byText && place === 0 && source === node.firstChild) return;
    breakToken.node = source;
    breakToken.offset = place;
  }

  // What is left on the page of an element that begins at the break is an empty shell, and a list
  // item's shell still shows its number: a list item whose paragraph moved whole to the next page
  // printed its number at the foot of this page and again on the next (Vue 文档 transition.md, “3.”
  // twice). A shell with nothing in it is not shown; it keeps its place, so the page stays as laid out.
  /**
   * @param {unknown} _removed
   * @param {Element} rendered
   */
  afterOverflowRemoved(_removed, rendered) {
    for (const ref of this.startingAtBreak ?? []) {
      const shell = /** @type {HTMLElement | null} */ (rendered.querySelector(`[data-ref="${CSS.escape(ref)}"]`));
      if (!shell || shell.textContent?.trim() || shell.querySelector(shown)) continue;
      shell.style.visibility = "hidden";
    }
  }

  // Paged.js marks every element around a break as continued on the next page (`data-split-from`),
  // which drops a list item's number and a paragraph's indent there, even for one that had nothing
  // on the page before: a vertical book's chapter notes lost the numbers of notes that began a page.
  // Such an element begins on the next page, and is not marked.
  /** @param {Node} clone */
  renderNode(clone) {
    if (!this.startingAtBreak) return;
    for (let element = clone.parentElement; element; element = element.parentElement) {
      if (this.startingAtBreak.has(element.dataset?.ref ?? "")) element.removeAttribute("data-split-from");
    }
    this.startingAtBreak = undefined;
  }
}

window.PagedPolyfill.registerHandlers(PageContinuationsHandler);
