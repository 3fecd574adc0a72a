// @ts-check
// Runs inside the tab that lays the book out (and in the preview's book frames), after Paged.js
// (pagedjs-cli's dist/browser.js), pagedjs-patches.browser.js and book-pipeline.browser.js.
// Plain JavaScript on purpose: the browser runs this file as it is.
//
// 续表: a table continued on the next page repeats its head rows there, under the word 续表 (續表 in
// a Traditional book) at the table's end edge, as Chinese books set it. Paged.js 0.4.3 does not
// repeat a `<thead>` (its issue #36): it continues a table on the next page in a copy of the table
// it rebuilds around the first row it sets there, and the head stays on the first page only.
//
// The head and the word are put into that copy as soon as Paged.js has made it (renderNode, for the
// page's first node), before it measures the page: the rows that follow are measured below them,
// and the page's overflow check counts them. A table without head rows (an HTML `<table>` with no
// `<thead>`) repeats nothing and gets no word. A table turned on pages of its own
// (wide-tables.browser.js) already has its head on each turned page and is left alone. The copies
// carry no `data-ref`: Paged.js finds the page's nodes in its source by that attribute, and these
// have no source. The build's text check counts a repeated head and its word as printed once per
// continued page, not as added text (verify/text-completeness.ts).

/**
 * The word over a continued table in the book's script, as render/book-html.ts writes it on the
 * document (`data-table-continued`, from bookWording: 续表, or 續表 in a Traditional book).
 * @returns {string}
 */
const continuedWord = () => document.documentElement.dataset.tableContinued ?? "";

/**
 * The source table a page that begins at `node` continues, if that table has head rows to repeat:
 * the page begins inside its body (not at the table, its head or a caption), and it is not a
 * turned table.
 * @param {Node | undefined} node
 * @returns {HTMLTableElement | undefined}
 */
function continuedTable(node) {
  const element = node?.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node?.parentElement;
  const table = element?.closest("table");
  // A head row of empty cells (knitr's tables without column names) is no head: nothing to repeat.
  if (!element || !table || element === table || !table.tHead?.textContent?.trim() || table.closest(".turned-table")) return undefined;
  if (table.tHead.contains(element) || element.closest("caption")) return undefined;
  const body = element.closest("tbody, tfoot, tr");
  return body && table.contains(body) ? /** @type {HTMLTableElement} */ (table) : undefined;
}

/**
 * A copy of the source's head rows for the page, without the attributes that name source nodes.
 * @param {HTMLTableSectionElement} head
 */
function headCopy(head) {
  const copy = /** @type {HTMLTableSectionElement} */ (head.cloneNode(true));
  for (const element of [copy, ...copy.querySelectorAll("*")]) {
    element.removeAttribute("data-ref");
    element.removeAttribute("id");
  }
  copy.setAttribute("data-repeated-head", "");
  return copy;
}

/**
 * Whether `box` lies past the end of the page content `page`, in the page box's next column: to the
 * right of it in horizontal text, below it in vertical text (whose page content box is vertical-rl).
 * @param {DOMRect} box
 * @param {DOMRect} page
 * @param {boolean} vertical
 */
const pastPage = (box, page, vertical) => (vertical ? box.top >= page.bottom - 1 : box.left >= page.right - 1);

/**
 * The body row the overflow begins at, if it begins before one: a row, or a body section (its first row).
 * @param {Range} overflow
 * @returns {HTMLTableRowElement | undefined}
 */
function rowAt(overflow) {
  const container = overflow.startContainer;
  if (container.nodeType !== Node.ELEMENT_NODE) return undefined;
  const node = /** @type {Element | undefined} */ (container.childNodes[overflow.startOffset]);
  if (node?.nodeType !== Node.ELEMENT_NODE) return undefined;
  const row = node.tagName === "TBODY" ? /** @type {HTMLTableSectionElement} */ (node).rows[0] : node.tagName === "TR" ? /** @type {HTMLTableRowElement} */ (node) : undefined;
  return row?.parentElement?.tagName === "TBODY" ? row : undefined;
}

/** Whether `row` is its table's first body row, after head rows with text: a break there leaves the head alone. */
const firstAfterHead = (/** @type {HTMLTableRowElement} */ row) => {
  const table = row.closest("table");
  return Boolean(table?.tHead?.textContent?.trim()) && table?.tBodies[0]?.rows[0] === row;
};

/**
 * The element a table begins with on the page (its figure or scrolling box), and the headings just before it.
 * @param {HTMLTableElement} table
 */
function tableOpening(table) {
  /** @type {Element} */
  let opening = table;
  for (let parent = table.parentElement; parent && (parent.classList.contains("table-scroll") || parent.classList.contains("table-figure")); parent = parent.parentElement) opening = parent;
  while (/^H[1-6]$/.test(opening.previousElementSibling?.tagName ?? "")) opening = /** @type {Element} */ (opening.previousElementSibling);
  return opening;
}

