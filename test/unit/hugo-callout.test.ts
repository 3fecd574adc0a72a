import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { dialectChapter } from "../helpers.ts";

// Kubernetes 基础教程 (rootsongjc/kubernetes-handbook, Hugo): `{{< callout note "注意" >}}` … `{{< /callout >}}`
// (Hugo Blox's shortcode) was an unknown shortcode: its title was dropped with a warning and its
// text printed as plain paragraphs, with nothing to set it apart as the site does.
const chapter = (value: string) => dialectChapter(value);

test("Hugo's `callout` shortcode is a note box: its kind, then its title", () => {
  const written = chapter('# 题\n\n{{< callout note "Karmada 名称的由来" >}}\n\n内容。\n\n{{< /callout >}}\n\n{{% callout warning %}}\n小心。\n{{% /callout %}}\n\n{{< callout note 关于本教程 >}}\n说明。\n{{< /callout >}}\n');
  assert.equal(
    toHtml(written.tree).trim(),
    '<div class="note-box note-box-note"><p class="note-box-title">Karmada 名称的由来</p><p>内容。</p></div>\n<div class="note-box note-box-warning"><p class="note-box-title">警告</p><p>小心。</p></div>\n<div class="note-box note-box-note"><p class="note-box-title">关于本教程</p><p>说明。</p></div>',
  );
  assert.deepEqual(written.file.messages.map(String), []);
});
