// @ts-check
// Runs inside the tab that lays the book out, after Paged.js (pagedjs-cli's dist/browser.js) and
// book-pipeline.browser.js. Plain JavaScript on purpose: the browser runs this file as it is.
//
// A table wider than the text area (taller than the column in the vertical book) would be cut at
// the page edge: Paged.js breaks pages in the block direction only, and what sticks out of the page
// box is not drawn at all. So each table is measured before the part is laid out, in a box as wide
// as the text area with the book's styles and fonts, and fitted, each step only if the one before
// is not enough:
//   1. its cells wrap: at spaces and between Han characters, and a word longer than its column
//      breaks (overflow-wrap: anywhere in styles/tables.css), though no column gets narrower than
//      `narrowestColumnEm` (or its own text, if that is shorter);
//   2. its type steps down a point at a time, from its own size (0.9 em: 9.45 pt in an A5 book) to
//      `smallestTypePt` (9, 8, 7 pt);
//   3. horizontal book only: it is turned 90° on pages of its own (the page stays the book's page;
//      the table reads from the bottom edge, its head at the left, as broadside tables are printed),
//      where it has the text area's height as its width, trying the same sizes again, its rows
//      shared out over as many turned pages as they need, the head row repeated on each. In the
//      vertical book a column already runs along the page's long side: a turned page gives a table
//      no more room, so there is no third step;
//   4. if it still does not fit at the smallest size, its columns may get as narrow as a character.

/** The smallest type a table steps down to, in points. */
const smallestTypePt = 7;
/** Narrower columns would break words into pieces too short to read: three Han characters, about six Latin letters. */
const narrowestColumnEm = 3;
/** Below the text area's full extent, so that rounding never pushes a turned page onto the next (as the colophon does). */
const turnedPageSlackPt = 1;

/** @typedef {{ copy: HTMLTableElement, holder: Element }} Trial a table's copy in a probe, and the copy of its parent that holds it */

/** @param {number} points */
const pt = (points) => (points * 96) / 72;
/** @param {Element} element */
const isVertical = (element) => getComputedStyle(element).writingMode.startsWith("vertical");

/**
 * The table's extent along its lines, and where the room for it begins and ends, in that direction.
 * @param {Element} element
 * @param {boolean} vertical
 */
function inlineExtent(element, vertical) {
  const box = element.getBoundingClientRect();
  return vertical ? [box.top, box.bottom] : [box.left, box.right];
}

/**
 * A copy of `table` in `probe`, inside copies of its ancestors up to the part's top (their margins
 * and indents take room from it as on the page), with its cells' lower bounds set on the copy and
 * on the table itself.
 * @param {HTMLTableElement} table
 * @param {Element} probe
 * @returns {Trial}
 */
function trialOf(table, probe) {
  /** @type {Element[]} */
  const chain = [];
  for (let ancestor = table.parentElement; ancestor; ancestor = ancestor.parentElement) chain.unshift(/** @type {Element} */ (ancestor.cloneNode(false)));
  let holder = probe;
  for (const ancestor of chain) {
    ancestor.removeAttribute("id");
    holder = holder.appendChild(ancestor);
  }
  const copy = holder.appendChild(/** @type {HTMLTableElement} */ (table.cloneNode(true)));
  return { copy, holder };
}

/**
 * Each cell's narrowest measure: `narrowestColumnEm`, or less if its text is shorter (a column of
 * figures stays as narrow as its figures). The text's length is read with the table at its widest,
 * where nothing wraps.
 * @param {HTMLTableElement} table
 * @param {HTMLTableElement} copy
 * @param {boolean} vertical
 */
function setNarrowestColumns(table, copy, vertical) {
  copy.style.inlineSize = "max-content";
  const range = document.createRange();
  const copies = /** @type {HTMLElement[]} */ ([...copy.querySelectorAll("th, td")]);
  const measures = copies.map((cell) => {
    range.selectNodeContents(cell);
    const box = range.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(cell).fontSize);
    return Math.min(narrowestColumnEm, (vertical ? box.height : box.width) / em);
  });
  copy.style.removeProperty("inline-size");
  for (const [index, cell] of [...table.querySelectorAll("th, td")].entries()) {
    const measure = `${/** @type {number} */ (measures[index]).toFixed(2)}em`;
    /** @type {HTMLElement} */ (cell).style.minInlineSize = measure;
    /** @type {HTMLElement} */ (copies[index]).style.minInlineSize = measure;
  }
}

/** @param {...HTMLTableElement} tables */
const narrowestColumnsOff = (...tables) => {
  for (const table of tables) for (const cell of table.querySelectorAll("th, td")) /** @type {HTMLElement} */ (cell).style.removeProperty("min-inline-size");
};

/**
 * The sizes a table tries, largest first: its own (undefined), then whole points down to `smallestTypePt`.
 * @param {Element} copy
 */
function typeSizes(copy) {
  const ownPt = (parseFloat(getComputedStyle(copy).fontSize) * 72) / 96;
  /** @type {Array<string | undefined>} */
  const sizes = [undefined];
  for (let size = Math.ceil(ownPt - 1); size >= smallestTypePt; size--) sizes.push(`${size}pt`);
  return sizes;
}