class TableContinuationsHandler extends window.Paged.Handler {
  /** @type {HTMLTableElement | undefined} The source table the page being laid out continues, until its copy is on the page. */
  continuing = undefined;

  /**
   * @param {import("./book-page.js").PagedChunker} chunker
   * @param {import("./book-page.js").PagedPolisher} polisher
   * @param {import("./book-page.js").PagedPreviewer} caller
   */
  constructor(chunker, polisher, caller) {
    super(chunker, polisher, caller);
    pagedjsPatches.expectHooks(chunker, "onPageLayout", "renderNode");
  }

  /**
   * Paged.js begins a page at the node its break token names.
   * @param {Element} _wrapper
   * @param {import("./book-page.js").PagedBreakToken | undefined} breakToken
   */
  onPageLayout(_wrapper, breakToken) {
    this.continuing = continuedTable(breakToken?.node ?? undefined);
  }

  // A page that breaks before a table row keeps the rows before it, but the table is laid out again
  // without the rows after: its end (its margin, the last row's rule) now comes after the row that
  // was not last, and a row that fitted with a hair to spare was pushed into the page box's next
  // column, where nothing prints it, while the next page began after it (Kubernetes 基础教程, a
  // vertical table's third row lost). So before Paged.js takes the rows off, the rows that would
  // stay are measured without them, and the break moves back before each that would not fit. A
  // break that would leave the head rows alone (they too were pushed off and lost, the next page
  // printing 续表 over the table's start) moves before the table and the headings over it.
  // Paged.js calls it with the page's overflow, which it then removes, and the break token, which it
  // resumes from on the next page.
  /**
   * @param {import("./book-page.js").PagedBreakToken | undefined} breakToken
   * @param {Range | undefined} overflow
   * @param {Element} rendered
   */
  onBreakToken(breakToken, overflow, rendered) {
    const row = overflow && breakToken?.node ? rowAt(overflow) : undefined;
    if (!row || !overflow || !breakToken?.node) return;
    const page = (rendered.closest(".pagedjs_page_content") ?? rendered).getBoundingClientRect();
    const vertical = getComputedStyle(row).writingMode.startsWith("vertical");
    /** @type {HTMLTableRowElement[]} */
    const later = [];
    for (let next = /** @type {Element | null} */ (row); next; next = next.nextElementSibling) if (next.tagName === "TR") later.push(/** @type {HTMLTableRowElement} */ (next));
    const hidden = later.map((each) => [each, each.style.display]);
    for (const each of later) each.style.display = "none";
    let first = row;
    try {
      for (let before = first.previousElementSibling; before?.tagName === "TR" && pastPage(before.getBoundingClientRect(), page, vertical); before = first.previousElementSibling) {
        first = /** @type {HTMLTableRowElement} */ (before);
        first.style.display = "none";
        hidden.push([first, ""]);
      }
    } finally {
      for (const [each, display] of hidden) /** @type {HTMLElement} */ (each).style.display = /** @type {string} */ (display);
    }
    // Only the head would stay: the table goes on with the next page, if something stays on this one.
    /** @type {Element} */
    let target = first;
    if (firstAfterHead(first)) {
      target = tableOpening(/** @type {HTMLTableElement} */ (first.closest("table")));
      const before = document.createRange();
      before.setStart(rendered, 0);
      before.setEndBefore(target);
      if (!before.toString().trim()) target = first;
    }
    if (target === row) return;
    const ref = /** @type {HTMLElement} */ (target).dataset.ref;
    const root = breakToken.node.getRootNode();
    const source = ref && "querySelector" in root ? /** @type {ParentNode} */ (root).querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null;
    if (!source) return;
    overflow.setStartBefore(target);
    breakToken.node = source;
    breakToken.offset = 0;
  }

  // The page's first node comes with its ancestors rebuilt (the table's copy among them, marked
  // `data-split-from`) and already in the page.
  /** @param {Node} clone */
  renderNode(clone) {
    const source = this.continuing;
    if (!source?.tHead) return;
    this.continuing = undefined;
    const element = clone.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (clone) : clone.parentElement;
    const table = element?.closest("table");
    if (!table || table.dataset.ref !== source.dataset.ref || table.querySelector(":scope > thead")) return;
    const word = document.createElement("caption");
    word.className = "table-continued";
    // A numbered table's number follows the word (续表 1-1), as render/expected-text.ts expects.
    word.textContent = [continuedWord(), /** @type {HTMLElement | null} */ (source.closest(".table-figure"))?.dataset.number].filter(Boolean).join(" ");
    table.prepend(word, headCopy(source.tHead));
  }
}

window.PagedPolyfill.registerHandlers(TableContinuationsHandler);
