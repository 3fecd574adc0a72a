import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { appendFile, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "node:test";
import type { Frame, Page } from "puppeteer-core";
import { buildBook } from "../../scripts/build.ts";
import { BuildFailure } from "../../scripts/diagnostics.ts";
import { closeBrowser, launchBrowser, type BookBrowser } from "../../scripts/typeset/browser.ts";
import { bounded, fixture, runCli, tempDir } from "../helpers.ts";

// The preview shows the last build's findings over the pages they name (scripts/preview/
// build-findings.ts, preview-shell.browser.js, preview-book.browser.js): a banner above each page
// and a list at the top linking to them, for the layout shown, from the report the build left.


/** `npm run preview` on `manuscript` with the build output folder `out`, in a browser page; `look` drives it. */
async function withPreview(manuscript: string, out: string, layout: string, look: (page: Page, frontFrame: () => Promise<Frame>) => Promise<void>): Promise<string> {
  let pid = 0;
  let url: string | undefined;
  let stderr = "";
  const server = runCli(["--manuscript", manuscript, "--out", out, "--port", "0", "--layout", layout], {
    script: "scripts/preview/cli.ts",
    onSpawn: (spawned) => (pid = spawned),
    onStdout: (stdout) => (url ??= /^http:\/\/127\.0\.0\.1:\d+\/$/m.exec(stdout)?.[0]),
    onStderr: (text) => (stderr = text),
  });
  let browser: BookBrowser | undefined;
  try {
    browser = await launchBrowser({ allowedPaths: [] });
    const address = await bounded("the server's address on stdout", 60, async () => url);
    // The build types only the few puppeteer calls it makes; this test drives the page as a reader does.
    const page = (await browser.chromium.newPage()) as unknown as Page;
    await page.setViewport({ width: 1280, height: 800 });
    const frontFrame = async () => (await (await page.$("iframe.pages.front"))!.contentFrame())!;
    await page.goto(address);
    await page.waitForFunction("document.body.dataset.version", { timeout: 60_000 });
    await look(page, frontFrame);
  } finally {
    await closeBrowser(browser);
    if (pid) process.kill(pid, "SIGINT");
  }
  const stopped = await server;
  assert.equal(stopped.code, 0, stderr);
  return stderr;
}

/** The banners on the front frame's pages: the page each stands above (from 1), and its text. */
const banners = (frame: Frame) =>
  // In one evaluation ($$eval finds the elements in one call and reads them in another, and the
  // frame may have marked its pages anew in between).
  frame.evaluate(() =>
    [...document.querySelectorAll(".preview-finding")].map((banner) => {
      const pages = [...document.querySelectorAll(".pagedjs_page")];
      return { page: Number((banner as HTMLElement).dataset.page), above: pages.indexOf(banner.nextElementSibling!) + 1, flagged: (banner.nextElementSibling as HTMLElement).dataset.finding, text: banner.textContent! };
    }),
  );

test("a build that fails a page check: the preview shows its errors over the pages they name, with the list at the top linking there", async () => {
  const manuscript = await tempDir();
  await cp(fixture("long-colophon"), manuscript, { recursive: true });
  const out = await tempDir();
  // The colophon runs onto a second page: the build fails on the last page of each PDF.
  const started = new Date();
  const failure = await buildBook({ manuscriptDir: manuscript, outDir: out }).then(
    () => assert.fail("the long colophon builds"),
    (cause: unknown) => cause,
  );
  assert.ok(failure instanceof BuildFailure, String(failure));
  const report = path.join(out, ".rejected", "build-report.json");
  const written = JSON.parse(await readFile(report, "utf8"));
  assert.equal(written.failed, true);
  assert.deepEqual([...written.rejected].sort(), failure.rejected.map((file) => path.basename(file)).sort());
  assert.ok(Date.parse(written.startedAt) >= started.getTime() - 1000, "the report says when the build started");
  assert.ok(written.errors.some((message: { reason: string }) => /on the colophon \(page \d+, the last\)/.test(message.reason)), JSON.stringify(written.errors));
  const { stdout: info } = await promisify(execFile)("pdfinfo", [path.join(out, ".rejected", "book-horizontal-screen.pdf")]);
  const screenPages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);

  const stderr = await withPreview(manuscript, out, "horizontal", async (page, frontFrame) => {
    await page.waitForFunction("document.body.dataset.findings === 'shown'", { timeout: 10_000 });
    const front = await frontFrame();
    const pageCount = await front.$$eval(".pagedjs_page", (pages) => pages.length);
    assert.equal(pageCount, screenPages, "the preview has the screen PDF's pages");
    const shown = await bounded("the banner over the colophon", 10, async () => ((await banners(await frontFrame())).length > 0 ? banners(await frontFrame()) : undefined));
    const colophon = shown.find((banner) => /版权页超过一页/.test(banner.text));
    assert.ok(colophon, JSON.stringify(shown));
    assert.equal(colophon.page, pageCount, "the colophon, the last page");
    assert.equal(colophon.above, pageCount, "the banner stands above that page");
    assert.equal(colophon.flagged, "error");
    assert.match(colophon.text, /book-horizontal-print\.pdf 第 \d+ 页/);
    assert.match(colophon.text, /原文 Original.*Unexpected 字数 \d+ on the colophon/s);
    // Each entry of the list links to its page.
    const links = await page.$$eval("#findings li a[data-page]", (found) => found.map((link) => ({ page: Number((link as HTMLElement).dataset.page), line: link.parentElement!.textContent! })));
    assert.ok(links.some((link) => link.page === pageCount && /^第 \d+ 页：版权页超过一页/.test(link.line)), JSON.stringify(links));
    assert.match(await page.$eval("#findings summary", (summary) => summary.textContent!), /上次构建（.*，失败）在横排本的 \d+ 页上发现 \d+ 个问题/);
    await front.evaluate("window.scrollTo(0, 0)");
    await page.click(`#findings li a[data-page="${pageCount}"]`);
    const top = await bounded("the page in view", 5, async () => {
      const y = await (await frontFrame()).$eval(`.preview-finding[data-page="${pageCount}"]`, (banner) => banner.getBoundingClientRect().top);
      return Math.abs(y) < 5 ? y : undefined;
    });
    assert.ok(Math.abs(top) < 5);
    // The vertical book's own error, on its own last page.
    await page.click("[data-layout=vertical]");
    await bounded("the vertical banner", 30, async () => {
      const frame = await frontFrame();
      if (!frame.url().includes("/book/vertical.html")) return undefined;
      const found = await banners(frame);
      return found.some((banner) => /book-vertical-print\.pdf/.test(banner.text)) ? true : undefined;
    });
  });
  assert.match(stderr, /上次构建.*显示在预览里/);
});

