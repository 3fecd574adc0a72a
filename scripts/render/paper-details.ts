import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/** What a <details> and its <summary> are printed as (styles/notes-boxes.css). */
export const paperDetailsClass = "details-box";
export const paperSummaryClass = "details-summary";

const classesOf = (element: Element) => (Array.isArray(element.properties.className) ? element.properties.className.map(String) : []);

/**
 * Paper does not fold: every <details> of a PDF is a box printed open, its <summary> a small
 * heading. Left as <details>, a box that Paged.js split over two pages went on in a <details>
 * without its <summary>, where Chromium put its own “Details”, a word the manuscript does not
 * have, and shifted what followed. Changes `tree` (a copy made for the PDF) and returns it.
 */
export function unfoldDetails(tree: Root): Root {
  visit(tree, "element", (details: Element) => {
    if (details.tagName !== "details") return;
    const { open: _open, ...properties } = details.properties;
    details.tagName = "div";
    details.properties = { ...properties, className: [...classesOf(details), paperDetailsClass] };
    for (const child of details.children) {
      if (child.type !== "element" || child.tagName !== "summary") continue;
      child.tagName = "p";
      child.properties = { ...child.properties, className: [...classesOf(child), paperSummaryClass] };
    }
  });
  return tree;
}
