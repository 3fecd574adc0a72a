import { access, constants } from "node:fs/promises";
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

/** Minimal view of pagedjs-cli's Printer (it ships no types). */
export interface PagedPrinter {
  browser?: {
    process(): { pid?: number; kill(signal?: string): boolean } | null;
    close(): Promise<void>;
    newPage(): Promise<BrowserPage>;
  };
  pages: unknown[];
  setup(): Promise<unknown>;
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
 * One Chromium for the whole build. pagedjs-cli's bundled puppeteer reads the browser path from the
 * environment when it is first imported, so the path is settled before the import.
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
    browserArgs: chromiumFlags,
    closeAfter: false,
    timeout: 0,
  });
  try {
    await printer.setup();
  } catch (cause) {
    error(problem, `Unexpected failure to start Chromium (${(cause as Error).message.split("\n")[0]}), expected a working browser: check that \`${executable} --headless --no-sandbox --version\` runs`, undefined, "browser-start");
    throw new BuildFailure([problem]);
  }
  return printer;
}

export async function closeBrowser(printer: PagedPrinter | undefined): Promise<void> {
  if (!printer?.browser) return;
  const child = printer.browser.process();
  await Promise.race([printer.browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(() => undefined);
  child?.kill("SIGKILL");
}
