import type { CDPSession, Page } from '@playwright/test';
import { CARDS, FAULTS } from './cards';
import type { KeyboardWedge } from './keyboard-wedge';

/**
 * A long shift in miniature, shared by `pnpm bench:soak` and the e2e soak test: lookups cycling
 * through every kind of answer (balances, closed account, two accounts, large, not found, frozen,
 * invalid, rate-limited, gateway and response faults), sampled after a forced GC.
 */
export const SOAK_CARDS: readonly string[] = [
  CARDS.seed,
  CARDS.deleted,
  CARDS.twoAccounts,
  CARDS.large,
  CARDS.zero,
  CARDS.giftOnly,
  CARDS.otherShop,
  '111950000099990999', // not in the data set: not found
  FAULTS.bizError, // frozen card
  FAULTS.invalidParameter,
  FAULTS.rateLimited,
  FAULTS.permission,
  FAULTS.http502,
  FAULTS.html,
  FAULTS.malformedJson,
  FAULTS.clockSkew,
];

/** desk-core's rate guard allows 10 lookups/s sustained; stay under it so every lookup is a real one. */
const SOAK_PACE_MS = 110;

export interface SoakSample {
  lookups: number;
  heapUsedMb: number;
  nodes: number;
  listeners: number;
  documents: number;
}

/**
 * Esc back to "scan a card" (so every sample sees the same screen), forced GC (twice: a first
 * pass can leave what finalizers freed), then Chromium's own counters.
 */
export async function sampleAfterGc(page: Page, cdp: CDPSession, lookups: number): Promise<SoakSample> {
  await page.keyboard.press('Escape');
  await page.getByTestId('idle').waitFor();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    lookups,
    heapUsedMb: get('JSHeapUsedSize') / (1024 * 1024),
    nodes: get('Nodes'),
    listeners: get('JSEventListeners'),
    documents: get('Documents'),
  };
}

export async function openSoakSession(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  return cdp;
}

/**
 * One scan, then wait for the frame that paints its answer (`lookup:painted`). The wait is a
 * PerformanceObserver set up before the scan: no polling while the lookups run.
 */
async function soakLookup(page: Page, wedge: KeyboardWedge, cardId: string): Promise<void> {
  const started = Date.now();
  await page.evaluate(
    // Ends in `0`: evaluate would otherwise wait for the promise before the scan is even sent.
    "window.__soakPainted = new Promise((resolve) => { const o = new PerformanceObserver((list) => { if (list.getEntries().some((e) => e.name === 'lookup:painted')) { o.disconnect(); resolve(); } }); o.observe({ type: 'mark' }); }); 0",
  );
  await wedge.scan(cardId, { intervalMs: 2, pauseBeforeMs: 20 });
  await page.evaluate('window.__soakPainted');
  const rest = SOAK_PACE_MS - (Date.now() - started);
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
}

/** Runs `count` lookups starting at `offset` in the card cycle. */
export async function soakRun(
  page: Page,
  wedge: KeyboardWedge,
  offset: number,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const card = SOAK_CARDS[(offset + i) % SOAK_CARDS.length] as string;
    await soakLookup(page, wedge, card);
  }
}
