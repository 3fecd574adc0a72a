import { access, constants } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { BuildFailure, diagnosticFile, error } from "../diagnostics.ts";

export const defaultChromium = "/usr/bin/chromium";

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

/** The puppeteer pagedjs-cli 0.4.3 was made for (^20.9), not whatever else is installed. */
async function pagedjsPuppeteer(): Promise<{ launch(options: object): Promise<NonNullable<PagedPrinter["browser"]>> }> {
  const fromPagedjs = createRequire(createRequire(import.meta.url).resolve("pagedjs-cli"));
  const module = (await import(pathToFileURL(fromPagedjs.resolve("puppeteer")).href)) as { default: { launch(options: object): Promise<NonNullable<PagedPrinter["browser"]>> } };
  return module.default;
}

/** Minimal view of pagedjs-cli's Printer (it ships no types). */
export interface PagedPrinter {
  on(event: "page", listener: () => void): void;
  off(event: "page", listener: () => void): void;
  browser?: {
    once(event: "disconnected", listener: () => void): void;
    process(): { pid?: number; kill(signal?: string): boolean } | null;
    close(): Promise<void>;
    newPage(): Promise<BrowserPage>;
  };
  pages: unknown[];
  pdf(input: string, options: { outlineTags: string[] }): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The part of a puppeteer page the cover drawing uses. */
export interface BrowserPage {
  setViewport(viewport: { width: number; height: number; deviceScaleFactor: number }): Promise<void>;
  goto(url: string, options: { waitUntil: "load" }): Promise<unknown>;
  evaluate<T>(run: () => Promise<T>): Promise<T>;
  screenshot(options: { path: string; type: "png" }): Promise<unknown>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Folders the pages may read from; everything else, and every network request, is refused. */
  allowedPaths: string[];
}

/**
 * One Chromium for the whole build, launched here with pagedjs-cli's own puppeteer and handed to its
 * Printer (which would otherwise launch one itself, with options we cannot set): no protocol timeout
 * (puppeteer's 180 s default fails books of a few hundred pages; the stall watchdog below guards
 * against hangs instead), and no puppeteer signal handlers (the CLI's own clean up on Ctrl-C).
 */
export async function launchBrowser(options: BrowserOptions): Promise<PagedPrinter> {
  const executable = (process.env.PUPPETEER_EXECUTABLE_PATH ??= defaultChromium);
  const problem = diagnosticFile(executable);
  if (!(await access(executable, constants.X_OK).then(() => true, () => false))) {
    error(problem, `Unexpected missing browser at \`${executable}\`, expected Chromium: run \`sudo apt-get install chromium\` (or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary)`, undefined, "browser-missing");
    throw new BuildFailure([problem]);
  }
  const { default: Printer } = (await import("pagedjs-cli")) as { default: new (options: object) => PagedPrinter };
  const printer = new Printer({
    allowLocal: true,
    allowRemote: false,
    allowedPaths: options.allowedPaths,
    closeAfter: false,
    timeout: 0,
  });
  try {
    printer.browser = await pagedjsPuppeteer().then((puppeteer) =>
      puppeteer.launch({
        executablePath: executable,
        headless: "new",
        args: [...chromiumFlags, "--export-tagged-pdf", "--allow-file-access-from-files"],
        protocolTimeout: 0,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
    );
  } catch (cause) {
    error(problem, `Unexpected failure to start Chromium (${(cause as Error).message.split("\n")[0]}), expected a working browser: check that \`${executable} --headless --no-sandbox --version\` runs`, undefined, "browser-start");
    throw new BuildFailure([problem]);
  }
  return printer;
}

/**
 * Closes Chromium and makes sure none of its processes (zygote, renderers, GPU) outlives the build:
 * they hold the build's output pipes open and its memory. Puppeteer starts Chromium as the leader
 * of its own process group, so the whole group is killed.
 */
export async function closeBrowser(printer: PagedPrinter | undefined): Promise<void> {
  if (!printer?.browser) return;
  const pid = printer.browser.process()?.pid;
  await Promise.race([printer.browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(() => undefined);
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
export async function whileBrowserWorks<T>(printer: PagedPrinter, work: Promise<T>, what: string): Promise<T> {
  const problem = diagnosticFile(process.env.PUPPETEER_EXECUTABLE_PATH ?? defaultChromium);
  let timer: NodeJS.Timeout | undefined;
  let onPage: (() => void) | undefined;
  const failure = new Promise<never>((_, reject) => {
    const stop = (reason: string) => {
      error(problem, reason, undefined, "browser");
      reject(new BuildFailure([problem]));
    };
    printer.browser?.once("disconnected", () => stop(`Unexpected end of Chromium while ${what}, expected it to finish: it crashed, was killed or the build was interrupted; run the build again`));
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stop(`Unexpected stall: Chromium laid out no page for ${stallSeconds()} s while ${what}, expected steady progress; the build was stopped`), stallSeconds() * 1000);
    };
    onPage = arm;
    printer.on("page", arm);
    arm();
  });
  failure.catch(() => undefined);
  try {
    return await Promise.race([work, failure]);
  } finally {
    clearTimeout(timer);
    if (onPage) printer.off("page", onPage);
  }
}
