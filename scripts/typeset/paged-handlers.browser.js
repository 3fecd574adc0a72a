// Runs inside the page, after Paged.js (pagedjs-cli's dist/browser.js) and book-pipeline.browser.js.
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// What it changes in Paged.js 0.4.3, each measured on a 1,000-page book and checked to give the
// same PDF text, glyph for glyph: finished pages leave the layout tree and then the document; a
// page break inside a text is found by bisection; source nodes are found through an index. What it
// corrects: a break in a text continued from an earlier page, or before a whole text, is placed in
// the source by the elements beside it and by length, not by search; a break comes before the
// ideographic spaces that begin a line, not after them; a page that begins at a paragraph's text is
// not taken for one that began at the paragraph. And what it adds: orphans and widows.

/**
 * A character that prints: anything but the white space CSS collapses. JavaScript's `\s` and
 * `trim()`, which Paged.js goes by, also take the ideographic space (U+3000, a Chinese line's
 * indent) and the no-break spaces for nothing, yet they print and can fill a line of their own.
 */
const printing = /[^ \t\n\r\f]/;

/** Whether a character's box lies past the page's end, as Paged.js judges it (`end`, `vEnd` as in its findOverflow). */
const pastPageEnd = (box, end, vEnd) => Math.floor(box.left) >= end || Math.floor(box.top) >= vEnd;

/**
 * Paged.js walks a text that crosses the page end one character at a time, measuring each; a
 * paragraph of Chinese has no spaces, so that is hundreds of measurements per page. Whether a
 * character lies past the page end only changes once along a text, so bisection finds the same one.
 */
function firstOverflowingCharacter(node, start, end, vStart, vEnd) {
  const text = node.nodeValue;
  const visible = [];
  for (let offset = 0; offset < text.length; offset++) if (printing.test(text[offset])) visible.push(offset);
  const range = document.createRange();
  const overflows = (offset) => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return pastPageEnd(range.getBoundingClientRect(), end, vEnd);
  };
  let low = 0;
  let high = visible.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (overflows(visible[middle])) high = middle;
    else low = middle + 1;
  }
  return low < visible.length ? visible[low] : undefined;
}

/** The printing characters before a boundary point in `root`, as (text node, offset) pairs, the nearest first. */
function* charactersBefore(root, container, offset) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node = container;
  walker.currentNode = container.childNodes[offset] ?? container;
  if (container.nodeType !== Node.TEXT_NODE) {
    node = container.childNodes[offset] ? walker.previousNode() : (walker.lastChild() ?? walker.previousNode());
    offset = node?.length;
  }
  for (; node; node = walker.previousNode(), offset = node?.length) {
    for (let index = offset - 1; index >= 0; index--) if (printing.test(node.nodeValue[index])) yield [node, index];
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
 */
function printedSpaceBeforeBreak(overflow, rendered, bounds, gap) {
  if (!overflow) return undefined;
  const end = Math.round(bounds.right + gap);
  const vEnd = Math.round(bounds.bottom);
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

/** The visible characters of a block as (text node, offset) pairs, in order. */
function charactersOf(block) {
  const characters = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let offset = 0; offset < node.nodeValue.length; offset++) if (printing.test(node.nodeValue[offset])) characters.push([node, offset]);
  }
  return characters;
}

function characterBox([node, offset]) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.setEnd(node, offset + 1);
  return range.getBoundingClientRect();
}

/**
 * Orphans and widows, which Paged.js does not honour (it breaks a paragraph at the first line that
 * does not fit): a paragraph that would leave one line at the foot of the page goes to the next
 * page whole, with the headings before it; one that would leave one line at the head of the next
 * page gives it a line more, or goes whole if it has no line to spare. What does not fit flows into
 * the page box's next column, beside it, so the lines after the break are counted there. Horizontal
 * text only: a vertical page's columns overflow differently.
 */
