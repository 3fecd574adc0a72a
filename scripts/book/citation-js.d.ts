// citation-js ships no types; these are the parts the pipeline uses.
declare module "@citation-js/core" {
  /** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
  export interface CslItem {
    id: string;
    type: string;
    title?: string;
    language?: string;
    author?: Array<{ family?: string; given?: string; literal?: string }>;
    [field: string]: unknown;
  }
  interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    "author-only"?: boolean;
    "suppress-author"?: boolean;
  }
  /** citeproc-js's engine, as plugin-csl builds it. */
  export interface CslEngine {
    updateItems(ids: string[]): void;
    makeCitationCluster(items: CitationItem[]): string;
    makeBibliography(): [{ entry_ids: string[][] }, string[]];
  }
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
  }
  const core: {
    plugins: {
      input: { chain(data: unknown, options: { forceType?: string; generateGraph?: boolean }): CslItem[] };
      config: {
        get(plugin: "@csl"): {
          styles: Register<string>;
          locales: Register<string>;
          engine(items: CslItem[], style: string, locale: string, format: "text" | "html"): CslEngine;
        };
      };
    };
  };
  export default core;
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-csl";
