// @ts-check
// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js), pagedjs-patches.browser.js
// and book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// Where a page breaks. Paged.js 0.4.3 walks a text that crosses the page end one character at a
// time; here a break inside a text is found by bisection (measured on a 1,000-page book and checked
// to give the same PDF text, glyph for glyph). What it corrects: a break comes before the
// ideographic spaces that begin a line, not after them. And what it adds: orphans and widows, in
// horizontal and vertical text, and headings that go to the next page with what follows them.

/**
 * A character that prints: anything but the white space CSS collapses. JavaScript's `\s` and
 * `trim()`, which Paged.js goes by, also take the ideographic space (U+3000, a Chinese line's
 * indent) and the no-break spaces for nothing, yet they print and can fill a line of their own.
 */
const printing = /[^ \t\n\r\f]/;

/** @typedef {[Text, number]} Character a printing character: its text node and offset */

/**
 * Whether a character's box lies past the page's end, as Paged.js judges it (`end`, `vEnd` as in its findOverflow).
 * @param {DOMRect} box
 * @param {number} end
 * @param {number} vEnd
 */
const pastPageEnd = (box, end, vEnd) => Math.floor(box.left) >= end || Math.floor(box.top) >= vEnd;

/**
 * Paged.js walks a text that crosses the page end one character at a time, measuring each; a
 * paragraph of Chinese has no spaces, so that is hundreds of measurements per page. Whether a
 * character lies past the page end only changes once along a text, so bisection finds the same one.
 * Replaces Paged.js's Layout.textBreak (pagedjs-patches.browser.js), so it takes the same arguments.
 * @type {import("./book-page.js").PagedLayout["textBreak"]}
 */
function firstOverflowingCharacter(node, _start, end, _vStart, vEnd) {
  const text = node.nodeValue ?? "";
  /** @type {number[]} */
  const visible = [];
  for (let offset = 0; offset < text.length; offset++) if (printing.test(text[offset])) visible.push(offset);
  const range = document.createRange();
  /** @param {number} offset */
  const overflows = (offset) => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return pastPageEnd(range.getBoundingClientRect(), end, vEnd);
  };
  let low = 0;
  let high = visible.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (overflows(/** @type {number} */ (visible[middle]))) high = middle;
    else low = middle + 1;
  }
  return low < visible.length ? visible[low] : undefined;
}

/**
 * The printing characters before a boundary point in `root`, the nearest first.
 * @param {Node} root
 * @param {Node} container
 * @param {number} offset
 * @returns {Generator<Character>}
 */
function* charactersBefore(root, container, offset) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** @type {Text | null} */
  let node = /** @type {Text} */ (container);
  walker.currentNode = container.childNodes[offset] ?? container;
  if (container.nodeType !== Node.TEXT_NODE) {
    node = /** @type {Text | null} */ (container.childNodes[offset] ? walker.previousNode() : (walker.lastChild() ?? walker.previousNode()));
    offset = node?.length ?? 0;
  }
  for (; node; node = /** @type {Text | null} */ (walker.previousNode()), offset = node?.length ?? 0) {
    for (let index = offset - 1; index >= 0; index--) if (printing.test(node.data[index] ?? "")) yield [node, index];
  }
}

/**
 * Paged.js skips a text that `trim()` finds empty when it looks for the first thing past the page
 * end, so a line of ideographic spaces (a Chinese line's indent after a `<br>`, before inline code
 * or bold) stayed on the page, past its end, in the page box's next column, which is never printed;
 * and once the rest was taken away, Chromium moved the line before it there too, to keep two lines
 * of the paragraph together (`widows: 2`): a book lost that line of text, and the next page began
 * without the indent. The break goes before such characters, unless nothing printed would be left
 * on the page.
 * @param {Range | undefined} overflow
 * @param {Element} rendered
 * @param {DOMRect} bounds
 * @param {number} gap
 */
