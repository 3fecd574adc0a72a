// @ts-check
// Runs in the preview's page (templates/preview.html): the layout switch, the contents, the
// status line, the error overlay and the last build's findings around the book's pages. Updates come from the server as
// server-sent events (scripts/preview/server.ts). Two frames hold the book: the one shown, where an
// edit is laid out part by part (preview-book.browser.js), each part replacing its last version
// when it is done; and one behind it, where a new document (the other layout, changed styles) is
// laid out and shown as soon as the reader's place is. The reader never sees pages vanish or the
// scroll position jump.
// Plain JavaScript on purpose: the browser runs this file as it is. Its types: preview-page.d.ts.

/** @typedef {import("./preview-page.js").PreviewState} PreviewState */
/** @typedef {import("./preview-page.js").BuildFindings} BuildFindings */
/** @typedef {import("./preview-page.js").Finding} Finding */
/** @typedef {import("./build-findings.ts").NamedPage} NamedPage */

/** An element of templates/preview.html, which has them all. */
const pageElement = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const frames = /** @type {HTMLIFrameElement[]} */ ([...document.querySelectorAll("iframe.pages")]);
const status = pageElement("status");
const problems = pageElement("problems");
/** @type {string | undefined} */
let layout = new URLSearchParams(location.search).get("layout") ?? undefined;
let front = 0;

const shown = () => /** @type {HTMLIFrameElement} */ (frames[front]);
const book = (/** @type {HTMLIFrameElement} */ frame) => /** @type {(Window & typeof globalThis) | null} */ (frame.contentWindow)?.previewBook;

/** @type {WeakMap<HTMLIFrameElement, Promise<unknown>>} */
const loading = new WeakMap();
/** Loads a book document into a frame, once per document; settles when its faces are loaded. @param {HTMLIFrameElement} frame @param {string} source */
function load(frame, source) {
  if (frame.dataset.source !== source) {
    frame.dataset.source = source;
    loading.set(
      frame,
      new Promise((resolve) => {
        frame.addEventListener("load", resolve, { once: true });
        frame.src = source;
      }).then(() => book(frame)?.ready),
    );
  }
  return loading.get(frame);
}

/** The frame a render runs in, while one does. @type {HTMLIFrameElement | undefined} */
let rendering;

/**
 * Lays `state`'s version out: in the frame shown when it holds this layout's document with the same
 * head (only the parts that changed are laid out again there), else in the frame behind, loading the
 * document first, which is shown as soon as the reader's place is laid out. The rest fills in
 * behind; the status line says the page numbers are not settled until they are.
 * @param {PreviewState} state
 */
async function show(state) {
  const source = `/book/${layout}.html?v=${state.headVersions[/** @type {import("../outputs.ts").Layout} */ (layout)]}`;
  const inPlace = shown().classList.contains("front") && shown().dataset.source === source;
  const frame = inPlace ? shown() : /** @type {HTMLIFrameElement} */ (frames[1 - front]);
  await load(frame, source);
  // The reader's place carries over only within one layout.
  const position = shown().dataset.source?.startsWith(`/book/${layout}.html`) ? book(shown())?.position() : undefined;
  let swapped = inPlace;
  const swap = () => {
    if (swapped) return;
    swapped = true;
    frame.classList.add("front");
    shown().classList.remove("front");
    front = 1 - front;
    // The frame behind lets its pages go: a new head lays the whole book out again anyway.
    const behind = /** @type {HTMLIFrameElement} */ (frames[1 - front]);
    delete behind.dataset.source;
    behind.src = "about:blank";
  };
  document.body.dataset.settled = "false";
  rendering = frame;
  const report = await /** @type {import("./preview-page.js").PreviewBook} */ (book(frame)).render(state.changedChapter, position, {
    marksFor,
    onShowable: swap,
    onProgress: ({ pages }) => (status.textContent = `已排 ${pages} 页，页码待定… Laying out…`),
  }).finally(() => (rendering = undefined));
  if (report.superseded) return;
  swap();
  status.textContent = `${report.pages} 页 · ${report.seconds.toFixed(1)} s`;
  document.body.dataset.version = String(report.version);
  document.body.dataset.settled = "true";
  showFindings();
}

/** The newest state waiting to be shown; one layout runs at a time, and only the newest state waits. @type {PreviewState | undefined} */
let waiting;
/** @type {Promise<void> | undefined} */
let showing;
/** @param {PreviewState} state */
function request(state) {
  waiting = state;
  // The render under way stops at its next part; what it laid out is kept for the next.
  if (rendering) book(rendering)?.stop();
  showing ??= (async () => {
    while (waiting) {
      const next = waiting;
      waiting = undefined;
      status.textContent = "正在排版… Laying out…";
      await show(next).catch((cause) => (status.textContent = `排版失败 Layout failed: ${cause}`));
    }
    showing = undefined;
  })();
}

