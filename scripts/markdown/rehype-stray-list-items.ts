import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

const lists = new Set(["ul", "ol", "menu"]);
const isItem = (node: ElementContent | undefined): node is Element => node?.type === "element" && node.tagName === "li";
const isBlank = (node: ElementContent | undefined) => node?.type === "text" && !node.value.trim();

/**
 * An `<li>` written in HTML outside any list (VitePress's live demos put `<li v-for>` straight in a
 * `<div>`) is not valid XHTML, and EPUBCheck fails the EPUB over it. A browser shows it as a list
 * item all the same; here each run of such items (with only white space between) is put in a `<ul>`,
 * so both EPUBs are valid and the PDFs print what the site shows.
 */
export default function rehypeStrayListItems() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== "element" && node.type !== "root") return;
      if (node.type === "element" && lists.has(node.tagName)) return;
      const children = node.children as ElementContent[];
      if (!children.some(isItem)) return;
      const result: ElementContent[] = [];
      for (let index = 0; index < children.length; index++) {
        const child = children[index]!;
        if (!isItem(child)) {
          result.push(child);
          continue;
        }
        const list: Element = { type: "element", tagName: "ul", properties: {}, children: [child], position: child.position };
        // Take the items that follow, and the white space between them.
        while (true) {
          let next = index + 1;
          while (isBlank(children[next])) next++;
          if (!isItem(children[next])) break;
          list.children.push(...children.slice(index + 1, next + 1));
          index = next;
        }
        result.push(list);
      }
      node.children = result as never;
    });
  };
}
