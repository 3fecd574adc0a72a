import { createReadStream } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { isInside } from "../book/paths.ts";
import { formatDiagnostics } from "../diagnostics.ts";
import { layouts, rejectedFolderName, reportFileName, type Layout } from "../outputs.ts";
import { projectRoot } from "../book/paths.ts";
import { pagedScripts } from "../typeset/paged.ts";
import { watchInputs } from "../watch.ts";
import { renderPreview, servedFiles, type PreviewBook } from "./book-pages.ts";
import type { ChapterMemo } from "../markdown/parse.ts";
import { readBuildFindings, type BuildFindings } from "./build-findings.ts";

export interface PreviewOptions {
  manuscriptDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The layout the page opens with. */
  layout: Layout;
  /** Lines for the terminal: each update, and the manuscript's messages. */
  log: (line: string) => void;
  /** The build's output folder, whose report's findings are shown over the pages they name; default dist/. */
  outDir?: string;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

/** What the page is told after every change: the book's version, or the messages that stopped it. */
export interface PreviewState {
  version: number;
  title: string;
  layout: Layout;
  chapters: PreviewBook["chapters"];
  headVersions: Partial<Record<Layout, string>>;
  /** The chapter (its id) whose file was saved, so that the page keeps the reader there. */
  changedChapter?: string;
  /** The build's messages (`file:line:col`, worded as `npm run build:book` words them), while the manuscript has an error. */
  problems?: string[];
}

const previewFolder = path.dirname(fileURLToPath(import.meta.url));
const scriptsFolder = path.dirname(previewFolder);
/** The scripts a book's frame runs, in order: the preview's own settings and layout, then the build's Paged.js scripts. */
const bookScripts = [path.join(previewFolder, "preview-book.browser.js"), ...pagedScripts];
/** A script's URL: under /engine/ by its path in scripts/ (so that the relative import of one module by another resolves as it does on disk), or by its name (Paged.js). */
const engineUrl = (file: string) => `/engine/${isInside(scriptsFolder, file) ? path.relative(scriptsFolder, file).split(path.sep).join("/") : path.basename(file)}`;
/** Scripts the pages run, by the URL they are served at: the book frames', the page-reference rounds and page runs they import, and the shell's (at the name templates/preview.html loads it by). */
const engineScripts = new Map([
  ...[...bookScripts, path.join(scriptsFolder, "typeset", "page-reference-rounds.js"), path.join(scriptsFolder, "render", "page-runs.js")].map((file) => [engineUrl(file), file] as const),
  ["/engine/preview-shell.browser.js", path.join(previewFolder, "preview-shell.browser.js")],
]);
const shellTemplate = path.join(projectRoot, "templates", "preview.html");
const pagesStylesheet = path.join(projectRoot, "templates", "preview-pages.css");

/** Nothing the pages load may come from elsewhere: the book is read on this machine only. */
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'self'";

const contentTypes: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".ttf": "font/ttf" };

/**
 * A path a file server must not resolve: a `.`/`..` segment, a backslash or NUL, once decoded, or
 * anything still encoded after decoding (a doubly encoded `..`). Browsers and URL parsers remove
 * dot segments before sending, so such a request is never a page's own.
 */
function isTraversal(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return /[\\\0%]/.test(decoded) || decoded.split("/").some((segment) => segment === "." || segment === "..");
}