/** @param {PreviewState} state */
function showContents(state) {
  pageElement("book-title").textContent = `${state.title} · 预览`;
  document.title = `${state.title} · 预览 Preview`;
  pageElement("contents").replaceChildren(
    ...state.chapters.map((chapter) => {
      const link = Object.assign(document.createElement("a"), { href: `#${chapter.id}`, textContent: chapter.title });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        book(shown())?.show(chapter.id);
      });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }),
  );
}

/** @param {PreviewState} state */
function showProblems(state) {
  problems.hidden = !state.problems;
  /** @type {HTMLElement} */ (problems.querySelector("pre")).textContent = (state.problems ?? []).join("\n\n");
  document.body.dataset.problems = state.problems ? "shown" : "none";
}

function showLayoutSwitch() {
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-layout]"))) button.setAttribute("aria-pressed", String(button.dataset.layout === layout));
}

// The last build's findings (scripts/preview/build-findings.ts): the build's own messages that name
// pages of this layout's PDFs go on those pages, and all are listed in #findings, each linking to
// its page. Nothing here may stop the pages from being shown: a failure only leaves the marks out.

/** @type {BuildFindings} */
let findings = { state: "none", findings: [] };
const findingsPanel = pageElement("findings");
/** @type {Record<string, string>} */
const layoutNames = { horizontal: "横排本", vertical: "竖排本" };
/** @param {string} name */
const layoutName = (name) => layoutNames[name] ?? name;

