import { EventEmitter } from "node:events";
import { access, constants } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { isInside } from "../book/paths.ts";
import { BuildFailure, diagnosticFile, error } from "../diagnostics.ts";
import { chromiumExecutable } from "./chromium.ts";

/**
 * Flags for a headless Chromium that stays off the network (it would otherwise keep reaching for
 * Google's update and sync services) and runs as root in CI.
 */
export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-quic",
  "--font-render-hinting=none",
];

/** The part of puppeteer the build uses. */
interface Puppeteer {
  launch(options: object): Promise<ChromiumBrowser>;
  defaultArgs(options: object): string[];
}

/** The puppeteer pagedjs-cli 0.4.3 was made for (^20.9), not whatever else is installed. */
async function pagedjsPuppeteer(): Promise<Puppeteer> {
  const fromPagedjs = createRequire(createRequire(import.meta.url).resolve("pagedjs-cli"));
  const module = (await import(pathToFileURL(fromPagedjs.resolve("puppeteer")).href)) as { default: Puppeteer };
  return module.default;
}

/**
 * Chromium features a headless build never shows: the address bar's pop-ups, which Chromium 156
 * keeps rendering in a page of their own at about 12 % of a core for the whole build. Chromium
 * honours only the last `--disable-features`, so they join puppeteer's own list.
 */
const unusedFeatures = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"];

function withFeaturesDisabled(defaults: readonly string[]): { args: string[]; ignoreDefaultArgs: string[] } {
  const prefix = "--disable-features=";
  const own = defaults.filter((arg) => arg.startsWith(prefix));
  const features = [...own.flatMap((arg) => arg.slice(prefix.length).split(",")), ...unusedFeatures];
  return { args: [`${prefix}${features.join(",")}`], ignoreDefaultArgs: own };
}

/** The part of puppeteer's Browser the build uses (pagedjs-cli's puppeteer ships its types, ours must not depend on them). */
export interface ChromiumBrowser {
  once(event: "disconnected", listener: () => void): void;
  isConnected(): boolean;
  process(): { pid?: number } | null;
  close(): Promise<void>;
  newPage(): Promise<BrowserPage>;
  createIncognitoBrowserContext(): Promise<{ newPage(): Promise<BrowserPage>; close(): Promise<void> }>;
}

/** The part of a puppeteer page the build uses. */
export interface BrowserPage {
  setViewport(viewport: { width: number; height: number; deviceScaleFactor: number }): Promise<void>;
  setRequestInterception(enabled: boolean): Promise<void>;
  on(event: "request", listener: (request: { url(): string; abort(): Promise<void>; continue(): Promise<void>; respond(response: { status: number; body: Buffer }): Promise<void> }) => void): void;
  goto(url: string, options?: { waitUntil: "load" }): Promise<unknown>;
  addScriptTag(options: { path: string } | { content: string }): Promise<unknown>;
  evaluate<T>(run: string | (() => T | Promise<T>)): Promise<T>;
  target(): { createCDPSession(): Promise<{ send<T = unknown>(method: string, parameters?: object): Promise<T>; detach(): Promise<void> }> };
  screenshot(options: { path: string; type: "png" }): Promise<unknown>;
  close(): Promise<void>;
}

/** One Chromium, the folders its pages may read, and a pulse each time a page is laid out. */
export interface BookBrowser {
  chromium: ChromiumBrowser;
  allowedPaths: readonly string[];
  pages: EventEmitter<{ page: [] }>;
}

export interface BrowserOptions {
  /** Folders the pages may read from; everything else, and every network request, is refused. */
  allowedPaths: string[];
}

/**
 * One Chromium for the whole build, launched with pagedjs-cli's own puppeteer: no protocol timeout
 * (puppeteer's 180 s default fails books of a few hundred pages; the stall watchdog below guards
 * against hangs instead), and no puppeteer signal handlers (the CLI's own clean up on Ctrl-C).
 */
