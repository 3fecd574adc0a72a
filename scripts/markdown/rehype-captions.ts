import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { SKIP, visit } from "unist-util-visit";
import { pandocAttributes } from "./dialect-edits.ts";

/** A table's caption as Pandoc writes it, on its own paragraph right after (or before) the table: `: 说明 {#tbl-sales}` or `Table: 说明`. */
const tableCaption = /^(?::|Table:)\s+/;
const trailingId = /\s*\{#([^\s{}]+)\}\s*$/;

/**
 * Captions, as Pandoc and Quarto write them. An image standing alone in its paragraph is a figure
 * (`figure.image-figure`) with its description (the Markdown alt text) as the caption, and the id
 * given after it (`{#fig-arch}`) as the figure's. A paragraph `: 说明 {#tbl-sales}` next to a
 * table is its caption, set above it: the two make a `figure.table-figure` with that id (a
 * `<caption>` inside the table is lost when Paged.js splits a vertical table over pages). Inside a
 * `<figure>` written in HTML an image stays an image, the figure having its own caption. The
 * numbers (图 1-1) are the book's business (numbered-captions.ts).
 */
export default function rehypeCaptions() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "figure") return SKIP;
      if (node.tagName !== "p" || !parent || index === undefined) return undefined;
      const content = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
      const [image, attributes] = content;
      if (image?.type !== "element" || image.tagName !== "img" || content.length > 2) return undefined;
      // Pandoc's and Quarto's attributes after the image (`{#fig-arch width="60%"}`), which dialect-edits.ts keeps for a figure as the text they were.
      const written = attributes?.type === "text" ? attributes.value.trim() : "";
      if (attributes && pandocAttributes.exec(written)?.[0] !== written) return undefined;
      const properties: Element["properties"] = {};
      for (const [, id, name, value] of written.matchAll(/#([^\s{}]+)|([\w-]+)=("[^"]*"|'[^']*'|[^\s{}]+)/g)) {
        if (id) properties.id = id;
        else if (name === "width" || name === "height") image.properties[name] = value!.replace(/^["']|["']$/g, "");
      }
      const alt = String(image.properties.alt ?? "").trim();
      const caption: Element[] = alt ? [{ type: "element", tagName: "figcaption", properties: {}, children: [{ type: "text", value: alt }] }] : [];
      parent.children[index] = { type: "element", tagName: "figure", properties: { className: ["image-figure"], ...properties }, children: [image, ...caption], position: node.position };
      return undefined;
    });
    visit(tree, (node) => {
      if (node.type !== "root" && node.type !== "element") return;
      node.children.forEach((child, index) => {
        if (child.type !== "element" || child.tagName !== "table") return;
        const siblings = node.children;
        const at = [nextElement(siblings, index, 1), nextElement(siblings, index, -1)].find((place) => place !== undefined && captionText(siblings[place]) !== undefined);
        if (at === undefined) return;
        const paragraph = siblings[at] as Element;
        const { id, children } = captionText(paragraph)!;
        const caption: Element = { type: "element", tagName: "figcaption", properties: {}, children, position: paragraph.position };
        siblings[index] = { type: "element", tagName: "figure", properties: { className: ["table-figure"], ...(id ? { id } : {}) }, children: [caption, child], position: child.position };
        siblings.splice(at, 1);
      });
    });
  };
}

/** The index of the element next to `index` in direction `step`, past blank text. */
function nextElement(siblings: readonly RootContent[], index: number, step: 1 | -1): number | undefined {
  for (let at = index + step; at >= 0 && at < siblings.length; at += step) {
    const sibling = siblings[at]!;
    if (sibling.type === "element") return at;
    if (sibling.type !== "text" || sibling.value.trim() !== "") return undefined;
  }
  return undefined;
}

/** A caption paragraph's content without its `: ` and `{#id}`, and the id; none for any other element. */
function captionText(node: RootContent | undefined): { id?: string; children: ElementContent[] } | undefined {
  if (node?.type !== "element" || node.tagName !== "p") return undefined;
  const first = node.children[0];
  if (first?.type !== "text" || !tableCaption.test(first.value)) return undefined;
  const children = structuredClone(node.children);
  (children[0] as Text).value = first.value.replace(tableCaption, "");
  const end = children.at(-1);
  const id = end?.type === "text" ? trailingId.exec(end.value)?.[1] : undefined;
  if (id) (end as Text).value = (end as Text).value.replace(trailingId, "");
  return { id, children: children.filter((child) => !(child.type === "text" && child.value === "")) };
}
