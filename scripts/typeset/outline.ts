/** A chapter-level heading and the named destination Chromium wrote for it, for the PDF's bookmarks. */
export interface OutlineEntry {
  title: string;
  destination: string;
}
