/**
 * `pnpm bench:ui`: how fast the cashier screen answers a scan, in real Chromium.
 *
 * Builds the renderer if its sources changed, starts the web preview (startDemoWeb via the
 * demo:web CLI in a child process — desk-core, the web bridge and the in-process sandbox gateway,
 * no added latency — so the measured server never shares an event loop with this harness), opens
 * the built renderer in headless Debian Chromium, scans the seed card ≥ 200 times with trusted
 * key events at scanner speed (KeyboardWedge), and reads the renderer's performance marks:
 * `lookup:enter` (the scan's Enter is handled) → `lookup:painted` (the animation frame that paints
 * the answer), minus the outcome's latencyMs (desk-core + gateway time, which is not the
 * renderer's), with the parts in between (`lookup:answered`, `lookup:committed`).
 * The table is the cashier screen alone. Then the customer-facing view (`/customer`) is opened
 * beside it for a second run, which gives the time from the cashier's answer to the customer
 * view's update (bench-ui/customer.ts) and the cashier's figure with that second page running.
 * Also prints the production JS size and first-contentful-paint.
 * Lookups that did not paint a balance (an error or a failed call, e.g. the rate guard) are not
 * samples: they are counted and printed, and too many of them fail the run.
 * The last line is `p95: <ms>` (target ≤ 16 ms).
 *
 * Options (env): BENCH_LOOKUPS (default 240, at least 200), CHROMIUM_PATH (default /usr/bin/chromium),
 * BENCH_ARGS (extra Chromium flags, space-separated).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { KeyboardWedge } from '../apps/desktop/e2e/keyboard-wedge';
import { DEFAULT_STATIC_DIR } from './demo-web-lib';
import { openBenchPreview } from './bench-ui/preview';
import { percentile, summarize, type Sample } from './bench-ui/stats';
import { customerDelays, customerLine, watchCustomerView } from './bench-ui/customer';

const SEED = '111950000052400125';
const LOOKUPS = Math.max(200, Number(process.env['BENCH_LOOKUPS'] ?? 240));
const WARMUP = 20;
/** Lookups with the customer display open (its own figure, and the cashier's beside it). */
const CUSTOMER_LOOKUPS = 120;
/** desk-core's rate guard allows 10 lookups/s sustained; stay under it so every lookup is a real one. */
const PACE_MS = 110;

interface Mark {
  name: string;
  startTime: number;
  detail: { seq: number; latencyMs?: number | null; kind?: 'ok' | 'error' | 'failed' } | null;
}

