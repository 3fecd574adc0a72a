import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "node:test";
import { buildBook, BuildInterrupted } from "../../scripts/build.ts";
import { fixture, runCli, sampleManuscript, snapshotFolder, tempDir } from "../helpers.ts";

const run = promisify(execFile);

async function children(pid: number): Promise<number[]> {
  const { stdout } = await run("ps", ["-o", "pid=", "--ppid", String(pid)]).catch(() => ({ stdout: "" }));
  const direct = stdout.split("\n").map((line) => Number(line.trim())).filter(Boolean);
  return [...direct, ...(await Promise.all(direct.map(children))).flat()];
}

/** Running, not a zombie waiting to be reaped. */
const isAlive = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return status !== "" && !/^State:\s+Z/m.test(status);
};

const survivors = async (pids: number[]) => {
  const alive = [];
  for (const pid of pids) if (await isAlive(pid)) alive.push(`${pid} ${await command(pid)}`);
  return alive;
};

const command = async (pid: number) => (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replace(/\0/g, " ");

/** An output folder with a previous build in it. */
async function previousOutput(): Promise<string> {
  const out = await tempDir();
  await writeFile(path.join(out, "book-horizontal-print.pdf"), "%PDF-1.7 previous build\n");
  return out;
}

/** Starts a build and, once Chromium runs, does `act` to it; returns the run and Chromium's processes. */
async function interruptBuild(act: (cli: number, chromium: number[]) => void) {
  const out = await previousOutput();
  const before = await snapshotFolder(out);
  let chromium: number[] = [];
  const started = Date.now();
  const result = await runCli(["--manuscript", sampleManuscript, "--out", out], {
    onSpawn: (pid) => {
      // A look through /proc can outlast the interval, so several looks may find Chromium: only the first acts.
      let found = false;
      const poll = setInterval(async () => {
        const browsers: number[] = [];
        for (const child of await children(pid)) if ((await command(child)).includes("chromium")) browsers.push(child);
        if (browsers.length > 0 && !found) {
          found = true;
          clearInterval(poll);
          chromium = browsers;
          setTimeout(() => act(pid, browsers), 1500);
        }
      }, 100);
    },
  });
  return { result, chromium, out, before, seconds: (Date.now() - started) / 1000 };
}

test("Chromium killed mid-build: a clear error, no browser left behind, the output folder as it was", async () => {
  const { result, chromium, out, before, seconds } = await interruptBuild((_, browsers) => process.kill(browsers[0]!, "SIGKILL"));
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /Unexpected end of Chromium while/);
  assert.ok(chromium.length > 0 && seconds < 60, `${seconds} s`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(await survivors(chromium), []);
  assert.deepEqual(await snapshotFolder(out), before);
});

test("Ctrl-C (SIGINT) mid-build: stops, no browser left behind, the output folder as it was", async () => {
  const { result, chromium, out, before } = await interruptBuild((cli) => process.kill(cli, "SIGINT"));
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /Build interrupted; the output folder was left as it was/);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(await survivors(chromium), []);
  assert.deepEqual(await snapshotFolder(out), before);
});

test("interrupted as any stage from proofreading on starts: the build stops cleanly, with no failure left unhandled, and the output folder as it was", async () => {
  // Both layouts, the cover and the EPUBs run at once from here; an interruption between two stages once left a layout's failure unheard, and Node ended the build with it.
  const stages = ["proofread", "subset fonts", "draw cover", "pdf horizontal", "pdf vertical", "epub"];
  const unhandled: unknown[] = [];
  const hear = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", hear);
  try {
    for (const stopAt of stages) {
      const out = await previousOutput();
      const before = await snapshotFolder(out);
      const controller = new AbortController();
      const started: string[] = [];
      const onStage = (stage: string, finishedAfterMs?: number) => {
        if (finishedAfterMs !== undefined) return;
        started.push(stage);
        if (stage === stopAt) controller.abort();
      };
      const outcome = await buildBook({ manuscriptDir: sampleManuscript, outDir: out, signal: controller.signal, onStage }).then(
        () => "finished",
        (cause: unknown) => cause,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(started.includes(stopAt), `${stopAt} never started: ${started.join(", ")}`);
      assert.ok(outcome instanceof BuildInterrupted, `${stopAt}: ${String(outcome)}`);
      assert.deepEqual(unhandled, [], stopAt);
      assert.deepEqual(await snapshotFolder(out), before, stopAt);
    }
  } finally {
    process.off("unhandledRejection", hear);
  }
});

test("Chromium missing: says what to install", async () => {
  const out = await previousOutput();
  const before = await snapshotFolder(out);
  const result = await runCli(["--manuscript", sampleManuscript, "--out", out], { env: { PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chromium" } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Unexpected missing browser at `\/nonexistent\/chromium`, expected Chromium: run `sudo apt-get install chromium`/);
  assert.deepEqual(await snapshotFolder(out), before);
});

test("a second build into the same folder refuses while the first runs", async () => {
  const out = await previousOutput();
  await writeFile(path.join(out, ".build.lock"), String(process.pid));
  const result = await runCli(["--manuscript", sampleManuscript, "--out", out]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`Unexpected second build writing to .*\\(process ${process.pid} is building there\\)`));
  assert.equal(await readFile(path.join(out, ".build.lock"), "utf8"), String(process.pid));
});

test("an output folder that cannot be written is a clear error", async () => {
  const file = path.join(await tempDir(), "a-file");
  await writeFile(file, "");
  const result = await runCli(["--manuscript", sampleManuscript, "--out", path.join(file, "dist")]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Unexpected failure to write the outputs to .* \(part of the path is a file, not a folder, ENOTDIR\)/);
});

test("scripts, frames, event handlers, remote images and stylesheets: warnings, and no request leaves the build", async () => {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.end("body { color: red }");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const manuscript = await tempDir();
    await cp(fixture("unsafe-html"), manuscript, { recursive: true });
    const chapter = path.join(manuscript, "chapters", "one.md");
    await writeFile(chapter, (await readFile(chapter, "utf8")).replaceAll("127.0.0.1:9", `127.0.0.1:${port}`));
    const out = await tempDir();
    // Every warning, not a summary of each rule's first three.
    const result = await runCli(["--manuscript", manuscript, "--out", out, "--verbose"]);
    assert.equal(result.code, 0, result.stderr);
    for (const warning of [/3:6-3:\d+\s+warning\s+Unexpected `<script>`/, /5:1-5:\d+\s+warning\s+Unexpected event attribute `onclick`/, /warning\s+Unexpected `javascript:` link/, /7:1-7:\d+\s+warning\s+Unexpected `<iframe>`/, /9:1-9:\d+\s+warning\s+Unexpected `<link>`/, /11:1-11:\d+\s+warning\s+Unexpected remote or empty image/, /13:1-13:\d+\s+warning\s+Unexpected remote or empty image/]) {
      assert.match(result.stderr, warning);
    }
    assert.deepEqual(requests, []);
    const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", path.join(out, "book-horizontal-screen.pdf"), "-"]);
    assert.match(text, /最后一段/);
    assert.match(text, /远程图片/);
    assert.doesNotMatch(text, /被注入|alert/);
  } finally {
    server.close();
  }
});
