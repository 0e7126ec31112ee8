/**
 * bench:ui's customer-display figure: the web preview's `/customer` page open beside
 * the cashier page, recording when each new view reaches its DOM; paired with the cashier's
 * `lookup:painted` marks, it gives "cashier's answer → customer view updated" (target ≤ 300 ms).
 * Both pages run on this machine's clock (`performance.timeOrigin + startTime`), so the times compare.
 */
import type { Page } from '@playwright/test';
import { percentile } from './stats';

export interface CustomerWatch {
  page: Page;
  /** Epoch ms of each change of the customer view to a balance or an error, in order. */
  updates(): Promise<number[]>;
  reset(): Promise<void>;
}

export async function watchCustomerView(
  cashier: Page,
  origin: string,
  token: string,
): Promise<CustomerWatch> {
  const browser = cashier.context().browser();
  if (browser === null) throw new Error('the cashier page has no browser to open the customer page in');
  const page = await browser.newPage({ viewport: { width: 1024, height: 600 } });
  await page.goto(`${origin}/customer#token=${token}`);
  await page.locator('main.customer[data-view="rest"]').waitFor();
  // A string expression: this file is type-checked without the DOM lib.
  await page.evaluate(`(() => {
    window.__customerUpdates = [];
    const main = document.querySelector('main.customer');
    new MutationObserver(() => {
      const kind = main.getAttribute('data-view');
      if (kind !== 'rest') window.__customerUpdates.push(performance.timeOrigin + performance.now());
    }).observe(main, { attributes: true, attributeFilter: ['data-view'] });
  })(); 0`);
  return {
    page,
    updates: () => page.evaluate<number[]>('window.__customerUpdates.slice()'),
    reset: () => page.evaluate<void>('void (window.__customerUpdates.length = 0)'),
  };
}

/**
 * Pairs each cashier answer (epoch ms) with the customer update nearest to it: lookups are paced
 * far apart (≥ 100 ms), so the nearest one is that lookup's. Answers with no update within
 * `windowMs` are counted as missed.
 */
export function customerDelays(
  answers: readonly number[],
  updates: readonly number[],
  windowMs = 1_000,
): { delays: number[]; missed: number } {
  const delays: number[] = [];
  let missed = 0;
  for (const answer of answers) {
    let best: number | undefined;
    for (const update of updates)
      if (best === undefined || Math.abs(update - answer) < Math.abs(best - answer)) best = update;
    if (best === undefined || Math.abs(best - answer) > windowMs) missed += 1;
    else delays.push(best - answer);
  }
  return { delays, missed };
}

export function customerLine(delays: readonly number[], missed: number): string {
  const fmt = (ms: number) => ms.toFixed(1);
  return (
    `customer view (web preview): cashier answer painted → customer view updated, ${delays.length} lookups` +
    `${missed > 0 ? ` (${missed} not seen)` : ''}: p50 ${fmt(percentile(delays, 50))} ms, ` +
    `p95 ${fmt(percentile(delays, 95))} ms (target ≤ 300 ms)`
  );
}
