import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { BuildFailure } from "../../scripts/diagnostics.ts";
import { whileBrowserWorks, type BookBrowser } from "../../scripts/typeset/browser.ts";

/** A browser that ended before the work began: its "disconnected" event has come and gone. */
function endedBrowser(): BookBrowser {
  const events = new EventEmitter();
  return { chromium: { once: (event: string, listener: () => void) => events.once(event, listener), isConnected: () => false } as unknown as BookBrowser["chromium"], allowedPaths: [], pages: new EventEmitter() };
}

test("work on a Chromium that already ended fails at once with a clear message, instead of waiting for the stall watchdog", async () => {
  const started = Date.now();
  await assert.rejects(whileBrowserWorks(endedBrowser(), new Promise(() => undefined), "laying out the horizontal book"), (failure: unknown) => {
    assert.ok(failure instanceof BuildFailure);
    assert.match(String(failure.files[0]!.messages[0]), /Unexpected end of Chromium while laying out the horizontal book/);
    return true;
  });
  assert.ok(Date.now() - started < 1000);
});