export async function launchBrowser(options: BrowserOptions): Promise<BookBrowser> {
  const executable = (process.env.PUPPETEER_EXECUTABLE_PATH = chromiumExecutable());
  const problem = diagnosticFile(executable);
  if (!(await access(executable, constants.X_OK).then(() => true, () => false))) {
    error(problem, `Unexpected missing browser at \`${executable}\`, expected Chromium: run \`sudo apt-get install chromium\` (or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary)`, undefined, "browser-missing");
    throw new BuildFailure([problem]);
  }
  try {
    const chromium = await pagedjsPuppeteer().then((puppeteer) => {
      const features = withFeaturesDisabled(puppeteer.defaultArgs({ headless: "new" }));
      return puppeteer.launch({
        executablePath: executable,
        headless: "new",
        args: [...chromiumFlags, "--export-tagged-pdf", "--allow-file-access-from-files", ...features.args],
        ignoreDefaultArgs: features.ignoreDefaultArgs,
        protocolTimeout: 0,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    });
    return { chromium, allowedPaths: options.allowedPaths, pages: new EventEmitter() };
  } catch (cause) {
    error(problem, `Unexpected failure to start Chromium (${(cause as Error).message.split("\n")[0]}), expected a working browser: check that \`${executable} --headless --no-sandbox --version\` runs`, undefined, "browser-start");
    throw new BuildFailure([problem]);
  }
}

/**
 * Refuses every request of the page except files inside the allowed folders; a file in `served`
 * (the book's fonts cut down for printing) is answered with those bytes instead of the disk's.
 */
export async function confinePage(page: BrowserPage, allowedPaths: readonly string[], served: ReadonlyMap<string, Uint8Array> = new Map()): Promise<void> {
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    const file = decodeURIComponent(url.pathname);
    const allowed = url.protocol === "file:" && allowedPaths.some((folder) => isInside(folder, file));
    const body = allowed ? served.get(file) : undefined;
    void (body ? request.respond({ status: 200, body: Buffer.from(body) }) : allowed ? request.continue() : request.abort());
  });
}

/**
 * Closes Chromium and makes sure none of its processes (zygote, renderers, GPU) outlives the build:
 * they hold the build's output pipes open and its memory. Puppeteer starts Chromium as the leader
 * of its own process group, so the whole group is killed.
 */
export async function closeBrowser(browser: BookBrowser | undefined): Promise<void> {
  if (!browser) return;
  const pid = browser.chromium.process()?.pid;
  await Promise.race([browser.chromium.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(() => undefined);
  if (pid) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // The group has already ended.
    }
  }
}

/** How long Paged.js may go without finishing a page before the build is stopped as hung. */
const stallSeconds = () => Number(process.env.BOOK_STALL_SECONDS) || 120;

/**
 * Runs browser work so that it cannot wait forever: it fails when Chromium goes away (crash, kill,
 * Ctrl-C) and when no page has been laid out for a while; a big book keeps it alive page by page.
 */
export async function whileBrowserWorks<T>(browser: BookBrowser, work: Promise<T>, what: string): Promise<T> {
  const problem = diagnosticFile(chromiumExecutable());
  let timer: NodeJS.Timeout | undefined;
  let onPage: (() => void) | undefined;
  const failure = new Promise<never>((_, reject) => {
    const stop = (reason: string) => {
      error(problem, reason, undefined, "browser");
      reject(new BuildFailure([problem]));
    };
    const ended = () => stop(`Unexpected end of Chromium while ${what}, expected it to finish: it crashed, was killed or the build was interrupted; run the build again`);
    browser.chromium.once("disconnected", ended);
    // Chromium may have ended before this work began (between two stages), when no one was listening.
    if (!browser.chromium.isConnected()) ended();
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stop(`Unexpected stall: Chromium laid out no page for ${stallSeconds()} s while ${what}, expected steady progress; the build was stopped`), stallSeconds() * 1000);
    };
    onPage = arm;
    browser.pages.on("page", arm);
    arm();
  });
  failure.catch(() => undefined);
  try {
    return await Promise.race([work, failure]);
  } finally {
    clearTimeout(timer);
    if (onPage) browser.pages.off("page", onPage);
  }
}

/** How much of the PDF Chromium hands over per read. */
const pdfReadBytes = 4 << 20;

/**
 * Chromium's print to PDF through the DevTools protocol (puppeteer 20's `page.pdf` cannot turn
 * tagging off), read as a stream rather than as one base64 string of the whole book.
 */
export async function printPdf(page: BrowserPage, tagged: boolean): Promise<Uint8Array> {
  const session = await page.target().createCDPSession();
  try {
    const { stream } = await session.send<{ stream: string }>("Page.printToPDF", {
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: tagged,
      transferMode: "ReturnAsStream",
    });
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = await session.send<{ data: string; base64Encoded?: boolean; eof: boolean }>("IO.read", { handle: stream, size: pdfReadBytes });
      chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? "base64" : "binary"));
      if (chunk.eof) break;
    }
    await session.send("IO.close", { handle: stream });
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await session.detach().catch(() => undefined);
  }
}
