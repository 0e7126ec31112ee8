import type { Page } from '@playwright/test';

/**
 * Scanner bursts dispatched inside the page, for volume runs: one `page.evaluate` per chunk of
 * scans instead of dozens of CDP calls per scan. (Under the Playwright test runner every API call
 * is recorded as a test step, and that bookkeeping grows with the number of calls: 38,000 key
 * events through CDP would take minutes for reasons that have nothing to do with the app.)
 *
 * The events are synthetic (`isTrusted: false`) but take the app's real path (the window capture
 * listener). Each carries the time a scanner would have typed it, 1–2 ms apart — as the OS stamps
 * a real scanner's keys when they arrive, however busy the machine — set as an own `timeStamp`
 * property (it shadows Event.prototype's getter). Stamping at dispatch time instead would put
 * this shared 2-core test box's scheduling hiccups into the scanner's timing.
 * Between scans the page gets `pauseMs` of real time to render and start the lookup.
 * Written as a string: e2e code is type-checked without the DOM lib.
 */
const SCRIPT = `async ({ ids, minMs, maxMs, pauseMs }) => {
  let last = 0;
  for (const id of ids) {
    const target = document.activeElement || document.body;
    let t = Math.max(performance.now(), last + pauseMs);
    const fire = (key, shiftKey) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, shiftKey });
      Object.defineProperty(event, 'timeStamp', { value: t });
      target.dispatchEvent(event);
    };
    for (const key of [...id, 'Enter']) {
      const shift = /^[A-Z]$/.test(key);
      if (shift) fire('Shift', true);
      fire(key, shift);
      last = t;
      t += minMs + Math.random() * (maxMs - minMs);
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}`;

export async function scanInPage(
  page: Page,
  ids: readonly string[],
  options: { minMs?: number; maxMs?: number; pauseMs?: number } = {},
): Promise<void> {
  const args = { ids, minMs: options.minMs ?? 1, maxMs: options.maxMs ?? 2, pauseMs: options.pauseMs ?? 8 };
  await page.evaluate(`(${SCRIPT})(${JSON.stringify(args)})`);
}
