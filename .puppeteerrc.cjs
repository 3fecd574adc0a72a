// Debian's Chromium is used (PUPPETEER_EXECUTABLE_PATH); the network here reaches no browser download.
module.exports = { skipDownload: true };