function printedSpaceBeforeBreak(overflow, rendered, bounds, gap) {
  if (!overflow) return undefined;
  const end = Math.round(bounds.right + gap);
  const vEnd = Math.round(bounds.bottom);
  /** @type {Character | undefined} */
  let start;
  for (const character of charactersBefore(rendered, overflow.startContainer, overflow.startOffset)) {
    if (!pastPageEnd(characterBox(character), end, vEnd)) {
      if (!start) return undefined;
      const moved = overflow.cloneRange();
      moved.setStart(...start);
      return moved;
    }
    start = character;
  }
  return undefined;
}

/** Lines a block keeps together at a page break: clreq and print shops ask for at least two on each side. */
const linesAtBreak = 2;

/**
 * The visible characters of a block, in order.
 * @param {Element} block
 * @returns {Character[]}
 */
function charactersOf(block) {
  /** @type {Character[]} */
  const characters = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = /** @type {Text | null} */ (walker.nextNode()); node; node = /** @type {Text | null} */ (walker.nextNode())) {
    for (let offset = 0; offset < node.data.length; offset++) if (printing.test(node.data[offset] ?? "")) characters.push([node, offset]);
  }
  return characters;
}

/** @param {Character} character */
function characterBox([node, offset]) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.setEnd(node, offset + 1);
  return range.getBoundingClientRect();
}

/**
 * What heads the block after it: headings, and the labels the pipeline writes over a block (a code
 * block's title or tab label, a note box's label, a details box's summary: scripts/markdown/
 * remark-fence-info.ts and remark-admonitions.ts, scripts/render/paper-details.ts), which a page
 * must not end with either (Hello 算法: a tab label “C#” alone at a page's foot, its code overleaf).
 */
const headingLike = "h1, h2, h3, h4, h5, h6, p.code-title, p.note-box-title, p.details-summary";

/** Whether an element heads what follows it (`break-after: avoid`). */
const isHeading = (/** @type {Element | null} */ element) => !!element && element.matches(headingLike);

/**
 * The element whose start a boundary point is: the node after the point, when the point sits
 * between elements (Paged.js sets a range before a text or an element that lies wholly past the page end).
 * @param {Node} container
 * @param {number} offset
 */
function elementAt(container, offset) {
  const node = container.nodeType === Node.TEXT_NODE ? container : (container.childNodes[offset] ?? container);
  return node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement;
}

/**
 * A range from before `block` and the headings just before it to the end of `overflow`, if something
 * would stay on the page: else the block would move on from page to page.
 * @param {Range} overflow
 * @param {Element} block
 * @param {Element} pageContent
 */
function moveWithHeadings(overflow, block, pageContent) {
  let opening = block;
  while (isHeading(opening.previousElementSibling)) opening = /** @type {Element} */ (opening.previousElementSibling);
  const before = document.createRange();
  before.setStart(pageContent, 0);
  before.setEndBefore(opening);
  if (!before.toString().trim()) return undefined;
  const moved = document.createRange();
  moved.setStartBefore(opening);
  moved.setEnd(overflow.endContainer, overflow.endOffset);
  return moved;
}

/**
 * How a writing mode lays lines out: where along the block axis a character's box lies (lines follow
 * each other down a horizontal page, leftwards in vertical-rl), and whether a character past the
 * break lies in a further page box column than the break's, that is in the page after next. What
 * does not fit on a page flows into the page box's next column: beside it, to the right, in
 * horizontal text; below it in vertical text, whose page content box is itself vertical-rl (so its
 * columns follow each other down the inline axis).
 * @param {string} writingMode
 */
function axesOf(writingMode) {
  if (writingMode === "horizontal-tb") {
    return {
      /** @param {DOMRect} box */ along: (box) => box.top,
      /** @param {DOMRect} from @param {DOMRect} to @param {DOMRect} page */ laterPage: (from, to, page) => to.left - from.left > page.width - from.width / 2,
    };
  }
  if (writingMode === "vertical-rl") {
    return {
      /** @param {DOMRect} box */ along: (box) => -box.right,
      /** @param {DOMRect} from @param {DOMRect} to @param {DOMRect} page */ laterPage: (from, to, page) => to.top - from.top > page.height - from.height / 2,
    };
  }
  return undefined;
}