function keepLinesTogether(overflow, rendered) {
  const start = overflow?.startContainer;
  const block = start?.nodeType === Node.TEXT_NODE ? start.parentElement.closest("p") : undefined;
  if (!block || !rendered.contains(block)) return undefined;
  const style = getComputedStyle(block);
  const lineHeight = parseFloat(style.lineHeight);
  if (style.writingMode !== "horizontal-tb" || !lineHeight) return undefined;
  const characters = charactersOf(block);
  const breakIndex = characters.findIndex(([node, offset]) => node === start && offset >= overflow.startOffset);
  if (breakIndex <= 0) return undefined;
  const lineCount = (from, to) => Math.round((to.top - from.top) / lineHeight) + 1;
  const [first, lastBefore, breakBox, last] = [characters[0], characters[breakIndex - 1], characters[breakIndex], characters.at(-1)].map(characterBox);
  const linesBefore = lineCount(first, lastBefore);
  // Past the break the text may run on into a further column (a text width or more to the right): then it has lines enough.
  const textWidth = block.closest(".pagedjs_page_content").getBoundingClientRect().width;
  const linesAfter = last.left - breakBox.left > textWidth - breakBox.width / 2 ? Infinity : lineCount(breakBox, last);
  const moved = document.createRange();
  moved.setEnd(overflow.endContainer, overflow.endOffset);
  // Too short to give the next page a line more: the paragraph goes whole.
  if (linesBefore < linesAtBreak || (linesAfter < linesAtBreak && linesBefore <= linesAtBreak)) {
    let opening = block;
    while (/^H[1-6]$/.test(opening.previousElementSibling?.tagName ?? "")) opening = opening.previousElementSibling;
    // Something must stay on the page, or the paragraph would move on from page to page.
    const before = document.createRange();
    before.setStart(block.closest(".pagedjs_page_content"), 0);
    before.setEndBefore(opening);
    if (!before.toString().trim()) return undefined;
    moved.setStartBefore(opening);
    return moved;
  }
  if (linesAfter < linesAtBreak && linesBefore > linesAtBreak) {
    // The first character of the last line before the break.
    const lineTop = lastBefore.top - lineHeight / 2;
    let low = 0;
    let high = breakIndex - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (characterBox(characters[middle]).top >= lineTop) high = middle;
      else low = middle + 1;
    }
    moved.setStart(...characters[low]);
    return moved;
  }
  return undefined;
}

