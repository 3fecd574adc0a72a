import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import type { BookConfig } from "../book/schema.ts";
import { normalizeCjkPunctuation as cjk } from "../markdown/rehype-cjk-punctuation.ts";
import { escapeHtml } from "../render/book-html.ts";
import { bookWording } from "../render/wording.ts";
import type { Barcode } from "./barcode.ts";
import { minimumLetteredSpineMm, type CoverGeometry, type Panel } from "./geometry.ts";

/** The typographic design's bands are this share of the front's width high (the EPUB cover's 90 px of 1600). */
const bandShare = 0.056;

export interface CoverDesign {
  config: BookConfig;
  /** The front cover's picture (a file: URL), set at full bleed; without it the front is typographic. */
  pictureUrl?: string;
  /** The template (templates/cover.html) and the @font-face rules with the font stacks. */
  template: string;
  fontsCss: string;
}

const raw = (value: string) => ({ type: "raw", value }) as unknown as ElementContent;

function frontFace(design: CoverDesign): ElementContent[] {
  if (design.pictureUrl) return [];
  const { config } = design;
  return [
    h("h1", cjk(config.title)),
    config.subtitle ? h("p.subtitle", cjk(config.subtitle)) : null,
    h("div.rule"),
    h("p.authors", config.authors.join(" ")),
    h("p.publisher", config.publisher),
  ].filter((node): node is Element => node !== null);
}

/** Space the spine keeps free at its head and foot, and between the authors and the publisher (mm). */
const spineMarginMm = 12;
const spineGapMm = 8;

/**
 * The spine's title in one column, as large as the spine's width allows (55 %, at most 7 mm) and
 * small enough that title, authors (at 0.65 of its size) and publisher fit its height.
 */
function spineFace(config: BookConfig, spineMm: number, heightMm: number): ElementContent[] {
  const title = cjk(config.title);
  const authors = config.authors.join("　");
  const length = (text: string) => [...text].length;
  const fit = (heightMm - 2 * spineMarginMm - spineGapMm) / (length(title) + 0.65 * (length(authors) + length(config.publisher)));
  const titleMm = Math.min(0.55 * spineMm, 7, fit);
  return [
    h("h2", { style: `--spine-title: ${titleMm.toFixed(2)}mm` }, title),
    h("p.authors", { style: `--spine-meta: ${(titleMm * 0.65).toFixed(2)}mm` }, authors),
    h("p.publisher", { style: `--spine-meta: ${(titleMm * 0.65).toFixed(2)}mm` }, config.publisher),
  ];
}

/** The price under the barcode, in the book's language. */
export const priceLine = (config: BookConfig): string | undefined => (config.price ? bookWording(config.language)(`定价：${config.price}元`) : undefined);

function backFace(config: BookConfig, barcode: Barcode | undefined): ElementContent[] {
  const blurb = config.cover?.back?.split(/\n\s*\n/).map((paragraph) => h("p", cjk(paragraph.trim())));
  const price = priceLine(config);
  return [
    blurb ? h("div.blurb", blurb) : null,
    config.isbn && barcode ? h("div.isbn-block", [h("div.isbn", `ISBN ${config.isbn.written}`), raw(barcode.svg), price ? h("div.price", price) : null]) : null,
  ].filter((node): node is Element => node !== null);
}

function fill(template: string, config: BookConfig, sheet: string, body: Element, fontsCss: string): string {
  const fields: Record<string, string> = { language: escapeHtml(config.language), title: escapeHtml(config.title), sheet, fonts: fontsCss, body: toHtml(body, { allowDangerousHtml: true }) };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => fields[name] ?? "");
}

const bands = (design: CoverDesign) => (design.pictureUrl ? [] : [h("div.band.top"), h("div.band.bottom")]);

/** The front cover alone, `widthPx` × `heightPx`, as the EPUB's cover image. */
export function frontCoverHtml(design: CoverDesign, widthPx: number, heightPx: number): string {
  const sheet = `.sheet { width: ${widthPx}px; height: ${heightPx}px; --bleed: 0px; --band: ${Math.round(widthPx * bandShare)}px; }`;
  const front = h("section.panel.front", { style: "left: 0; width: 100%" }, [
    design.pictureUrl ? h("img.picture", { src: design.pictureUrl, alt: "" }) : null,
    h("div.face", { style: "inset: 0" }, [h("div.layout", frontFace(design))]),
  ]);
  return fill(design.template, design.config, sheet, h("div.sheet", [front, ...bands(design)]), design.fontsCss);
}

/**
 * The print spread (back, spine and front, and the flaps) as one page of the trimmed spread plus
 * the bleed on every side: a panel at either end of the spread runs into the bleed, each face
 * inside stays the trimmed panel's size. A spine narrower than `minimumLetteredSpineMm` stays blank.
 */
export function coverSpreadHtml(design: CoverDesign, geometry: CoverGeometry, barcode: Barcode | undefined): string {
  const { config } = design;
  const bleed = geometry.bleedMm;
  const [width, height] = geometry.trimMm;
  const pageWidthMm = config.page.widthMm;
  const sheet = [
    `@page { size: ${width + 2 * bleed}mm ${height + 2 * bleed}mm; margin: 0; }`,
    `.sheet { width: ${width + 2 * bleed}mm; height: ${height + 2 * bleed}mm; --bleed: ${bleed}mm; --band: ${(pageWidthMm * bandShare).toFixed(2)}mm; }`,
  ].join("\n");
  const last = geometry.panels.length - 1;
  const panel = (part: Panel, index: number) => {
    const [before, after] = [index === 0 ? bleed : 0, index === last ? bleed : 0];
    const style = `left: ${bleed + part.xMm - before}mm; width: ${part.widthMm + before + after}mm`;
    const face = (children: ElementContent[]) => h("div.face", { style: `left: ${before}mm; top: ${bleed}mm; width: ${part.widthMm}mm; height: ${height}mm` }, [h("div.layout", children)]);
    switch (part.name) {
      case "front":
        return h("section.panel.front", { style }, [design.pictureUrl ? h("img.picture", { src: design.pictureUrl, alt: "" }) : null, face(frontFace(design))]);
      case "spine":
        return h("section.panel.spine", { style }, [face(part.widthMm >= minimumLetteredSpineMm ? spineFace(config, part.widthMm, height) : [])]);
      case "back":
        return h("section.panel.back", { style }, [face(backFace(config, barcode))]);
      default:
        return h(`section.panel.${part.name}`, { style }, [face([])]);
    }
  };
  return fill(design.template, config, sheet, h("div.sheet", [...geometry.panels.map(panel), ...bands(design)]), design.fontsCss);
}
