// (f) and (g) of the benchmark: how soon `npm run preview` shows a book's first page, how soon it
// has laid the whole book out, and how soon an edit saved to a chapter is on a page. The server is
// started as an editor starts it, and its page is opened in Chromium as the e2e test opens it.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { projectRoot } from "../scripts/book/paths.ts";
import { closeBrowser, launchBrowser, type BookBrowser } from "../scripts/typeset/browser.ts";
import { sampleIntervalMs, treesPssBytes } from "./measure.ts";

export interface PreviewTimings {
  /** From starting the command until it printed its URL. */
  serverReadyMs: number;
  /** (f): from opening the URL until the frame in front shows a page with text; absent past the limit. */
  firstPageMs?: number;
  /** From opening the URL until the whole book is laid out and its page numbers hold; absent past the limit. */
  settledMs?: number;
  /**
   * What “laid out whole” was read from: the page's `data-settled`, or, from a preview that does not
   * set it, `data-version`, which the page sets after each full layout.
   */
  settledBy: "data-settled" | "data-version";
  /** (g): from saving a sentence to a chapter until a page in front shows it; the fastest of the edits. */
  editVisibleMs?: number;
  /** From saving that sentence until the book is laid out whole again; the fastest of the edits. */
  editSettledMs?: number;
  /** Each edit's two times, in order. */
  edits: Array<{ visibleMs?: number; settledMs?: number }>;
  /** Highest summed PSS of the server's process tree and the Chromium showing its page. */
  peakPssBytes: number;
}

export interface PreviewOptions {
  manuscript: string;
  /** The build's output folder, whose findings the preview shows, as an editor's preview does. */
  out: string;
  /** The chapter file the edits are appended to; it is put back as it was afterwards. */
  chapter: string;
  edits: number;
  log: (line: string) => void;
}

/** How long any one wait may last before it is recorded as not reached. */
export const previewLimitMs = 300_000;
/** How often the page is asked: often enough to matter little against seconds of layout, not so often as to slow it. */
const pollMs = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  child: ChildProcess;
  url: string;
  readyMs: number;
}

/**
 * Starts the preview with `node --import tsx` (as the tests and the bench's other commands run
 * theirs; `npx` would add a process between the bench and the server's Ctrl-C) and waits for the URL
 * it prints once it listens.
 */
function startServer(manuscript: string, out: string): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "preview", "cli.ts"), "--manuscript", manuscript, "--port", "0", "--out", out], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the preview printed no URL within ${previewLimitMs / 1000} s:\n${stderr}`)), previewLimitMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^http:\/\/\S+\/$/m.exec(stdout)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolve({ child, url, readyMs: performance.now() - started });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview ended (exit ${code}) before printing its URL:\n${stderr}`));
    });
  });
}

/** Ctrl-C, as an editor stops it; killed if it has not ended within 10 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  if (!(await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]))) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Samples the memory of the process trees under `roots` until the returned function is called, which gives the peak. */
function sampleMemory(roots: () => number[]): () => Promise<number> {
  let peak = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await treesPssBytes(roots()));
      await sleep(sampleIntervalMs);
    }
  })();
  return async () => {
    running = false;
    await sampling;
    return peak;
  };
}

interface Signal {
  name: string;
  value: string | null;
  at: number;
}

/**
 * Runs in the preview's page (not in its book frames) before its own scripts: notes when the page
 * sets `data-settled` and `data-version` on its body, by the page's clock (the machine's, as
 * Date.now() here), so that the moment is exact however rarely the bench asks. Each record's new
 * value is the next one's old value, or the attribute as it is now for the last.
 */
function recordSignals(): void {
  if (window !== window.top) return;
  const signals: Signal[] = [];
  (window as unknown as { benchSignals: Signal[] }).benchSignals = signals;
  new MutationObserver((records) => {
    const at = Date.now();
    records.forEach((record, index) => {
      const name = record.attributeName!;
      const next = records.slice(index + 1).find((later) => later.target === record.target && later.attributeName === name);
      if (record.target === document.body) signals.push({ name, value: next ? next.oldValue : document.body.getAttribute(name), at });
    });
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-settled", "data-version"] });
}

/** Whether the preview's page sets `data-settled` at all: read from its scripts, since a page that does not would keep the bench waiting to the limit. */
async function announcesSettled(page: Page): Promise<boolean> {
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, text: script.textContent ?? "" })));
  const texts = await Promise.all(scripts.map(async (script) => (script.src ? (await fetch(script.src)).text() : script.text)));
  return texts.some((text) => /dataset\.settled|data-settled/.test(text));
}

/**
 * Asks `check` every `pollMs` until it holds; gives the time (Date.now()) it first held, or
 * undefined past the limit. A check that fails (the frames swapped places, a frame is loading) counts as not yet.
 */
async function poll(check: () => Promise<boolean>): Promise<number | undefined> {
  const deadline = Date.now() + previewLimitMs;
  while (Date.now() < deadline) {
    // The deadline's timer must not keep the bench alive once the check has answered (it did, for up to 5 minutes after the table).
    const outcome = await Promise.race([check().catch(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), deadline - Date.now()).unref())]);
    if (outcome) return Date.now();
    await sleep(pollMs);
  }
  return undefined;
}

/**
 * Whether the frame in front shows a Paged.js page with text (with `wanted` in it, if given). Every
 * page is searched, across however many `.pagedjs_pages` containers the frame holds, except those
 * of a part the preview is still laying out.
 */
