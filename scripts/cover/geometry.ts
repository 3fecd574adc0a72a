import type { Direction } from "../outputs.ts";

/** Below this the spine is too narrow to print on (a print shop's usual limit): it stays blank. */
export const minimumLetteredSpineMm = 5;

/** A part of the cover's outside, from left to right on the flat spread. */
export type PanelName = "front" | "spine" | "back" | "front-flap" | "back-flap";

export interface Panel {
  name: PanelName;
  /** Left edge from the spread's left trim edge, and width, in millimetres. */
  xMm: number;
  widthMm: number;
}

export interface CoverGeometry {
  /** The trimmed spread: flaps, covers and spine side by side, and the book's height. */
  trimMm: [number, number];
  bleedMm: number;
  spineMm: number;
  /** Left to right as the shop prints them. */
  panels: Panel[];
  /** Where the spread is folded (the spine's edges, the flaps' folds), from the left trim edge. */
  foldsMm: number[];
}

/** 书脊 = pages ÷ 2 × the thickness of a leaf (publishing-norms §2); the pages are the print edition's, blank pages included. */
export const spineWidthMm = (printPages: number, leafThicknessMm: number) => (printPages / 2) * leafThicknessMm;

/**
 * The cover spread of a book of `pageMm` trim with `printPages` pages: back cover, spine, front
 * cover, and the flaps (勒口) outside them when there are any. A book bound on the left (横排) shows
 * its back cover on the spread's left; one bound on the right (竖排, 右翻) is mirrored, its front
 * cover on the left.
 */
export function coverGeometry(options: { pageMm: [number, number]; printPages: number; leafThicknessMm: number; flapsMm?: number; bleedMm: number; direction: Direction }): CoverGeometry {
  const [width, height] = options.pageMm;
  const spineMm = spineWidthMm(options.printPages, options.leafThicknessMm);
  const flap = options.flapsMm ?? 0;
  const leftToRight: Array<[PanelName, number]> = [
    ["back-flap", flap],
    ["back", width],
    ["spine", spineMm],
    ["front", width],
    ["front-flap", flap],
  ];
  const order = options.direction === "ltr" ? leftToRight : [...leftToRight].reverse();
  const panels: Panel[] = [];
  let x = 0;
  for (const [name, widthMm] of order) {
    if (widthMm === 0 && name !== "spine") continue;
    panels.push({ name, xMm: x, widthMm });
    x += widthMm;
  }
  return { trimMm: [x, height], bleedMm: options.bleedMm, spineMm, panels, foldsMm: panels.slice(1).map((panel) => panel.xMm) };
}

export const panelOf = (geometry: CoverGeometry, name: PanelName) => geometry.panels.find((panel) => panel.name === name);
