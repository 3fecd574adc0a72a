/** A part, chapter or section title and the named destination Chromium wrote for it, for the PDF's bookmarks. */
export interface OutlineEntry {
  title: string;
  destination: string;
  /** 1 for the title page, parts and chapters outside parts; one more for each step in (render/book-sections.ts outlineLevel). */
  level: number;
}

/** A bookmark with the ones nested under it. */
export interface OutlineNode {
  entry: OutlineEntry;
  children: OutlineNode[];
}

/** The entries, in reading order, as the tree their levels make: each under the nearest earlier entry of a lower level. */
export function outlineTree(entries: readonly OutlineEntry[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  for (const entry of entries) {
    const node = { entry, children: [] };
    while (open.length > 0 && open.at(-1)!.entry.level >= entry.level) open.pop();
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}