/** “2026/12/7 14:05” in the reader's time zone. @param {string | undefined} iso */
function when(iso) {
  const date = new Date(iso ?? "");
  return Number.isNaN(date.getTime()) ? "时间不明" : date.toLocaleString("zh-CN", { hour12: false, year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/**
 * The preview's page (from 1) for a page a message names, out of `pageCount` laid out (undefined
 * while none is): a screen PDF's page is the preview's; a print edition has blank pages added
 * before its last page (the colophon), so its last page is the preview's last, and its other pages
 * are the screen's.
 * @param {NamedPage} named
 * @param {number | undefined} pageCount
 */
function previewPage(named, pageCount) {
  // Before this layout's pages are laid out, the list shows the pages the messages name.
  if (pageCount === undefined) return named.page;
  if (named.edition !== "screen" && named.last) return pageCount;
  if (named.edition !== "screen" && named.page >= pageCount) return undefined;
  return named.page <= pageCount ? named.page : undefined;
}

/** The text of one finding for the editor: what, and where in the manuscript. */
const findingText = (/** @type {Finding} */ finding) => `${finding.summary}${finding.source ? `（${finding.source}）` : ""}`;

/**
 * This layout's findings by preview page: [{ page, severity, items: [{ text, original, pdfs }] }],
 * a message named on several PDFs (screen and PDF/X) once per page; and those on no page of it.
 * @param {number | undefined} pageCount
 */
function findingsByPage(pageCount) {
  /** @type {Map<number, { page: number, severity: string, items: Array<{ text: string, original: string, pdfs: string[] }> }>} */
  const pages = new Map();
  /** @type {Finding[]} */
  const unplaced = [];
  for (const finding of findings.findings ?? []) {
    const here = (finding.pages ?? []).filter((named) => named.layout === layout);
    let placed = false;
    for (const named of here) {
      const page = previewPage(named, pageCount);
      if (page === undefined) continue;
      placed = true;
      const entry = pages.get(page) ?? { page, severity: "warning", items: [] };
      if (finding.severity === "error") entry.severity = "error";
      const text = findingText(finding);
      const known = entry.items.find((item) => item.text === text);
      const pdf = `${named.pdf} 第 ${named.page} 页`;
      if (known) {
        if (!known.pdfs.includes(pdf)) known.pdfs.push(pdf);
        if (!known.original.includes(finding.original)) known.original += `\n${finding.original}`;
      } else entry.items.push({ text, original: finding.original, pdfs: [pdf] });
      pages.set(page, entry);
    }
    if (!placed) unplaced.push(finding);
  }
  return { pages: [...pages.values()].sort((a, b) => a.page - b.page), unplaced };
}

const stale = () => Boolean(findings.changedSince);
const staleNote = () =>
  findings.changedSince
    ? `书稿、样式或模板在这次构建开始之后保存过（${findings.changedSince.files.join("、")}${findings.changedSince.count > findings.changedSince.files.length ? ` 等 ${findings.changedSince.count} 个文件` : ""}），页码可能已经对不上：重新构建后再看。The manuscript changed since this build: the pages may have moved.`
    : "";

/** The marks the book's frame puts on its pages (preview-book.browser.js `mark`). @type {import("./preview-page.js").MarksFor} */
function marksFor(pageCount) {
  return findingsByPage(pageCount).pages.map(({ page, severity, items }) => ({
    page,
    severity,
    heading: `第 ${page} 页 · 上次构建（${when(findings.builtAt)}）在这一页发现 ${items.length} 个问题${stale() ? "（可能已过时）" : ""}`,
    items: items.map((item) => ({ text: `${item.text} —— ${item.pdfs.join("、")}`, original: item.original })),
  }));
}

/** The list at the top, for the layout shown, and the marks on the shown frame's pages. */
function showFindings() {
  try {
    const frameBook = shown().dataset.source?.startsWith(`/book/${layout}.html`) ? book(shown()) : undefined;
    const pageCount = frameBook && frameBook.version > 0 ? frameBook.pages().length : undefined;
    const { pages, unplaced } = findingsByPage(pageCount);
    const otherLayouts = unplaced.filter((finding) => (finding.pages ?? []).some((named) => named.layout !== layout));
    const pageless = unplaced.filter((finding) => !otherLayouts.includes(finding));
    const shownAtAll = findings.state === "failed" || findings.state === "unreadable" || pages.length > 0 || otherLayouts.length > 0;
    findingsPanel.hidden = !shownAtAll;
    document.body.dataset.findings = shownAtAll ? "shown" : "none";
    findingsPanel.dataset.stale = String(stale());
    if (frameBook && frameBook.version > 0) {
      const position = frameBook.position();
      frameBook.mark(marksFor);
      frameBook.restore(position);
    }
    if (!shownAtAll) return;
    const onPages = pages.reduce((sum, entry) => sum + entry.items.length, 0);
    const title = /** @type {HTMLElement} */ (findingsPanel.querySelector("summary"));
    title.textContent =
      findings.state === "unreadable"
        ? "上次构建的报告读不出来 The build report cannot be read"
        : `上次构建（${when(findings.builtAt)}${findings.state === "failed" ? "，失败" : ""}）${
            onPages > 0
              ? `在${layoutName(layout ?? "")}的 ${pages.length} 页上发现 ${onPages} 个问题`
              : pageless.length > 0
                ? `有 ${pageless.length} 个问题没有指明页`
                : otherLayouts.length > 0
                  ? `在${layoutName(layout ?? "")}的页上没有发现问题`
                  : "没有留下问题的详情"
          }${stale() ? "（可能已过时）" : ""}`;
    const notes = [findings.note, staleNote(), findings.report ? `来自 From ${findings.report}` : ""].filter(Boolean);
    /** @type {HTMLElement} */ (findingsPanel.querySelector(".notes")).replaceChildren(...notes.map((note) => Object.assign(document.createElement("p"), { textContent: note })));
    const list = /** @type {HTMLElement} */ (findingsPanel.querySelector("ol"));
    list.replaceChildren(
      ...pages.flatMap((entry) =>
        entry.items.map((item) => {
          const link = Object.assign(document.createElement("a"), { href: `#page-${entry.page}`, textContent: `第 ${entry.page} 页` });
          link.dataset.page = String(entry.page);
          link.addEventListener("click", (event) => {
            event.preventDefault();
            book(shown())?.showPage(entry.page);
          });
          const line = document.createElement("li");
          line.dataset.severity = entry.severity;
          line.append(link, `：${item.text}`);
          line.title = item.original;
          return line;
        }),
      ),
      ...pageless.map((finding) => {
        const line = document.createElement("li");
        line.dataset.severity = finding.severity;
        line.append(`不在某一页：${findingText(finding)}`);
        line.title = finding.original;
        return line;
      }),
    );
    const others = /** @type {HTMLElement} */ (findingsPanel.querySelector(".others"));
    const otherNames = [...new Set(otherLayouts.flatMap((finding) => finding.pages.filter((named) => named.layout !== layout).map((named) => layoutName(named.layout))))];
    others.textContent = otherLayouts.length > 0 ? `另有 ${otherLayouts.length} 个问题在${otherNames.join("、")}的页上：切换版式查看。${otherLayouts.length} more on the other layout's pages.` : "";
  } catch (cause) {
    console.error("preview: findings", cause);
  }
}

/** @type {PreviewState | undefined} */
let latest;
const events = new EventSource("/events");
events.addEventListener("findings", (/** @type {MessageEvent<string>} */ event) => {
  try {
    findings = JSON.parse(event.data);
  } catch {
    findings = { state: "unreadable", findings: [] };
  }
  showFindings();
});
events.onmessage = (/** @type {MessageEvent<string>} */ event) => {
  /** @type {PreviewState} */
  const state = JSON.parse(event.data);
  latest = state;
  layout ??= state.layout;
  showLayoutSwitch();
  showProblems(state);
  // Version 0: the manuscript has had an error since the server started; there is no book yet.
  if (state.version === 0 || state.problems) return;
  showContents(state);
  request(state);
};

for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-layout]"))) {
  button.addEventListener("click", () => {
    if (button.dataset.layout === layout || !latest || latest.version === 0) return;
    layout = button.dataset.layout;
    history.replaceState(null, "", `?layout=${layout}`);
    showLayoutSwitch();
    showFindings();
    request({ ...latest, changedChapter: undefined });
  });
}
