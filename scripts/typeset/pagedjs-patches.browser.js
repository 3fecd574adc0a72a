// @ts-check
// Runs inside the page, right after Paged.js (pagedjs-cli's dist/browser.js), before the
// pipeline's other scripts. Plain JavaScript on purpose: the browser runs this file as it is.
//
// Every place where the pipeline replaces, wraps or relies on an internal of Paged.js 0.4.3, in one
// file: the features (page-breaks, page-continuations, page-collection, book-pipeline) go through
// these and touch no internal themselves. Each member is checked before it is used: what Paged.js
// exports, when this file loads; what lives only on the objects of a layout (Layout, BreakToken,
// Page), the first time a layout hands one over. Another version of Paged.js is refused with a
// clear message instead of setting the book wrong (scripts/typeset/paged.ts checks the version
// number before the page is loaded).

/**
 * Throws unless `owner[name]` is a function declaring `arity` parameters, as Paged.js 0.4.3's does.
 * @param {object | undefined} owner
 * @param {string} where how the message names it, e.g. `Layout.textBreak`
 * @param {string} name
 * @param {number} arity
 * @param {string} parameters how the message shows 0.4.3's, e.g. `(node, start, end, vStart, vEnd)`
 */
function expectPagedMember(owner, where, name, arity, parameters) {
  const member = /** @type {Record<string, unknown> | undefined} */ (owner)?.[name];
  if (typeof member === "function" && member.length === arity) return;
  const found = typeof member === "function" ? `taking ${member.length} arguments` : member === undefined ? "missing" : `a ${typeof member}`;
  throw new Error(`Unexpected Paged.js ${where} ${found}, expected ${parameters} as in Paged.js 0.4.3: run \`npm ci\``);
}

// What Paged.js exports, checked now.
expectPagedMember(window.Paged, "Paged.Handler", "Handler", 3, "(chunker, polisher, caller)");
expectPagedMember(window.Paged?.Previewer?.prototype, "Previewer.preview", "preview", 3, "(content, stylesheets, renderTo)");
expectPagedMember(window.Paged?.Polisher?.prototype, "Polisher.setup", "setup", 0, "()");
expectPagedMember(window.Paged?.Polisher?.prototype, "Polisher.insert", "insert", 1, "(text)");
expectPagedMember(window.PagedPolyfill, "PagedPolyfill.removeStyles", "removeStyles", 0, "(doc = document)");
expectPagedMember(window.PagedPolyfill, "PagedPolyfill.registerHandlers", "registerHandlers", 0, "(...handlers)");
expectPagedMember(new window.Paged.Chunker().q, "Queue.tick", "tick", 1, "requestAnimationFrame's (callback)");

/** Prototypes already checked and patched. */
const patchedPrototypes = new WeakSet();

