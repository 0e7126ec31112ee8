/**
 * `pnpm bench:soak [N]`: does a long shift leave anything behind in the cashier screen?
 *
 * Starts the web preview (desk-core, web bridge, in-process sandbox gateway) in a child process,
 * opens the built renderer in headless Debian Chromium and runs N lookups (default 1,000) cycling
 * through every kind of answer (apps/desktop/e2e/soak.ts). After a warm-up it samples, after a
 * forced GC (CDP HeapProfiler.collectGarbage, then Performance.getMetrics), the renderer's JS heap,
 * DOM nodes and event listeners, and the server's RSS, every N/5 lookups. The last line is
 * `soak: heap +X MB, nodes +Y, listeners +Z` against the post-warm-up baseline.
 * Goal after 1,000 lookups: heap under +1 MB, nodes and listeners within 10 % of the baseline.
 *
 * Options (env): CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { readFile } from 'node:fs/promises';
import { KeyboardWedge } from '../apps/desktop/e2e/keyboard-wedge';
import {
  SOAK_CARDS,
  openSoakSession,
  sampleAfterGc,
  soakRun,
  type SoakSample,
} from '../apps/desktop/e2e/soak';
import { openBenchPreview } from './bench-ui/preview';

const arg = process.argv[2];
const LOOKUPS = arg === undefined ? 1000 : Number(arg);
if (!Number.isInteger(LOOKUPS) || LOOKUPS < 5) {
  console.error(`usage: pnpm bench:soak [N]   (N: whole number of lookups, at least 5; got ${arg})`);
  process.exit(2);
}
/** Two full cycles of the cards: every view, font and lazy path has been built once. */
const WARMUP = SOAK_CARDS.length * 2;

/** Resident set of the server process, from /proc (Linux); undefined elsewhere. */
async function rssMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

function row(sample: SoakSample, rss: number | undefined): string {
  return [
    String(sample.lookups).padStart(6),
    sample.heapUsedMb.toFixed(2).padStart(9),
    String(sample.nodes).padStart(7),
    String(sample.listeners).padStart(10),
    (rss === undefined ? 'n/a' : rss.toFixed(1)).padStart(11),
  ].join('  ');
}

function signed(n: number, digits = 0): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
}

async function main(): Promise<void> {
  const preview = await openBenchPreview('bench-soak');
  const { page, web } = preview;
  try {
    await page.locator('#card-input').blur();
    const cdp = await openSoakSession(page);
    const wedge = await KeyboardWedge.attach(page);

    await soakRun(page, wedge, 0, WARMUP);
    const base = await sampleAfterGc(page, cdp, 0);
    console.log(
      `bench:soak — ${LOOKUPS} lookups over ${SOAK_CARDS.length} cards (after ${WARMUP} warm-up), Chromium headless 1024×768`,
    );
    console.log('lookups  heap (MB)    nodes  listeners  server RSS (MB)');
    console.log(row(base, await rssMb(web.pid)));
    const step = Math.max(1, Math.floor(LOOKUPS / 5));
    let done = 0;
    let last = base;
    while (done < LOOKUPS) {
      const n = Math.min(step, LOOKUPS - done);
      await soakRun(page, wedge, WARMUP + done, n);
      done += n;
      last = await sampleAfterGc(page, cdp, done);
      console.log(row(last, await rssMb(web.pid)));
    }
    console.log(
      `soak: heap ${signed(last.heapUsedMb - base.heapUsedMb, 2)} MB, nodes ${signed(last.nodes - base.nodes)}, listeners ${signed(last.listeners - base.listeners)}`,
    );
  } finally {
    await preview.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:soak failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