test("the preview marks the pages a report names, says when the manuscript changed since, and carries on with a report that cannot be read or none at all", async () => {
  const manuscript = await tempDir();
  await cp(fixture("preview-errors"), manuscript, { recursive: true });
  await rm(path.join(manuscript, "rejected-report.json"));
  const out = await tempDir();
  const rejected = path.join(out, ".rejected");
  await mkdir(rejected);
  const now = new Date(Date.now() + 1000).toISOString();
  const template = await readFile(fixture("preview-errors/rejected-report.json"), "utf8");
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  await writeFile(path.join(rejected, "build-report.json"), template.replaceAll("MANUSCRIPT", json(manuscript)).replaceAll("OUT", json(out)).replaceAll("STARTED", now).replaceAll("BUILT", now));

  await withPreview(manuscript, out, "horizontal", async (page, frontFrame) => {
    await page.waitForFunction("document.body.dataset.findings === 'shown'", { timeout: 10_000 });
    const shown = await bounded("the banners", 10, async () => {
      const found = await banners(await frontFrame());
      return found.length >= 2 ? found : undefined;
    });
    // The lost text, named on the screen PDF and on the PDF/X, is one entry on page 3, in Chinese first, with its line.
    const lost = shown.find((banner) => banner.page === 3)!;
    assert.ok(lost, JSON.stringify(shown));
    assert.equal(lost.above, 3);
    assert.equal(lost.flagged, "error");
    assert.match(lost.text, /第 3 页 · 上次构建（.*）在这一页发现 1 个问题/);
    assert.match(lost.text, /正文有字没印出：“深圳的发展活力得益于对人才”（chapters\/one\.md 第 21 行） —— book-horizontal-screen\.pdf 第 3 页、book-horizontal-print-pdfx\.pdf 第 3 页/);
    assert.match(lost.text, /Unexpected loss of 12 letter\(s\)/);
    const image = shown.find((banner) => banner.page === 4)!;
    assert.equal(image.flagged, "warning");
    assert.match(image.text, /图片 images\/map\.png 分辨率不足（150 ppi）/);
    const list = await page.$$eval("#findings li", (items) => items.map((item) => item.textContent!));
    assert.deepEqual(
      list.map((line) => line.replace(/：.*/, "")),
      ["第 3 页", "第 4 页", "不在某一页"],
      JSON.stringify(list),
    );
    assert.match(list[2]!, /PDF 里有不合格或未声明的字体/);
    assert.match(await page.$eval("#findings .others", (others) => others.textContent!), /另有 1 个问题在竖排本的页上/);
    assert.equal(await (await frontFrame()).$$eval(".pagedjs_page[data-finding]", (pages) => pages.length), 2, "only the pages named are framed");

    // The vertical layout: the text outside its text area, on its page 2.
    await page.click("[data-layout=vertical]");
    const vertical = await bounded("the vertical banner", 30, async () => {
      const frame = await frontFrame();
      if (!frame.url().includes("/book/vertical.html")) return undefined;
      const found = await banners(frame);
      return found.some((banner) => banner.page === 2) ? found : undefined;
    });
    assert.match(vertical.find((banner) => banner.page === 2)!.text, /有字跑到了版心之外（页边）：“都会” —— book-vertical-screen\.pdf 第 2 页/);

    // A chapter saved after the build: the findings may be stale, and say so.
    await appendFile(path.join(manuscript, "chapters", "one.md"), "\n构建之后补记的一句。\n");
    await page.waitForFunction("document.getElementById('findings').dataset.stale === 'true' && document.querySelector('#findings .notes').textContent.includes('chapters/one.md')", { timeout: 10_000 });
    assert.match(await page.$eval("#findings summary", (summary) => summary.textContent!), /（可能已过时）/);
    await bounded("the stale banner", 10, async () => ((await banners(await frontFrame())).some((banner) => /可能已过时/.test(banner.text)) ? true : undefined));

    // A report that cannot be read: said at the top, no marks, and the pages go on following edits.
    await writeFile(path.join(rejected, "build-report.json"), "{ \"failed\": true, \"errors\": [");
    await page.waitForFunction("document.querySelector('#findings summary').textContent.includes('读不出来')", { timeout: 10_000 });
    await bounded("the marks gone", 10, async () => ((await banners(await frontFrame())).length === 0 ? true : undefined));
    await appendFile(path.join(manuscript, "chapters", "one.md"), "\n报告坏了也照常预览。\n");
    await bounded("the edit on a page", 15, async () => ((await (await frontFrame()).$eval(".preview-parts", (parts) => parts.textContent!)).includes("报告坏了也照常预览") ? true : undefined));

    // A report of the wrong shape, then none at all: nothing shown, the pages as they are.
    await writeFile(path.join(rejected, "build-report.json"), JSON.stringify({ failed: true, errors: [{ place: 3 }, "x", null], warnings: "none" }));
    await page.waitForFunction("!document.querySelector('#findings summary').textContent.includes('读不出来')", { timeout: 10_000 });
    assert.deepEqual(await page.$$eval("#findings li", (items) => items.length), 0);
    await rm(rejected, { recursive: true });
    await page.waitForFunction("document.body.dataset.findings === 'none'", { timeout: 10_000 });
    assert.ok(await page.$eval("#findings", (panel) => (panel as HTMLElement).hidden));
    assert.ok((await (await frontFrame()).$$eval(".pagedjs_page", (pages) => pages.length)) >= 3);
  });
});