const pagedjsPatches = {
  /**
   * Replaces Layout.prototype.textBreak, which finds the first character of a text past the page
   * end, with `textBreak`, which must take the same arguments; and Layout.prototype.hyphenateAtBreak,
   * which adds a hyphen where a page breaks a word, with nothing.
   * @param {import("./book-page.js").PagedLayout} layout
   * @param {import("./book-page.js").PagedLayout["textBreak"]} textBreak
   */
  replaceTextBreak(layout, textBreak) {
    const prototype = Object.getPrototypeOf(layout);
    if (patchedPrototypes.has(prototype)) return;
    expectPagedMember(prototype, "Layout.textBreak", "textBreak", textBreak.length, "(node, start, end, vStart, vEnd)");
    expectPagedMember(prototype, "Layout.hyphenateAtBreak", "hyphenateAtBreak", 2, "(startContainer, breakLetter)");
    prototype.textBreak = textBreak;
    // A break inside a word (a URL, a long identifier: overflow-wrap breaks them where a line is
    // full) took a hyphen that the word does not have, which Chromium's own line breaks in it do
    // not print; and on a full line the hyphen did not fit: Chromium moved the line's end, or the
    // whole line, past the page, where it was never printed (Hello 算法's pythontutor links).
    prototype.hyphenateAtBreak = () => undefined;
    patchedPrototypes.add(prototype);
  },

  /**
   * Replaces BreakToken.prototype.toJSON, the key Paged.js compares to stop a part whose page would
   * begin where an earlier one began ("Layout repeated"), with `key`.
   * @param {import("./book-page.js").PagedBreakToken} breakToken
   * @param {(this: import("./book-page.js").PagedBreakToken) => string | object} key
   */
  keyBreakTokens(breakToken, key) {
    const prototype = Object.getPrototypeOf(breakToken);
    if (patchedPrototypes.has(prototype)) return;
    expectPagedMember(prototype, "BreakToken.toJSON", "toJSON", 1, "(hash)");
    prototype.toJSON = key;
    patchedPrototypes.add(prototype);
  },

  /**
   * Throws unless the chunker has each of `names` among its hooks: Paged.js registers a handler's
   * method only for a hook of that name and skips the others without a word, so a handler whose
   * hook Paged.js lacks or has renamed would silently do nothing.
   * @param {import("./book-page.js").PagedChunker | undefined} chunker
   * @param {...string} names e.g. `onPageLayout`, `renderNode`
   */
  expectHooks(chunker, ...names) {
    for (const name of names) expectPagedMember(chunker?.hooks?.[name], `Chunker.hooks.${name}.register`, "register", 0, "(...functions)");
  },

  /**
   * Paged.js finds a rendered node's source by `[data-ref]` query over the whole source document
   * unless the document has an index (findElement reads `indexOfRefs`); every page break asks
   * several times, so without one a document's cost grows with its square.
   * @param {import("./book-page.js").PagedParsedContent} parsed
   */
  indexSource(parsed) {
    parsed.indexOfRefs = {};
    for (const element of parsed.querySelectorAll("[data-ref]")) parsed.indexOfRefs[/** @type {HTMLElement} */ (element).dataset.ref ?? ""] = element;
  },

  /**
   * A finished page stops watching its size (Page.removeListeners): hiding it would otherwise look
   * like its text shrank, and Paged.js would search the source for what could move up.
   * @param {import("./book-page.js").PagedChunker} chunker
   * @param {Element} pageElement
   */
  stopWatching(chunker, pageElement) {
    const page = chunker.pages.find((candidate) => candidate.element === pageElement);
    if (!page) return;
    const prototype = Object.getPrototypeOf(page);
    if (!patchedPrototypes.has(prototype)) {
      expectPagedMember(prototype, "Page.removeListeners", "removeListeners", 0, "()");
      patchedPrototypes.add(prototype);
    }
    page.removeListeners();
  },

  /**
   * Paged.js lays out one page per animation frame (16.7 ms, Queue.tick); a page takes less than
   * that to lay out, so a headless browser that shows nothing would mostly wait. A message to
   * itself runs the next page as soon as the current one is done.
   * @param {import("./book-page.js").PagedChunker} chunker
   */
  runPagesWithoutWaiting(chunker) {
    const channel = new MessageChannel();
    /** @type {Array<() => void>} */
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    chunker.q.tick = (callback) => {
      waiting.push(callback);
      channel.port2.postMessage(undefined);
    };
  },

  /**
   * The styles a Previewer's polisher puts in the document, set up so that parts laid out one
   * after the other in one document add no stylesheet after the first:
   * - Paged.js's own stylesheet (`polisher.base`) drops the margin and padding a split element has
   *   at the break (`[data-split-from] { margin-top: unset; padding-top: unset }`, and the bottom
   *   for `[data-split-to]`), written for horizontal text. In vertical text top and bottom are the
   *   line's start and end, so a list continued on a new page lost its indent and its numbers stood
   *   in the top margin (the build's text check found list numbers missing on 16 pages of a real
   *   book). The block-start and block-end edges are what Paged.js means in either writing mode.
   * - Each polisher inserts that stylesheet, the book's stylesheets as it converted them and an
   *   element for the rules its handlers add. The preview keeps every part's pages in the document,
   *   and each stylesheet added or changed there made Chromium visit every element of the book
   *   (1.3 s at 900 pages, twice a part): a style element with the same text already in the
   *   document is used instead of a new one, the handlers' rules go to one shared element, and a
   *   rule already there is not added again (the same rule twice means the same).
   * @param {import("./book-page.js").PagedPolisher} polisher
   */
  shareStyles(polisher) {
    const insert = polisher.insert.bind(polisher);
    /** @param {string} text */
    const inserted = (text) => [.../** @type {NodeListOf<HTMLStyleElement>} */ (document.querySelectorAll("style[data-pagedjs-inserted-styles]"))].find((style) => style.textContent === text);
    polisher.insert = (text) => inserted(text) ?? insert(text);
    const setUp = polisher.setup.bind(polisher);
    polisher.setup = () => {
      // Paged.js's setup inserts its stylesheet and an empty element for the handlers' rules; both
      // are swapped for the ones already in the document within this task, before Chromium looks.
      setUp();
      /** @type {Record<string, string>} */
      const physical = { top: "block-start", bottom: "block-end" };
      const baseText = (polisher.base.textContent ?? "").replace(/\b(margin|padding)-(top|bottom): unset;/g, (_, box, edge) => `${box}-${physical[edge]}: unset;`);
      const base = inserted(baseText);
      if (base && base !== polisher.base) {
        polisher.base.remove();
        polisher.base = base;
      } else polisher.base.textContent = baseText;
      const shared = /** @type {HTMLStyleElement | null} */ (document.querySelector("style[data-pagedjs-handler-rules]"));
      if (shared) {
        polisher.styleEl.remove();
        polisher.styleEl = shared;
        polisher.styleSheet = /** @type {CSSStyleSheet} */ (shared.sheet);
      } else {
        polisher.styleEl.dataset.pagedjsHandlerRules = "";
        const sheet = polisher.styleSheet;
        const rules = new Set();
        const insertRule = sheet.insertRule.bind(sheet);
        sheet.insertRule = (rule, index) => {
          if (rules.has(rule)) return index ?? 0;
          rules.add(rule);
          return insertRule(rule, index);
        };
      }
      return polisher.styleSheet;
    };
  },

  /**
   * Gives `to` the styles Paged.js made in `from` that it lacks (shareStyles): stylesheets by their
   * text, the handlers' rules by theirs; pages laid out in `from` and moved to `to` look the same there.
   * @param {Document} from
   * @param {Document} to
   */
  copyStyles(from, to) {
    const texts = new Set([...to.querySelectorAll("style[data-pagedjs-inserted-styles]")].map((style) => style.textContent));
    for (const style of from.querySelectorAll("style[data-pagedjs-inserted-styles]")) {
      if (texts.has(style.textContent)) continue;
      to.head.append(to.importNode(style, true));
      texts.add(style.textContent);
    }
    const source = /** @type {HTMLStyleElement | null} */ (from.querySelector("style[data-pagedjs-handler-rules]"))?.sheet;
    const target = /** @type {HTMLStyleElement | null} */ (to.querySelector("style[data-pagedjs-handler-rules]"))?.sheet;
    if (!source || !target) return;
    const rules = new Set([...target.cssRules].map((rule) => rule.cssText));
    for (const rule of source.cssRules) if (!rules.has(rule.cssText)) target.insertRule(rule.cssText, target.cssRules.length);
  },

  /**
   * Page numbers (folios) from `firstPage` on, through the counter increment Paged.js gives its first page.
   * @param {ParentNode} pagesArea
   * @param {number} firstPage
   */
  numberPagesFrom(pagesArea, firstPage) {
    /** @type {HTMLElement | null} */ (pagesArea.querySelector(".pagedjs_page"))?.style.setProperty("--pagedjs-page-counter-increment", String(firstPage));
  },

  /**
   * Paged.js makes a part's first page a recto (`pagedjs_right_page`). A part that starts on an even
   * page (the colophon's, which takes the next page) has every page's side turned, and with it the
   * margins the @page :left/:right rules give; the text area is as wide on either side, so nothing
   * moves within it.
   * @param {ParentNode} pagesArea
   */
  startOnVerso(pagesArea) {
    for (const page of pagesArea.querySelectorAll(".pagedjs_page")) {
      const recto = page.classList.contains("pagedjs_right_page");
      page.classList.toggle("pagedjs_right_page", !recto);
      page.classList.toggle("pagedjs_left_page", recto);
    }
  },

  /**
   * Puts pages taken out of the document while the part was laid out back in Paged.js's pages area,
   * all in the order of their `data-page-number`, and shown.
   * @param {Element} pagesArea
   * @param {readonly HTMLElement[]} setAside
   */
  putPagesBack(pagesArea, setAside) {
    const pages = [.../** @type {HTMLCollectionOf<HTMLElement>} */ (pagesArea.children), ...setAside].sort((a, b) => Number(a.dataset.pageNumber) - Number(b.dataset.pageNumber));
    pagesArea.append(...pages);
    for (const page of pages) page.style.removeProperty("display");
  },
};

/** @typedef {typeof pagedjsPatches} PagedjsPatches the type of the global the features use (book-page.d.ts) */
