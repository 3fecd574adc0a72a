/** Debian's Chromium, unless PUPPETEER_EXECUTABLE_PATH names another (puppeteer reads the same variable). */
export const chromiumExecutable = (): string => process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";
