// Runs in the preview's page (templates/preview.html): the layout switch, the contents, the
// status line and the error overlay around the book's pages. Updates come from the server as
// server-sent events (scripts/preview/server.ts). Two frames hold the book: the one shown, and
// one behind it where preview-book.browser.js lays the new version out; they change places when
// it is done, so the reader never sees pages vanish or the scroll position jump.
// Plain JavaScript on purpose: the browser runs this file as it is.

const frames = [...document.querySelectorAll("iframe.pages")];
const status = document.getElementById("status");
const problems = document.getElementById("problems");
let layout = new URLSearchParams(location.search).get("layout");
let front = 0;

const shown = () => frames[front];
const book = (frame) => frame.contentWindow?.previewBook;

/** Loads a book document into a frame, once per document; settles when its faces are loaded. */
const loading = new WeakMap();
function load(frame, source) {
  if (frame.dataset.source !== source) {
    frame.dataset.source = source;
    loading.set(
      frame,
      new Promise((resolve) => {
        frame.addEventListener("load", resolve, { once: true });
        frame.src = source;
      }).then(() => book(frame).ready),
    );
  }
  return loading.get(frame);
}

/** Lays `state`'s version out in the frame behind (loading the document first if its head changed), then shows it. */
async function show(state) {
  const frame = frames[1 - front];
  const source = `/book/${layout}.html?v=${state.headVersions[layout]}`;
  await load(frame, source);
  // The reader's place carries over only within one layout.
  const position = shown().dataset.source?.startsWith(`/book/${layout}.html`) ? book(shown())?.position() : undefined;
  const report = await book(frame).render(state.changedChapter, position);
  frame.classList.add("front");
  shown().classList.remove("front");
  front = 1 - front;
  status.textContent = `${report.pages} 页 · ${report.seconds.toFixed(1)} s`;
  document.body.dataset.version = String(report.version);
  // The next version is laid out in the frame now behind: its document is loaded ahead, fonts and all.
  void load(frames[1 - front], source);
}

/** The newest state waiting to be shown; one layout runs at a time, and only the newest state waits. */
let waiting;
let showing;
function request(state) {
  waiting = state;
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

function showContents(state) {
  document.getElementById("book-title").textContent = `${state.title} · 预览`;
  document.title = `${state.title} · 预览 Preview`;
  document.getElementById("contents").replaceChildren(
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

function showProblems(state) {
  problems.hidden = !state.problems;
  problems.querySelector("pre").textContent = (state.problems ?? []).join("\n\n");
  document.body.dataset.problems = state.problems ? "shown" : "none";
}

function showLayoutSwitch() {
  for (const button of document.querySelectorAll("[data-layout]")) button.setAttribute("aria-pressed", String(button.dataset.layout === layout));
}

let latest;
new EventSource("/events").onmessage = (event) => {
  latest = JSON.parse(event.data);
  layout ??= latest.layout;
  showLayoutSwitch();
  showProblems(latest);
  // Version 0: the manuscript has had an error since the server started; there is no book yet.
  if (latest.version === 0 || latest.problems) return;
  showContents(latest);
  request(latest);
};

for (const button of document.querySelectorAll("[data-layout]")) {
  button.addEventListener("click", () => {
    if (button.dataset.layout === layout || !latest || latest.version === 0) return;
    layout = button.dataset.layout;
    history.replaceState(null, "", `?layout=${layout}`);
    showLayoutSwitch();
    request({ ...latest, changedChapter: undefined });
  });
}