/**
 * Orphans and widows, which Paged.js does not honour (it breaks a paragraph at the first line that
 * does not fit), in horizontal and vertical text alike (in vertical text a line is a column): a
 * paragraph that would leave one line at the end of the page goes to the next page whole, with the
 * headings before it; one that would leave one line at the start of the next page gives it a line
 * more, or goes whole if it has no line to spare. And a heading never ends a page: when a block
 * goes to the next page whole, the headings just before it go with it (`break-after: avoid`, which
 * Paged.js does not honour either). What does not fit flows into the page box's next column, so
 * the lines after the break are counted there.
 * @param {Range | undefined} overflow
 * @param {Element} rendered
 * @returns {Range | undefined}
 */
function keepLinesTogether(overflow, rendered) {
  if (!overflow) return undefined;
  const start = overflow.startContainer;
  const at = elementAt(start, overflow.startOffset);
  const pageContent = at?.closest(".pagedjs_page_content");
  if (!at || !pageContent || !rendered.contains(at)) return undefined;
  const block = at.closest("p");
  const characters = block && rendered.contains(block) ? charactersOf(block) : [];
  // The first character at or after the break (the break may sit before an element: a call, an emphasis).
  const breakIndex = characters.findIndex(([node, offset]) => overflow.comparePoint(node, offset) >= 0);
  if (!block || breakIndex <= 0) {
    // Nothing of the block stays: the headings just before it (or before the element that contains it and begins with it) go with it.
    for (let element = /** @type {Element | null} */ (at); element && element !== pageContent && overflow.comparePoint(element, 0) >= 0; element = element.parentElement) {
      if (isHeading(element.previousElementSibling)) return moveWithHeadings(overflow, element, pageContent);
    }
    return undefined;
  }
  const style = getComputedStyle(block);
  const lineHeight = parseFloat(style.lineHeight);
  const axes = axesOf(style.writingMode);
  if (!axes || !lineHeight) return undefined;
  /** @type {(from: DOMRect, to: DOMRect) => number} */
  const lineCount = (from, to) => Math.round((axes.along(to) - axes.along(from)) / lineHeight) + 1;
  const [first, lastBefore, breakBox, last] = /** @type {Character[]} */ ([characters[0], characters[breakIndex - 1], characters[breakIndex], characters.at(-1)]).map(characterBox);
  if (!first || !lastBefore || !breakBox || !last) return undefined;
  const linesBefore = lineCount(first, lastBefore);
  // Past the break the text may run on into a further page box column: then it has lines enough.
  const linesAfter = axes.laterPage(breakBox, last, pageContent.getBoundingClientRect()) ? Infinity : lineCount(breakBox, last);
  // Too short to give the next page a line more: the paragraph goes whole.
  if (linesBefore < linesAtBreak || (linesAfter < linesAtBreak && linesBefore <= linesAtBreak)) return moveWithHeadings(overflow, block, pageContent);
  if (linesAfter < linesAtBreak && linesBefore > linesAtBreak) {
    // The first character of the last line before the break.
    const lineStart = axes.along(lastBefore) - lineHeight / 2;
    let low = 0;
    let high = breakIndex - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (axes.along(characterBox(/** @type {Character} */ (characters[middle]))) >= lineStart) high = middle;
      else low = middle + 1;
    }
    const moved = document.createRange();
    moved.setStart(.../** @type {Character} */ (characters[low]));
    moved.setEnd(overflow.endContainer, overflow.endOffset);
    return moved;
  }
  return undefined;
}

class PageBreaksHandler extends window.Paged.Handler {
  /**
   * @param {Element} _wrapper
   * @param {import("./book-page.js").PagedLayout} layout
   */
  layout(_wrapper, layout) {
    pagedjsPatches.replaceTextBreak(layout, firstOverflowingCharacter);
  }

  /**
   * @param {Range | undefined} overflow
   * @param {Element} rendered
   * @param {DOMRect} bounds
   * @param {import("./book-page.js").PagedLayout} layout
   */
  onOverflow(overflow, rendered, bounds, layout) {
    const spaced = printedSpaceBeforeBreak(overflow, rendered, bounds, layout.gap);
    return keepLinesTogether(spaced ?? overflow, rendered) ?? spaced;
  }
}

window.PagedPolyfill.registerHandlers(PageBreaksHandler);
