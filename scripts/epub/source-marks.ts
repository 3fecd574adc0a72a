import type { Element } from "hast";
import { visit } from "unist-util-visit";

/**
 * EPUBCheck reports a problem at a line of `OEBPS/chapter-003.xhtml`, which tells an editor
 * nothing. Each element that came from the manuscript carries its source place into the XHTML
 * (`data-source="chapter:line:column"`), which the archive stage takes out again, remembering where
 * each one stood; a finding is then reported at the manuscript place nearest before it.
 */
export const sourceAttribute = "data-source";

/** Where an element of an XHTML file came from. */
export interface SourceMark {
  /** Line and column (1-based) of the element's start in the XHTML as written. */
  line: number;
  column: number;
  chapter: number;
  sourceLine: number;
  sourceColumn: number;
}

/** The chapter's section with every element from the manuscript marked with its source place. */
export function markSources(section: Element, chapter: number): Element {
  visit(section, "element", (node: Element) => {
    const start = node.position?.start;
    if (start) node.properties.dataSource = `${chapter}:${start.line}:${start.column}`;
  });
  return section;
}

const markPattern = new RegExp(` ${sourceAttribute}="(\\d+):(\\d+):(\\d+)"`, "g");

/** The XHTML without its source marks, and where each mark stood. */
export function takeSourceMarks(xhtml: string): { text: string; marks: SourceMark[] } {
  const marks: SourceMark[] = [];
  const lines = xhtml.split("\n").map((line, index) => {
    let removed = 0;
    return line.replace(markPattern, (mark, chapter: string, sourceLine: string, sourceColumn: string, offset: number) => {
      // The element starts at its `<`, before the mark, at the column it has once earlier marks are gone.
      const elementStart = line.lastIndexOf("<", offset);
      marks.push({ line: index + 1, column: elementStart - removed + 1, chapter: Number(chapter), sourceLine: Number(sourceLine), sourceColumn: Number(sourceColumn) });
      removed += mark.length;
      return "";
    });
  });
  return { text: lines.join("\n"), marks };
}

/** The mark of the element a finding at (line, column) is in or just after. */
export function sourceAt(marks: readonly SourceMark[], line: number, column: number): SourceMark | undefined {
  let found: SourceMark | undefined;
  for (const mark of marks) {
    if (mark.line > line || (mark.line === line && mark.column > column)) break;
    found = mark;
  }
  return found;
}