async function bundleSize(): Promise<{ raw: number; gzip: number; files: number }> {
  const assets = path.join(DEFAULT_STATIC_DIR, 'assets');
  const names = (await readdir(assets)).filter((n) => n.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const name of names) {
    const bytes = await readFile(path.join(assets, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: names.length };
}

async function marks(page: Page): Promise<Mark[]> {
  // A string expression: this file is type-checked without the DOM lib.
  return page.evaluate<Mark[]>(
    'window.__benchMarks.map((m) => ({ name: m.name, startTime: m.startTime, detail: m.detail ?? null }))',
  );
}

interface Measured {
  samples: Sample[];
  failedText: string;
  /** Epoch ms of each painted answer, balances and errors alike. */
  answers: number[];
}

/** The marks since the last reset, one sample per lookup that painted a balance. */
async function measured(page: Page): Promise<Measured> {
  const bySeq = new Map<number, Partial<Record<'enter' | 'answered' | 'committed' | 'painted', Mark>>>();
  for (const m of await marks(page)) {
    if (!m.detail) continue;
    const key = m.name.slice('lookup:'.length) as 'enter' | 'answered' | 'committed' | 'painted';
    bySeq.set(m.detail.seq, { ...bySeq.get(m.detail.seq), [key]: m });
  }
  const timeOrigin = await page.evaluate<number>('performance.timeOrigin');
  const answers = [...bySeq.values()].flatMap(({ painted }) =>
    painted ? [timeOrigin + painted.startTime] : [],
  );
  const samples: Sample[] = [];
  const failed = new Map<string, number>();
  for (const { enter, answered, committed, painted } of bySeq.values()) {
    if (!enter || !answered || !committed || !painted) continue;
    const kind = painted.detail?.kind ?? 'ok';
    if (kind !== 'ok') {
      // An error paints a different, smaller view and skips the gateway: not a balance lookup's time.
      failed.set(kind, (failed.get(kind) ?? 0) + 1);
      continue;
    }
    const gateway = painted.detail?.latencyMs ?? 0;
    samples.push({
      total: painted.startTime - enter.startTime,
      gateway,
      renderer: painted.startTime - enter.startTime - gateway,
      toAnswer: answered.startTime - enter.startTime,
      react: committed.startTime - answered.startTime,
      frame: painted.startTime - committed.startTime,
    });
  }
  const failedCount = [...failed.values()].reduce((a, b) => a + b, 0);
  const failedText =
    failedCount === 0 ? '0' : `${failedCount} (${[...failed].map(([k, n]) => `${k} ${n}`).join(', ')})`;
  return { samples, failedText, answers };
}

/**
 * One scan, then wait for its `lookup:painted` mark. The wait is a PerformanceObserver set up in
 * the page before the scan (no polling: this process also serves the bridge and the gateway, and
 * a busy poll loop here would slow the very lookups being measured).
 */
async function scanAndWait(page: Page, wedge: KeyboardWedge, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    await page.evaluate(
      // Ends in `0`: evaluate would otherwise wait for the promise before the scan is even sent.
      "window.__benchPainted = new Promise((resolve) => { const o = new PerformanceObserver((list) => { if (list.getEntries().some((e) => e.name === 'lookup:painted')) { o.disconnect(); resolve(); } }); o.observe({ type: 'mark' }); }); 0",
    );
    await wedge.scan(SEED, { intervalMs: 2, pauseBeforeMs: 20 });
    await page.evaluate('window.__benchPainted');
    const rest = PACE_MS - (Date.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
}

function fmt(ms: number): string {
  return ms.toFixed(2);
}

async function main(): Promise<void> {
  const preview = await openBenchPreview(
    'bench-ui',
    (process.env['BENCH_ARGS'] ?? '').split(' ').filter(Boolean),
  );
  const { page } = preview;
  try {
    const fcp = await page.evaluate<number | null>(
      "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null",
    );
    await page.locator('#card-input').blur();

    // Every mark as it is made: the page keeps only its last few hundred (lib/perf.ts).
    await page.evaluate(
      "window.__benchMarks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name.startsWith('lookup:')) window.__benchMarks.push(e); }).observe({ type: 'mark' }); 0",
    );
    await page.bringToFront();
    const wedge = await KeyboardWedge.attach(page);

    // The cashier screen alone, as on a counter without a customer display.
    await scanAndWait(page, wedge, WARMUP);
    await page.evaluate('window.__benchMarks.length = 0');
    await scanAndWait(page, wedge, LOOKUPS);
    const alone = await measured(page);

    // Then with the customer display open beside it: its update delay, and what it costs the cashier
    // (both pages share this machine's cores, as they share a terminal's).
    const customer = await watchCustomerView(page, preview.web.origin, preview.web.token);
    await page.bringToFront();
    await scanAndWait(page, wedge, WARMUP);
    await page.evaluate('window.__benchMarks.length = 0');
    await customer.reset();
    await scanAndWait(page, wedge, CUSTOMER_LOOKUPS);
    const beside = await measured(page);
    const fromCashier = customerDelays(beside.answers, await customer.updates());

    const text = await page.locator('[data-testid="usable"]').textContent();
    if (text !== '¥40.00') throw new Error(`unexpected screen: usable ${JSON.stringify(text)}`);
    const { samples, failedText } = alone;
    if (samples.length < 200)
      throw new Error(`only ${samples.length} complete lookups measured; failed lookups: ${failedText}`);

    const size = await bundleSize();
    const rows = summarize(samples);
    console.log(
      `bench:ui — ${samples.length} lookups of the seed card (after ${WARMUP} warm-up), Chromium headless 1024×768, scans at 2 ms/key`,
    );
    console.log(`failed lookups (not sampled): ${failedText}`);
    console.log(`${''.padEnd(28)}    p50      p95      p99   (ms)`);
    for (const row of rows)
      console.log(
        `${row.label.padEnd(28)}${fmt(row.p50).padStart(7)}  ${fmt(row.p95).padStart(7)}  ${fmt(row.p99).padStart(7)}`,
      );
    console.log(
      `renderer JS (out/renderer/assets, ${size.files} file): ${(size.raw / 1024).toFixed(1)} KB raw, ${(size.gzip / 1024).toFixed(1)} KB gzip (target ≤ 150 KB gzip)`,
    );
    console.log(`first-contentful-paint: ${fcp === null ? 'n/a' : `${fmt(fcp)} ms`}`);
    console.log(customerLine(fromCashier.delays, fromCashier.missed));
    const besideRenderer = beside.samples.map((x) => x.renderer);
    console.log(
      `renderer (− gateway) with the customer display open, ${beside.samples.length} lookups: p50 ${fmt(percentile(besideRenderer, 50))} ms, p95 ${fmt(percentile(besideRenderer, 95))} ms (failed: ${beside.failedText})`,
    );
    console.log(
      `p95: ${fmt(
        percentile(
          samples.map((s) => s.renderer),
          95,
        ),
      )}`,
    );
  } finally {
    await preview.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:ui failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
