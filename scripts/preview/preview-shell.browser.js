// Runs in the preview's page (templates/preview.html): the layout switch, the contents, the
// status line and the error overlay around the book's pages, which preview-book.browser.js lays
// out in the frame. Updates come from the server as server-sent events (scripts/preview/server.ts).
// Plain JavaScript on purpose: the browser runs this file as it is.

const frame = document.getElementById("pages");
const status = document.getElementById("status");
const problems = document.getElementById("problems");
let layout = new URLSearchParams(location.search).get("layout");
/** The document version (head) the frame holds; a new one is loaded when the styles or the page change. */
let loadedHead;

const book = () => frame.contentWindow?.previewBook;

function showLayout(state) {
  for (const button of document.querySelectorAll("[data-layout]")) button.setAttribute("aria-pressed", String(button.dataset.layout === layout));
  const head = state.headVersions[layout];
  if (!head) return;
  if (head !== loadedHead) {
    book()?.keepPosition();
    loadedHead = head;
    status.textContent = "正在排版… Laying out…";
    frame.src = `/book/${layout}.html?v=${head}`;
  } else if (book() && state.version > book().version) {
    status.textContent = "正在更新… Updating…";
    book().render(state.changedChapter);
  }
}

function showContents(state) {
  document.getElementById("book-title").textContent = state.title ? `${state.title} · 预览` : "预览 Preview";
  document.title = state.title ? `${state.title} · 预览 Preview` : "预览 Preview";
  const list = document.getElementById("contents");
  list.replaceChildren(
    ...state.chapters.map((chapter) => {
      const link = Object.assign(document.createElement("a"), { href: `#${chapter.id}`, textContent: chapter.title });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        book()?.show(chapter.id);
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

let latest;
new EventSource("/events").onmessage = (event) => {
  latest = JSON.parse(event.data);
  layout ??= latest.layout;
  showProblems(latest);
  if (latest.version === 0) return;
  showContents(latest);
  showLayout(latest);
};

for (const button of document.querySelectorAll("[data-layout]")) {
  button.addEventListener("click", () => {
    if (button.dataset.layout === layout || !latest) return;
    layout = button.dataset.layout;
    history.replaceState(null, "", `?layout=${layout}`);
    loadedHead = undefined;
    showLayout(latest);
  });
}

window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
  const report = event.data;
  if (report.type === "failed") status.textContent = `排版失败 Layout failed: ${report.reason}`;
  if (report.type !== "laid-out") return;
  status.textContent = `${report.pages} 页 · ${report.seconds.toFixed(1)} s`;
  document.body.dataset.version = String(report.version);
  // A save during the layout: one more.
  if (latest && latest.headVersions[layout] === loadedHead && latest.version > report.version) book()?.render(latest.changedChapter);
});
