import type { Layout } from "../outputs.ts";
import type { LayoutProgress } from "../typeset/typeset.ts";

/**
 * `terminal`: one line redrawn in place (stage, pages laid out, time left); `lines`: a line per
 * stage and per hundred pages, for logs; `quiet` (--quiet, CI=true): nothing but results and errors.
 */
export type ProgressMode = "terminal" | "lines" | "quiet";

export function progressMode(options: { quiet: boolean; ci: boolean; isTTY: boolean }): ProgressMode {
  if (options.quiet || options.ci) return "quiet";
  return options.isTTY ? "terminal" : "lines";
}

export interface ProgressState {
  /** The stages under way (the two layouts and the EPUBs run side by side). */
  stages: string[];
  startedAtMs: number;
  /** Each layout's latest progress, and when and where it was first heard of (to measure its rate). */
  layouts: Partial<Record<Layout, LayoutProgress & { firstSeenMs: number; firstFraction: number }>>;
  /** How many layouts the build sets in all. */
  expectedLayouts: number;
}

/** Share of the text after which the rate is steady enough to estimate the time left. */
const estimateAfter = 0.05;

/**
 * Seconds until every layout is laid out: the layouts are set one after the other, so each one's
 * rest at its own rate so far, plus, for those not yet begun, as long as the others take.
 */
export function layoutSecondsLeft(state: ProgressState, nowMs: number): number | undefined {
  const seen = Object.values(state.layouts);
  const secondsPerBook = seen.map((layout) => {
    const done = layout.fraction - layout.firstFraction;
    return layout.fraction >= estimateAfter && done > 0 ? (nowMs - layout.firstSeenMs) / 1000 / done : undefined;
  });
  const rates = secondsPerBook.filter((rate): rate is number => rate !== undefined);
  if (rates.length === 0 || seen.some((layout, index) => layout.fraction < 1 && secondsPerBook[index] === undefined)) return undefined;
  const unseen = Math.max(0, state.expectedLayouts - seen.length);
  if (unseen === 0 && seen.every((layout) => layout.fraction >= 1)) return undefined;
  const averageRate = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  return seen.reduce((sum, layout, index) => sum + (1 - layout.fraction) * (secondsPerBook[index] ?? 0), 0) + unseen * averageRate;
}

export function formatProgressLine(state: ProgressState, nowMs: number): string {
  const parts = state.stages.length > 0 ? [`… ${state.stages.join("、")}`] : [];
  for (const [layout, progress] of Object.entries(state.layouts)) {
    parts.push(`${layout} ${progress.pages} 页 ${Math.floor(progress.fraction * 100)}%`);
  }
  const left = layoutSecondsLeft(state, nowMs);
  if (left !== undefined) parts.push(`排版约剩 ${Math.ceil(left)} s`);
  parts.push(`已用 ${Math.round((nowMs - state.startedAtMs) / 1000)} s`);
  return parts.join(" · ");
}

export interface Progress {
  stage(name: string): void;
  stageDone(name: string, durationMs: number): void;
  layout(layout: Layout, progress: LayoutProgress): void;
  /** Clears the terminal line before results are printed. */
  finish(): void;
}

const redrawIntervalMs = 200;
const linesEveryPages = 100;

export function createProgress(mode: ProgressMode, expectedLayouts: number, write: (text: string) => void, now = () => performance.now()): Progress {
  const state: ProgressState = { stages: [], startedAtMs: now(), layouts: {}, expectedLayouts };
  let drawnAtMs = -Infinity;
  const redraw = (force: boolean) => {
    if (mode !== "terminal" || (!force && now() - drawnAtMs < redrawIntervalMs)) return;
    drawnAtMs = now();
    write(`\r\x1b[K${formatProgressLine(state, drawnAtMs)}`);
  };
  return {
    stage(name) {
      state.stages.push(name);
      if (mode === "lines") write(`… ${name}\n`);
      redraw(true);
    },
    stageDone(name, durationMs) {
      state.stages = state.stages.filter((stage) => stage !== name);
      if (mode === "lines") write(`✓ ${name} ${(durationMs / 1000).toFixed(1)} s\n`);
      redraw(true);
    },
    layout(layout, progress) {
      const previous = state.layouts[layout];
      state.layouts[layout] = { ...progress, firstSeenMs: previous?.firstSeenMs ?? now(), firstFraction: previous?.firstFraction ?? progress.fraction };
      const milestone = Math.floor(progress.pages / linesEveryPages);
      if (mode === "lines" && milestone > Math.floor((previous?.pages ?? 0) / linesEveryPages)) write(`… ${layout}: ${milestone * linesEveryPages} 页 pages\n`);
      redraw(false);
    },
    finish() {
      if (mode === "terminal") write("\r\x1b[K");
    },
  };
}