async function frontShows(page: Page, wanted = ""): Promise<boolean> {
  const frameElement = await page.$("iframe.pages.front");
  if (!frameElement) return false;
  try {
    const frame = await frameElement.contentFrame();
    if (!frame) return false;
    // A page still being laid out (out of sight, in an element marked so) is not shown yet.
    return await frame.evaluate((text) => [...document.querySelectorAll(".pagedjs_page")].some((laidOut) => !laidOut.closest(".preview-laying-out") && (laidOut.textContent ?? "").trim() !== "" && (laidOut.textContent ?? "").includes(text)), wanted);
  } finally {
    await frameElement.dispose();
  }
}

/** When the book was next laid out whole at or after `since` (Date.now()), by the page's own record; undefined past the limit. */
async function settledAfter(page: Page, since: number, by: PreviewTimings["settledBy"]): Promise<number | undefined> {
  let found: Signal | undefined;
  const matches = (signal: Signal) => signal.at >= since && signal.name === by && (by === "data-version" || signal.value === "true");
  await poll(async () => {
    found = (await page.evaluate(() => (window as unknown as { benchSignals: Signal[] }).benchSignals)).find(matches);
    return found !== undefined;
  });
  return found?.at;
}

const since = (start: number, end: number | undefined) => (end === undefined ? undefined : end - start);
const fastest = (times: Array<number | undefined>) => {
  const known = times.filter((time) => time !== undefined);
  return known.length ? Math.min(...known) : undefined;
};
const shown = (ms: number | undefined) => (ms === undefined ? `not within ${previewLimitMs / 1000} s` : `${(ms / 1000).toFixed(2)} s`);

/**
 * Times the preview's page once it is open at `url`: the first page and the whole book, then
 * `edits` times a sentence appended to the chapter (each after the book has settled from the
 * last), until a page shows it and until the book has settled again.
 */
async function timePage(page: Page, url: string, options: PreviewOptions): Promise<Omit<PreviewTimings, "serverReadyMs" | "peakPssBytes">> {
  const { log } = options;
  await page.evaluateOnNewDocument(recordSignals);
  const opened = Date.now();
  await page.goto(url, { waitUntil: "domcontentloaded" });
  const settledBy = (await announcesSettled(page)) ? "data-settled" : "data-version";
  const firstPageMs = since(opened, await poll(() => frontShows(page)));
  log(`  (f) preview: first page after ${shown(firstPageMs)}`);
  const settledMs = since(opened, await settledAfter(page, opened, settledBy));
  log(`  (f) preview: settled (${settledBy}) after ${shown(settledMs)}`);
  const edits: PreviewTimings["edits"] = [];
  for (let index = 0; index < options.edits; index++) {
    const sentence = `预览计时补记之${index + 1}：这一句是刚刚加上的。`;
    const saved = Date.now();
    await appendFile(options.chapter, `\n${sentence}\n`);
    const visibleMs = since(saved, await poll(() => frontShows(page, sentence)));
    const editSettledMs = since(saved, await settledAfter(page, saved, settledBy));
    log(`  (g) preview edit ${index + 1}: shown after ${shown(visibleMs)}, settled after ${shown(editSettledMs)}`);
    edits.push({ ...(visibleMs !== undefined ? { visibleMs } : {}), ...(editSettledMs !== undefined ? { settledMs: editSettledMs } : {}) });
  }
  const editVisibleMs = fastest(edits.map((edit) => edit.visibleMs));
  const editSettledMs = fastest(edits.map((edit) => edit.settledMs));
  return {
    ...(firstPageMs !== undefined ? { firstPageMs } : {}),
    ...(settledMs !== undefined ? { settledMs } : {}),
    settledBy,
    ...(editVisibleMs !== undefined ? { editVisibleMs } : {}),
    ...(editSettledMs !== undefined ? { editSettledMs } : {}),
    edits,
  };
}

/**
 * (f) and (g): starts the preview of `manuscript`, opens it in Chromium and times it (timePage),
 * with the memory of both sampled throughout. The chapter is put back as it was afterwards.
 */
export async function measurePreview(options: PreviewOptions): Promise<PreviewTimings> {
  const chapterText = await readFile(options.chapter, "utf8");
  let server: Server | undefined;
  let browser: BookBrowser | undefined;
  const peakMemory = sampleMemory(() => [server?.child.pid, browser?.chromium.process()?.pid].filter((pid) => pid !== undefined));
  let timings: Omit<PreviewTimings, "peakPssBytes">;
  let peakPssBytes: number;
  try {
    options.log("  (f) preview: starting the server …");
    server = await startServer(options.manuscript, options.out);
    options.log(`  (f) preview: URL after ${shown(server.readyMs)}`);
    browser = await launchBrowser({ allowedPaths: [] });
    // The build types only the few puppeteer calls it makes; this drives the page as a reader does.
    const page = (await browser.chromium.newPage()) as unknown as Page;
    timings = { serverReadyMs: server.readyMs, ...(await timePage(page, server.url, options)) };
  } finally {
    await closeBrowser(browser);
    if (server) await stopServer(server.child);
    peakPssBytes = await peakMemory();
    // The rest of the bench, and the next run, see the chapter as it was.
    await writeFile(options.chapter, chapterText);
  }
  return { ...timings, peakPssBytes };
}