/** The `data-ref`s of the page's elements around a break (at `offset` in `container`) with no text before it: each begins there. */
function elementsStartingAt(container, offset, page) {
  const starting = new Set();
  const first = container.nodeType === Node.TEXT_NODE ? container.parentElement : container;
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
 */
function sourceTextNode(rendered, sourceParent) {
  const besideOf = (step) => {
    for (let node = rendered[step]; node; node = node[step]) if (node.nodeType === Node.ELEMENT_NODE && node.dataset.ref) return node;
    return undefined;
  };
  const sourceOf = (element) => [...sourceParent.children].find((child) => child.dataset.ref === element.dataset.ref);
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
 * after its 11th page. The key says which of the two it names.
 */
function breakTokenKey() {
  if (!this.node) return {};
  const parent = this.node.parentElement;
  const own = this.node.nodeType === Node.ELEMENT_NODE ? this.node.dataset.ref : undefined;
  return JSON.stringify({ node: own ?? parent?.dataset.ref, byParent: !own, index: parent ? [...parent.childNodes].indexOf(this.node) : 0, offset: this.offset });
}

class BookPipelineHandler extends window.Paged.Handler {
  layout(wrapper, layout) {
    const prototype = Object.getPrototypeOf(layout);
    if (prototype.textBreak === firstOverflowingCharacter) return;
    // The replacement takes Paged.js 0.4.3's arguments; a Paged.js that changed them would be set wrong, not fail.
    if (typeof prototype.textBreak !== "function" || prototype.textBreak.length !== firstOverflowingCharacter.length) {
      throw new Error(`Unexpected Paged.js Layout.textBreak taking ${prototype.textBreak?.length} arguments, expected (node, start, end, vStart, vEnd) as in Paged.js 0.4.3: run \`npm ci\``);
    }
    prototype.textBreak = firstOverflowingCharacter;
  }

  // Paged.js finds a rendered node's source by `[data-ref]` query over the whole source document
  // unless the document has an index; every page break asks several times, so without one a
  // document's cost grows with its square.
  afterParsed(parsed) {
    parsed.indexOfRefs = {};
    for (const element of parsed.querySelectorAll("[data-ref]")) parsed.indexOfRefs[element.dataset.ref] = element;
  }

  onOverflow(overflow, rendered, bounds, layout) {
    const spaced = printedSpaceBeforeBreak(overflow, rendered, bounds, layout.gap);
    return keepLinesTogether(spaced ?? overflow, rendered) ?? spaced;
  }

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
  onBreakToken(breakToken, overflow, renderedPage) {
    if (breakToken) Object.getPrototypeOf(breakToken).toJSON = breakTokenKey;
    const container = overflow?.startContainer;
    this.startingAtBreak = container ? elementsStartingAt(container, overflow.startOffset, renderedPage) : undefined;
    const [rendered, offset] = container?.nodeType === Node.TEXT_NODE ? [container, overflow.startOffset] : [container?.childNodes[overflow.startOffset], 0];
    if (rendered?.nodeType !== Node.TEXT_NODE || !breakToken?.node) return;
    // Paged.js names the parent itself for a break before its first text (offset 0, which is right).
    const byText = breakToken.node.nodeType === Node.TEXT_NODE;
    const source = sourceTextNode(rendered, byText ? breakToken.node.parentNode : breakToken.node) ?? (byText ? breakToken.node : undefined);
    if (!source?.nodeValue.endsWith(rendered.nodeValue)) return;
    const place = source.nodeValue.length - rendered.nodeValue.length + offset;
    if (!byText && place === 0 && source === breakToken.node.firstChild) return;
    breakToken.node = source;
    breakToken.offset = place;
  }

  // Paged.js marks every element around a break as continued on the next page (`data-split-from`),
  // which drops a list item's number and a paragraph's indent there, even for one that had nothing
  // on the page before: a vertical book's chapter notes lost the numbers of notes that began a page.
  // Such an element begins on the next page, and is not marked.
  renderNode(clone) {
    if (!this.startingAtBreak) return;
    for (let element = clone.parentElement; element; element = element.parentElement) {
      if (this.startingAtBreak.has(element.dataset?.ref)) element.removeAttribute("data-split-from");
    }
    this.startingAtBreak = undefined;
  }

  afterPageLayout(pageElement, page, breakToken, chunker) {
    const pipeline = window.bookPipeline;
    pipeline.pagesLaidOut += 1;
    pipeline.charactersLaidOut += pageElement.querySelector(".pagedjs_page_content").textContent.length;
    for (const element of pageElement.querySelectorAll("[id]:not(.stand-in)")) {
      if (pipeline.targets.has(element.id) && !(element.id in pipeline.targetPages)) pipeline.targetPages[element.id] = Number(pageElement.dataset.pageNumber);
    }
    // Finished pages leave the layout tree, and the one before leaves the document: otherwise every
    // measurement on the new page lays out or searches all earlier pages again, and a book's cost
    // grows with its square. Paged.js still reads the page just before (split paragraphs).
    const previous = pageElement.previousElementSibling;
    if (!previous) return;
    // A finished page stops watching its size: hiding it would otherwise look like its text shrank,
    // and Paged.js would search the source for what could move up.
    chunker.pages.find((candidate) => candidate.element === previous)?.removeListeners();
    previous.style.display = "none";
    const older = previous.previousElementSibling;
    if (older) {
      pipeline.setAside.push(older);
      older.remove();
    }
  }

  afterRendered() {
    const pipeline = window.bookPipeline;
    const area = document.querySelector(".pagedjs_pages");
    const pages = [...area.children, ...pipeline.setAside].sort((a, b) => Number(a.dataset.pageNumber) - Number(b.dataset.pageNumber));
    area.append(...pages);
    for (const page of pages) page.style.removeProperty("display");
  }
}

window.PagedPolyfill.registerHandlers(BookPipelineHandler);
