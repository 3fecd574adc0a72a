import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import vm from "node:vm";
import { projectRoot } from "../helpers.ts";

const patchesScript = readFileSync(path.join(projectRoot, "scripts", "typeset", "pagedjs-patches.browser.js"), "utf8");

/** A stub of what Paged.js 0.4.3 exports, with its members' arities; `change` alters it before the script loads. */
function stubPagedjs(change: (paged: Record<string, unknown>, polyfill: Record<string, unknown>) => void = () => undefined) {
  class Handler {
    constructor(_chunker: unknown, _polisher: unknown, _caller: unknown) {}
  }
  class Previewer {
    preview(_content: unknown, _stylesheets: unknown, _renderTo: unknown) {}
  }
  class Polisher {
    setup() {}
    insert(_text: string) {}
  }
  class Chunker {
    q = { tick: (_callback: () => void) => undefined };
  }
  const paged: Record<string, unknown> = { Handler, Previewer, Polisher, Chunker };
  const polyfill: Record<string, unknown> = { removeStyles: (_doc = undefined) => [], registerHandlers: (..._handlers: unknown[]) => undefined };
  change(paged, polyfill);
  return vm.createContext({ window: { Paged: paged, PagedPolyfill: polyfill } });
}

test("the patches load over the Paged.js they were written for, replace Layout.textBreak once its arguments match, and add no hyphen where a page breaks a word", () => {
  const page = stubPagedjs();
  vm.runInContext(patchesScript, page);
  class Layout {
    textBreak(_node: unknown, _start: unknown, _end: unknown, _vStart: unknown, _vEnd: unknown) {
      return 0;
    }
    hyphenateAtBreak(startContainer: { textContent: string }, _breakLetter: unknown) {
      startContainer.textContent += "\u2011";
    }
  }
  const replacement = (_node: unknown, _start: unknown, _end: unknown, _vStart: unknown, _vEnd: unknown) => 1;
  vm.runInContext("pagedjsPatches", page).replaceTextBreak(new Layout(), replacement);
  assert.equal(Layout.prototype.textBreak, replacement);
  const leftOnPage = { textContent: "stack.appe" };
  new Layout().hyphenateAtBreak(leftOnPage, "n");
  assert.equal(leftOnPage.textContent, "stack.appe");
});

test("a Paged.js whose members take other arguments is refused with the member, what 0.4.3 has and what to run", () => {
  const wrongPreview = stubPagedjs((paged) => {
    paged.Previewer = class {
      preview(_content: unknown) {}
    };
  });
  assert.throws(() => vm.runInContext(patchesScript, wrongPreview), /^Error: Unexpected Paged\.js Previewer\.preview taking 1 arguments, expected \(content, stylesheets, renderTo\) as in Paged\.js 0\.4\.3: run `npm ci`$/);
  const noTick = stubPagedjs((paged) => {
    paged.Chunker = class {
      q = {};
    };
  });
  assert.throws(() => vm.runInContext(patchesScript, noTick), /Unexpected Paged\.js Queue\.tick missing, expected .* as in Paged\.js 0\.4\.3: run `npm ci`/);

  const page = stubPagedjs();
  vm.runInContext(patchesScript, page);
  class Layout {
    textBreak(_node: unknown, _start: unknown, _end: unknown) {
      return 0;
    }
    hyphenateAtBreak(_startContainer: unknown, _breakLetter: unknown) {}
  }
  const original = Layout.prototype.textBreak;
  const replacement = (_node: unknown, _start: unknown, _end: unknown, _vStart: unknown, _vEnd: unknown) => 1;
  assert.throws(() => vm.runInContext("pagedjsPatches", page).replaceTextBreak(new Layout(), replacement), /Unexpected Paged\.js Layout\.textBreak taking 3 arguments, expected \(node, start, end, vStart, vEnd\) as in Paged\.js 0\.4\.3: run `npm ci`/);
  assert.equal(Layout.prototype.textBreak, original, "nothing replaced");
  class BreakToken {
    toJSON() {
      return {};
    }
  }
  assert.throws(() => vm.runInContext("pagedjsPatches", page).keyBreakTokens(new BreakToken(), () => ""), /Unexpected Paged\.js BreakToken\.toJSON taking 0 arguments, expected \(hash\)/);
});

test("a handler's hooks are checked: Paged.js would skip a method whose hook it lacks without a word", () => {
  const page = stubPagedjs();
  vm.runInContext(patchesScript, page);
  const patches = vm.runInContext("pagedjsPatches", page);
  class Hook {
    register(..._functions: unknown[]) {}
  }
  // Paged.js 0.4.3's chunker has both hooks table-continuations.browser.js uses.
  patches.expectHooks({ hooks: { onPageLayout: new Hook(), renderNode: new Hook() } }, "onPageLayout", "renderNode");
  assert.throws(() => patches.expectHooks({ hooks: { renderNode: new Hook() } }, "onPageLayout", "renderNode"), /^Error: Unexpected Paged\.js Chunker\.hooks\.onPageLayout\.register missing, expected \(\.\.\.functions\) as in Paged\.js 0\.4\.3: run `npm ci`$/);
  assert.throws(() => patches.expectHooks(undefined, "renderNode"), /Chunker\.hooks\.renderNode\.register missing/);
});
