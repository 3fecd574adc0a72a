import assert from "node:assert/strict";
import { test } from "node:test";
import { createProgress, formatProgressLine, layoutSecondsLeft, progressMode, type ProgressState } from "../../scripts/report/progress.ts";

test("progress is a redrawn line on a terminal, lines in a log, nothing in CI or with --quiet", () => {
  assert.equal(progressMode({ quiet: false, ci: false, isTTY: true }), "terminal");
  assert.equal(progressMode({ quiet: false, ci: false, isTTY: false }), "lines");
  assert.equal(progressMode({ quiet: true, ci: false, isTTY: true }), "quiet");
  assert.equal(progressMode({ quiet: false, ci: true, isTTY: true }), "quiet");
});

test("time left: each layout's rest at its own rate so far, and a layout not yet begun as long as the others take", () => {
  const state: ProgressState = {
    stages: ["pdf horizontal", "pdf vertical", "epub"],
    startedAtMs: 0,
    expectedLayouts: 2,
    // 10 % → 30 % in 10 s (50 s a book): 35 s for the remaining 70 %.
    layouts: { horizontal: { pages: 120, fraction: 0.3, firstSeenMs: 5_000, firstFraction: 0.1 } },
  };
  assert.equal(layoutSecondsLeft(state, 15_000), 35 + 50);
  // The first layout done in 50 s, the second at 50 % after 10 s (20 s a book): 10 s left.
  const later: ProgressState = {
    ...state,
    layouts: { horizontal: { pages: 400, fraction: 1, firstSeenMs: 5_000, firstFraction: 0 }, vertical: { pages: 200, fraction: 0.5, firstSeenMs: 55_000, firstFraction: 0 } },
  };
  assert.equal(layoutSecondsLeft(later, 65_000), 10);
  assert.equal(formatProgressLine(later, 65_000), "… pdf horizontal、pdf vertical、epub · horizontal 400 页 100% · vertical 200 页 50% · 排版约剩 10 s · 已用 65 s");
  const done = { pages: 400, fraction: 1, firstSeenMs: 0, firstFraction: 0 };
  assert.equal(layoutSecondsLeft({ ...state, layouts: { horizontal: done, vertical: done } }, 90_000), undefined, "nothing left to lay out");
  // Too early to tell: no estimate rather than a wild one.
  assert.equal(layoutSecondsLeft({ ...state, layouts: { horizontal: { pages: 3, fraction: 0.01, firstSeenMs: 0, firstFraction: 0 } } }, 1_000), undefined);
});

test("a terminal gets one line redrawn in place, a log gets a line per stage and per hundred pages, CI gets nothing", () => {
  const run = (mode: "terminal" | "lines" | "quiet") => {
    const written: string[] = [];
    let clock = 0;
    const progress = createProgress(mode, 1, (text) => written.push(text), () => clock);
    progress.stage("parse");
    clock += 300;
    progress.stageDone("parse", 300);
    progress.stage("pdf horizontal");
    for (let pages = 1; pages <= 250; pages++) {
      clock += 50;
      progress.layout("horizontal", { pages, fraction: pages / 500 });
    }
    progress.finish();
    return written;
  };
  const terminal = run("terminal");
  assert.ok(terminal.every((text) => text.startsWith("\r\x1b[K")) && !terminal.some((text) => text.includes("\n")));
  // Redrawn at most every 200 ms: 250 reports 50 ms apart give about 63 lines, not 250.
  assert.ok(terminal.length > 50 && terminal.length < 70, String(terminal.length));
  assert.match(terminal.at(-2)!, /^\r\x1b\[K… pdf horizontal · horizontal 24\d 页 49% · 排版约剩 1[23] s · 已用 1[23] s$/);
  assert.deepEqual(run("lines"), ["… parse\n", "✓ parse 0.3 s\n", "… pdf horizontal\n", "… horizontal: 100 页 pages\n", "… horizontal: 200 页 pages\n"]);
  assert.deepEqual(run("quiet"), []);
});