/**
 * The first of `sizes` at which the copy fits its room (false if none), left set on the copy.
 * @param {Trial} trial
 * @param {Array<string | undefined>} sizes
 * @param {boolean} vertical
 * @returns {{ size: string | undefined } | false}
 */
function fittingSize({ copy, holder }, sizes, vertical) {
  // A block in the table's place spans the room its ancestors leave it.
  const [roomStart, roomEnd] = inlineExtent(holder.appendChild(document.createElement("div")), vertical);
  for (const size of sizes) {
    if (size) copy.style.fontSize = size;
    else copy.style.removeProperty("font-size");
    const [start, end] = inlineExtent(copy, vertical);
    if (start >= roomStart - 0.5 && end <= roomEnd + 0.5) return { size };
  }
  return false;
}

/**
 * @param {HTMLElement} table
 * @param {string | undefined} size
 */
function setSize(table, size) {
  if (size) table.style.fontSize = size;
}

/**
 * The table set on turned pages: its body rows shared out in order over tables of their own, each
 * with the head rows, as many as fill the room across the page (`across`, px) at the size found.
 * @param {HTMLTableElement} table
 * @param {HTMLTableElement} copy
 * @param {number} across
 */
function turnTable(table, copy, across) {
  const headRows = [...copy.querySelectorAll("thead tr")];
  const bodyRows = [...copy.querySelectorAll("tbody tr")];
  /** @param {Element} row */
  const height = (row) => row.getBoundingClientRect().height;
  // The borders and what else the table adds to its rows.
  const frame = copy.getBoundingClientRect().height - [...headRows, ...bodyRows].reduce((sum, row) => sum + height(row), 0);
  const head = headRows.reduce((sum, row) => sum + height(row), 0) + frame;
  const sourceRows = [...table.querySelectorAll("tbody tr")];
  /** @type {Element[][]} */
  const groups = [];
  let used = Infinity;
  for (const [index, row] of bodyRows.entries()) {
    if (used + height(row) > across) {
      groups.push([]);
      used = head;
    }
    /** @type {Element[]} */ (groups.at(-1)).push(/** @type {Element} */ (sourceRows[index]));
    used += height(row);
  }
  const turned = document.createElement("div");
  turned.className = "turned-table";
  for (const rows of groups.length ? groups : [[]]) {
    const page = turned.appendChild(document.createElement("div"));
    page.className = "turned-page";
    const content = page.appendChild(document.createElement("div"));
    content.className = "turned-content";
    content.style.blockSize = `${across}px`;
    const part = content.appendChild(/** @type {HTMLTableElement} */ (table.cloneNode(false)));
    if (table.tHead) part.append(table.tHead.cloneNode(true));
    part.appendChild(document.createElement("tbody")).append(...rows);
  }
  table.replaceWith(turned);
}

/**
 * Fits one table of the part's content (see the top of this file).
 * @param {HTMLTableElement} table
 * @param {HTMLElement} probe
 * @param {HTMLElement} turnedProbe
 */
function fitTable(table, probe, turnedProbe) {
  const vertical = isVertical(probe);
  const upright = trialOf(table, probe);
  try {
    setNarrowestColumns(table, upright.copy, vertical);
    const sizes = typeSizes(upright.copy);
    const fit = fittingSize(upright, sizes, vertical);
    if (fit) return setSize(table, fit.size);
    if (vertical) {
      narrowestColumnsOff(table, upright.copy);
      return setSize(table, sizes.at(-1));
    }
    const turned = trialOf(table, turnedProbe);
    try {
      let turnedFit = fittingSize(turned, sizes, false);
      if (!turnedFit) {
        narrowestColumnsOff(table, turned.copy);
        turnedFit = fittingSize(turned, sizes.slice(-1), false) || { size: sizes.at(-1) };
      }
      setSize(table, turnedFit.size);
      // The room across a turned page: the text area's width, less what the table's ancestors indent it by.
      const gauge = upright.holder.appendChild(document.createElement("div"));
      const across = gauge.getBoundingClientRect().width - pt(turnedPageSlackPt);
      turnTable(table, turned.copy, across);
    } finally {
      turnedProbe.replaceChildren();
    }
  } finally {
    probe.replaceChildren();
  }
}

/**
 * A box the size of a page's text area (turned: its height across), with the page content's styles.
 * @param {boolean} turned
 */
function probeBox(turned) {
  const probe = document.createElement("div");
  probe.className = "pagedjs_page_content table-probe";
  const [width, height] = turned ? ["--text-height", "--text-width"] : ["--text-width", "--text-height"];
  probe.style.cssText = `position: absolute; inset: 0 auto auto 0; visibility: hidden; inline-size: auto; width: var(${width}); height: var(${height});${turned ? " writing-mode: horizontal-tb;" : ""}`;
  return document.body.appendChild(probe);
}

class WideTablesHandler extends window.Paged.Handler {
  // Before Paged.js parses the part: a turned table becomes new elements, which it then indexes as its own.
  /** @param {DocumentFragment} content */
  beforeParsed(content) {
    const tables = content.querySelectorAll("table");
    if (!tables.length) return;
    const probe = probeBox(false);
    const turnedProbe = probeBox(true);
    try {
      for (const table of tables) fitTable(table, probe, turnedProbe);
    } finally {
      probe.remove();
      turnedProbe.remove();
    }
  }
}

window.PagedPolyfill.registerHandlers(WideTablesHandler);
