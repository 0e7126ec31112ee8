import { KeyboardWedge } from './keyboard-wedge';
import { expect, test } from './fixtures';
import { SOAK_CARDS, openSoakSession, sampleAfterGc, soakRun } from './soak';

/**
 * A long shift leaves nothing behind: after a forced GC, sixty-four lookups of every kind leave
 * the DOM node and listener counts where they were (`pnpm bench:soak` runs the 1,000-lookup
 * version and prints the figures). Counts, not times: this holds on a loaded machine too.
 */
test('sixty-four lookups of every kind retain no DOM nodes or listeners', async ({ cashier }) => {
  test.setTimeout(180_000);
  const page = cashier.page;
  await cashier.blurField();
  const cdp = await openSoakSession(page);
  const wedge = await KeyboardWedge.attach(page);
  await soakRun(page, wedge, 0, SOAK_CARDS.length);
  const before = await sampleAfterGc(page, cdp, 0);
  await soakRun(page, wedge, 0, SOAK_CARDS.length * 4);
  const after = await sampleAfterGc(page, cdp, SOAK_CARDS.length * 4);
  // Before the fix each lookup kept about one node (~64 here); allow a little noise.
  expect(after.nodes - before.nodes, `nodes ${before.nodes} → ${after.nodes}`).toBeLessThanOrEqual(15);
  expect(after.listeners - before.listeners).toBeLessThanOrEqual(5);
  expect(after.documents).toBe(before.documents);
});