/**
 * `npm run preview`: the book laid out by Paged.js in the browser, with the document, styles,
 * fonts and Paged.js scripts of the PDF build, updated whenever a watched file is saved. A
 * manuscript error is shown over the last good pages, worded as the build words it. Only the
 * manuscript folder, the declared fonts and the pages' scripts are served.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const manuscriptDir = await realpath(options.manuscriptDir);
  const served = servedFiles(manuscriptDir);
  const manuscriptFiles = sirv(manuscriptDir, { dev: true, dotfiles: false, etag: true });
  let book: PreviewBook | undefined;
  let state: PreviewState = { version: 0, title: "", layout: options.layout, chapters: [], headVersions: {} };
  const listeners = new Set<ServerResponse>();
  const outDir = path.resolve(options.outDir ?? path.join(projectRoot, "dist"));

  // The last build's findings (scripts/preview/build-findings.ts), read again when its report
  // changes or a watched file is saved (which may make them stale); sent as a `findings` event.
  let findings: BuildFindings = { state: "none", findings: [] };
  let findingsText = JSON.stringify(findings);
  const updateFindings = async () => {
    const next = await readBuildFindings({ outDir, manuscriptDir, ...(book ? { title: book.title } : {}) });
    const text = JSON.stringify(next);
    if (text === findingsText) return;
    if (next.state !== findings.state || next.builtAt !== findings.builtAt) {
      const onPages = next.findings.filter((finding) => finding.pages.length > 0).length;
      if (next.state === "failed" || onPages > 0) options.log(`上次构建（${next.builtAt ? new Date(next.builtAt).toLocaleString("zh-CN", { hour12: false }) : "时间不明"}${next.state === "failed" ? "，失败" : ""}）的 ${next.findings.length} 条问题显示在预览里，${onPages} 条指明了页。The last build's findings are shown in the preview.`);
    }
    findings = next;
    findingsText = text;
    for (const listener of listeners) listener.write(`event: findings\ndata: ${findingsText}\n\n`);
  };
  const reportFiles = [path.join(outDir, rejectedFolderName, reportFileName), path.join(outDir, rejectedFolderName), path.join(outDir, reportFileName)];
  let reportSignature = "";
  let checking = false;
  const reportsPoll = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      const facts = await Promise.all(reportFiles.map((file) => stat(file).then((found) => `${found.mtimeMs}:${found.size}`, () => "-")));
      const signature = facts.join(" ");
      if (signature !== reportSignature) {
        reportSignature = signature;
        await updateFindings();
      }
    } finally {
      checking = false;
    }
  }, 1000);
  // The server's own life decides when the process ends, not this poll.
  reportsPoll.unref();

  let shownLayout = options.layout;
  // Each chapter's parse, kept while only chapters' texts change (parse.ts, ChapterMemo).
  const memo: ChapterMemo = new Map();
  const refresh = async (changed: readonly string[]) => {
    const started = performance.now();
    const chapterFiles = new Set(book?.chapters.map((chapter) => chapter.file));
    if (!changed.every((file) => chapterFiles.has(file))) memo.clear();
    const outcome = await renderPreview(served, memo);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const changedFiles = changed.map((file) => path.relative(process.cwd(), file)).join(", ") || path.relative(process.cwd(), manuscriptDir) || ".";
    if (outcome.ok) {
      book = outcome.book;
      // The layout a page last asked for is rendered now, before the page is told (it asks at
      // once), and before the first page opens: then the time is the server's start-up, not the reader's.
      book.layouts[shownLayout].content();
      const changedChapter = book.chapters.find((chapter) => changed.includes(chapter.file))?.id;
      state = { version: state.version + 1, title: book.title, layout: options.layout, chapters: book.chapters, headVersions: Object.fromEntries(layouts.map((layout) => [layout, book!.layouts[layout].headVersion])), ...(changedChapter ? { changedChapter } : {}) };
      // Warnings would repeat on every save: the build and lint:book list them (and the proofreading, which the preview leaves out).
      const warnings = outcome.files.reduce((sum, file) => sum + file.messages.length, 0);
      options.log(`✓ ${changedFiles}：预览已更新，${seconds} s${warnings > 0 ? `；${warnings} 条提示，npm run build:book 或 npm run lint:book 逐条列出` : ""}。Preview updated${warnings > 0 ? ` (${warnings} warnings)` : ""}.`);
    } else {
      options.log(formatDiagnostics(outcome.files));
      state = { ...state, problems: outcome.files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => `${path.relative(manuscriptDir, file.path) || file.path}:${message.line ?? 1}:${message.column ?? 1}: ${message.reason}`)) };
      options.log(`✗ ${changedFiles}：书稿有错误（见上，浏览器中也有提示），预览保留上次的版面。The manuscript has an error; the preview keeps the last good pages.`);
    }
    for (const listener of listeners) listener.write(`data: ${JSON.stringify(state)}\n\n`);
    await updateFindings();
  };

  const send = (response: ServerResponse, status: number, body: string | Buffer, type = contentTypes[".html"]!) => {
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    response.end(body);
  };

  const bookDocument = async (layout: Layout) => {
    const { head } = book!.layouts[layout];
    const pagesCss = await readFile(pagesStylesheet, "utf8");
    // Screen-only styles (Paged.js leaves media="screen" alone) and the scripts in the build's order, after the preview's own settings.
    return `${head.replace("</head>", `<style media="screen">\n${pagesCss}</style>\n</head>`)}<body>\n${bookScripts.map((file) => `<script src="${engineUrl(file)}"></script>`).join("\n")}\n</body>\n</html>\n`;
  };

  let address = "";
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    response.setHeader("content-security-policy", contentSecurityPolicy);
    response.setHeader("x-content-type-options", "nosniff");
    const rawPath = (request.url ?? "/").split(/[?#]/)[0]!;
    // A page of another site reaching this server by a rebound DNS name is refused.
    const host = request.headers.host ?? "";
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host) && host !== address) return send(response, 403, "Forbidden");
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "Method not allowed");
    if (isTraversal(rawPath)) return send(response, 403, "Forbidden");
    const pathname = decodeURIComponent(rawPath);
    if (pathname === "/") return send(response, 200, await readFile(shellTemplate, "utf8"));
    if (pathname === "/favicon.ico") return send(response, 204, "");
    if (pathname === "/findings.json") return send(response, 200, findingsText, contentTypes[".json"]);
    if (pathname === "/events") {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
      response.write(`data: ${JSON.stringify(state)}\n\n`);
      response.write(`event: findings\ndata: ${findingsText}\n\n`);
      listeners.add(response);
      request.on("close", () => listeners.delete(response));
      return;
    }
    const bookRoute = /^\/book\/(\w+)\.(html|json)$/.exec(pathname);
    if (bookRoute && layouts.includes(bookRoute[1] as Layout)) {
      if (!book) return send(response, 503, "The manuscript has an error", "text/plain; charset=utf-8");
      const layout = bookRoute[1] as Layout;
      if (bookRoute[2] === "html") return send(response, 200, await bookDocument(layout));
      shownLayout = layout;
      const { headVersion, content } = book.layouts[layout];
      return send(response, 200, JSON.stringify({ version: state.version, headVersion, ...content() }), contentTypes[".json"]);
    }
    const file = engineScripts.get(pathname) ?? served.fonts.get(pathname);
    if (file) {
      response.writeHead(200, { "content-type": contentTypes[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      return void createReadStream(file).pipe(response);
    }
    if (pathname.startsWith("/manuscript/")) {
      // A symbolic link in the manuscript may point anywhere: only what really lies inside is served.
      const target = await realpath(path.join(manuscriptDir, pathname.slice("/manuscript/".length))).catch(() => undefined);
      if (!target || !isInside(manuscriptDir, target)) return send(response, 404, "Not found", "text/plain; charset=utf-8");
      request.url = request.url!.slice("/manuscript".length);
      return manuscriptFiles(request, response, () => send(response, 404, "Not found", "text/plain; charset=utf-8"));
    }
    send(response, 404, "Not found", "text/plain; charset=utf-8");
  };

  await refresh([]);
  const watcher = await watchInputs(manuscriptDir, (changed) => refresh(changed), { ignoredFolder: outDir });
  const server = http.createServer((request, response) => {
    handle(request, response).catch((cause: Error) => {
      options.log(`Unexpected internal error: ${cause.stack ?? cause}`);
      if (!response.headersSent) send(response, 500, "Internal error");
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  }).catch((cause: unknown) => {
    clearInterval(reportsPoll);
    throw cause;
  });
  const { port } = server.address() as AddressInfo;
  address = `${options.host}:${port}`;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}/`,
    async close() {
      clearInterval(reportsPoll);
      for (const listener of listeners) listener.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await watcher.close();
    },
  };
}
