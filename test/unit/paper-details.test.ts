import assert from "node:assert/strict";
import { test } from "node:test";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { unfoldDetails } from "../../scripts/render/paper-details.ts";

test("a PDF's <details> is a box printed open, its <summary> a paragraph heading it; nested ones too", () => {
  const tree = h(null, [h("details", { open: true, className: ["aside"] }, [h("summary", "折叠"), h("p", "正文"), h("details", [h("summary", "里层"), h("p", "更多")])])]);
  assert.equal(
    toHtml(unfoldDetails(tree)),
    '<div class="aside details-box"><p class="details-summary">折叠</p><p>正文</p><div class="details-box"><p class="details-summary">里层</p><p>更多</p></div></div>',
  );
});
