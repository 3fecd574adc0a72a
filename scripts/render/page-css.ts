import type { PageSize } from "../book/schema.ts";

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Page geometry in proportion to the trim size (for A5: 18 mm head, 20 mm foot, 19 mm spine side,
 * 15 mm fore-edge), and a body size that grows a little with the page.
 */
export function pageGeometry(page: PageSize) {
  return {
    top: round(page.heightMm * 0.086),
    bottom: round(page.heightMm * 0.095),
    inner: round(page.widthMm * 0.13),
    outer: round(page.widthMm * 0.1),
    bodySizePt: page.widthMm < 160 ? 10.5 : page.widthMm < 200 ? 11 : 12,
  };
}

/** `@page` size and margins. `recto` is the side Paged.js calls the book's right-hand pages. */
export function pageCss(page: PageSize, recto: "left" | "right"): string {
  const margin = pageGeometry(page);
  const verso = recto === "right" ? "left" : "right";
  return [
    `:root { --body-size: ${margin.bodySizePt}pt; }`,
    `@page { size: ${page.widthMm}mm ${page.heightMm}mm; margin: ${margin.top}mm ${margin.outer}mm ${margin.bottom}mm ${margin.inner}mm; }`,
    // The spine side of a recto faces the book's binding.
    `@page :${recto} { margin-${recto === "right" ? "left" : "right"}: ${margin.inner}mm; margin-${recto}: ${margin.outer}mm; }`,
    `@page :${verso} { margin-${verso}: ${margin.outer}mm; margin-${verso === "left" ? "right" : "left"}: ${margin.inner}mm; }`,
  ].join("\n");
}
