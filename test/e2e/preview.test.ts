import assert from "node:assert/strict";
import { appendFile, cp, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "puppeteer-core";
import { closeBrowser, launchBrowser } from "../../scripts/typeset/browser.ts";
import { bounded, runCli, sampleManuscript, tempDir } from "../helpers.ts";

/** A request sent exactly as written, without the dot segments a URL parser would remove. */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      })
      .on("error", reject);
  });
}


test("npm run preview shows the book's Paged.js pages in Chromium, follows an edit, shows a manuscript error until it is mended, serves nothing outside, and stops on Ctrl-C", async () => {
  const manuscript = await tempDir();
  await cp(sampleManuscript, manuscript, { recursive: true });
  let pid = 0;
  let url: string | undefined;
  let stderr = "";
  const server = runCli(["--manuscript", manuscript, "--port", "0"], {
    script: "scripts/preview/cli.ts",
    onSpawn: (spawned) => (pid = spawned),
    onStdout: (stdout) => (url ??= /^http:\/\/127\.0\.0\.1:\d+\/$/m.exec(stdout)?.[0]),
    onStderr: (text) => (stderr = text),
  });
  const browser = await launchBrowser({ allowedPaths: [] });
  try {
    const address = await bounded("the server's address on stdout", 60, async () => url);
    // The build types only the few puppeteer calls it makes; this test drives the page as a reader does.
    const page = (await browser.chromium.newPage()) as unknown as Page;
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    const frontFrame = async () => (await (await page.$("iframe.pages.front"))!.contentFrame())!;
    const pagesText = async () => (await frontFrame()).$$eval(".preview-part:not(.preview-laying-out)", (parts) => parts.map((part) => part.textContent).join(""));
    await page.goto(address);
    await page.waitForFunction("document.body.dataset.version", { timeout: 60_000 });
    const front = await frontFrame();
    assert.match(front.url(), /\/book\/horizontal\.html/);
    const pageCount = await front.$$eval(".pagedjs_page", (pages) => pages.length);
    assert.ok(pageCount >= 8, `Paged.js pages: ${pageCount}`);
    assert.match(await pagesText(), /深圳/);
    const contents = await page.$$eval("#contents a", (links) => links.map((link) => link.textContent));
    assert.equal(contents.length, 3, "one contents entry per chapter");
    assert.ok(requests.every((request) => request.startsWith(address)), `every request stays on the server: ${requests.filter((request) => !request.startsWith(address))}`);

    // An edit to a chapter is on the page within a bound; the reader is taken to the edited chapter.
    const chapter = path.join(manuscript, "chapters", "03-smart-community.md");
    const saved = Date.now();
    await appendFile(chapter, "\n预览测试补记：这一句是刚刚加上的。\n");
    await bounded("the added sentence on a page", 10, async () => ((await pagesText()).includes("预览测试补记") ? true : undefined));
    const followedInMs = Date.now() - saved;
    assert.equal(await (await frontFrame()).evaluate("window.previewBook.position().chapter"), "chapter-3", "the reader is at the edited chapter");
    process.stderr.write(`preview followed the edit in ${followedInMs} ms\n`);
    const savedAgain = Date.now();
    await appendFile(chapter, "\n第二次补记。\n");
    await bounded("the second sentence on a page", 10, async () => ((await pagesText()).includes("第二次补记") ? true : undefined));
    process.stderr.write(`preview followed the second edit in ${Date.now() - savedAgain} ms\n`);

    // A broken book.yaml: the overlay names the place, as the build does; mended, it goes.
    const bookYaml = path.join(manuscript, "book.yaml");
    const good = await readFile(bookYaml, "utf8");
    await writeFile(bookYaml, `${good}\npageNumbers: roman\n`);
    await page.waitForFunction("document.body.dataset.problems === 'shown'", { timeout: 10_000 });
    assert.match(await page.$eval("#problems pre", (pre) => pre.textContent!), /^book\.yaml:\d+:\d+: `pageNumbers`: Invalid option/m);
    assert.ok(await page.$eval("#problems", (overlay) => !(overlay as HTMLElement).hidden));
    await writeFile(bookYaml, good);
    await page.waitForFunction("document.body.dataset.problems === 'none'", { timeout: 10_000 });
    assert.ok(await page.$eval("#problems", (overlay) => (overlay as HTMLElement).hidden));

    // The layout switch lays the vertical book out.
    await page.click("[data-layout=vertical]");
    await bounded("the vertical pages", 30, async () => ((await frontFrame()).url().includes("/book/vertical.html") ? true : undefined));
    assert.equal(await (await frontFrame()).evaluate("getComputedStyle(document.querySelector('.pagedjs_page_content > div')).writingMode"), "vertical-rl");

    for (const traversal of ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/manuscript/../../../etc/passwd", "/manuscript/..%2f..%2f..%2f..%2fetc%2fpasswd", "/manuscript/%252e%252e/%252e%252e/etc/passwd", "/fonts/../../../../etc/passwd"]) {
      const response = await rawGet(address, traversal);
      assert.ok([403, 404].includes(response.status), `${traversal}: ${response.status}`);
      assert.doesNotMatch(response.body, /root:/, traversal);
    }
    assert.equal((await rawGet(address, "/manuscript/book.yaml")).status, 200, "the manuscript's own files are served");
  } finally {
    await closeBrowser(browser);
    if (pid) process.kill(pid, "SIGINT");
  }
  const stopped = await server;
  assert.equal(stopped.code, 0, stderr);
  assert.match(stderr, /Stopping the preview/);
});
