import { DEMO_APP_SECRET, DEMO_CARDS, FAULT_CARDS } from '@balance-desk/top-sandbox';
import { TopClient } from '@balance-desk/top-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLookupService } from '../src/lookup/lookup-service';
import { createRateGuard } from '../src/lookup/rate-guard';
import { memoryJournal, memorySettings, memoryVault } from './helpers/memory-ports';
import { startHarness, type Harness } from './helpers/sandbox-service';

const seed = DEMO_CARDS.seed as string;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('superseded and concurrent lookups', () => {
  it('a newer card cancels the slow one in flight; the newer one answers for itself', async () => {
    h = await startHarness({ sandbox: { slowMs: 400 } });
    const slow = h.service.lookup(FAULT_CARDS.slow);
    await new Promise((r) => setTimeout(r, 30));
    const fresh = h.service.lookup(seed);
    const [a, b] = await Promise.all([slow, fresh]);
    expect(a).toEqual({ kind: 'cancelled', cardId: FAULT_CARDS.slow });
    expect(b).toMatchObject({ kind: 'ok', cardId: seed, accounts: [{ cardId: seed }] });
    expect(h.journal.entries.map((e) => e.kind).sort()).toEqual(['cancelled', 'ok']);
  });

  it('the same card twice while in flight is one gateway call and one journal entry', async () => {
    h = await startHarness({ sandbox: { latencyMs: 50 } });
    const before = h.sandbox.requestCount();
    const [a, b] = await Promise.all([h.service.lookup(seed), h.service.lookup(` ${seed} `)]);
    expect(h.sandbox.requestCount()).toBe(before + 1);
    expect(a).toBe(b);
    expect(a.kind).toBe('ok');
    expect(h.journal.entries).toHaveLength(1);
    // Once settled, the same card is asked again.
    await h.service.lookup(seed);
    expect(h.sandbox.requestCount()).toBe(before + 2);
  });
});

describe('retries', () => {
  it('a retriable gateway fault is tried exactly 1 + 2 times', async () => {
    h = await startHarness();
    for (const card of [FAULT_CARDS.serviceUnavailable, FAULT_CARDS.http503, FAULT_CARDS.dropConnection]) {
      const before = h.sandbox.requestCount();
      const outcome = await h.service.lookup(card);
      expect(outcome).toMatchObject({ kind: 'error', retriable: true });
      expect(h.sandbox.requestCount() - before).toBe(3);
    }
  });

  it('never retries isv.*, call limits, clock skew, biz errors or a timeout', async () => {
    h = await startHarness({ settings: { requestTimeoutMs: 200 } });
    const cards = [FAULT_CARDS.permission, FAULT_CARDS.invalidParameter, FAULT_CARDS.rateLimited, FAULT_CARDS.clockSkew, FAULT_CARDS.bizError, FAULT_CARDS.neverEnds];
    for (const card of cards) {
      const before = h.sandbox.requestCount();
      await h.service.lookup(card);
      expect(h.sandbox.requestCount() - before, card).toBe(1);
    }
  });

  it('a retry never pushes the wait past one request timeout', async () => {
    h = await startHarness({ settings: { requestTimeoutMs: 1000 }, deps: { retry: { delaysMs: [5000] } } });
    const before = h.sandbox.requestCount();
    const started = performance.now();
    await h.service.lookup(FAULT_CARDS.serviceUnavailable);
    expect(h.sandbox.requestCount() - before).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a lookup superseded during its backoff resolves cancelled and stops retrying', async () => {
    h = await startHarness({ deps: { retry: { delaysMs: [300] } } });
    const first = h.service.lookup(FAULT_CARDS.serviceUnavailable);
    await new Promise((r) => setTimeout(r, 60));
    const before = h.sandbox.requestCount();
    const second = await h.service.lookup(seed);
    expect(await first).toEqual({ kind: 'cancelled', cardId: FAULT_CARDS.serviceUnavailable });
    expect(second.kind).toBe('ok');
    await new Promise((r) => setTimeout(r, 350));
    expect(h.sandbox.requestCount() - before).toBe(1);
  });
});

describe('rate guard', () => {
  it('answers rate-limited locally once the burst is spent, and refills', async () => {
    let clock = 0;
    h = await startHarness({ deps: { rateGuard: createRateGuard({ burst: 3, ratePerSecond: 10, clock: () => clock }) } });
    const cards = ['111950000000000001', '111950000000000002', '111950000000000003', '111950000000000004'];
    const before = h.sandbox.requestCount();
    const outcomes = [];
    for (const card of cards) outcomes.push(await h.service.lookup(card));
    expect(outcomes.map((o) => (o.kind === 'error' ? o.reason : o.kind))).toEqual(['not-found', 'not-found', 'not-found', 'rate-limited']);
    expect(outcomes[3]).toMatchObject({ retriable: true, detail: { text: 'local-rate-guard' } });
    expect(h.sandbox.requestCount() - before).toBe(3);
    clock += 100; // one token back after 100 ms at 10/s
    expect(await h.service.lookup(seed)).toMatchObject({ kind: 'ok' });
  });
});

describe('journal, configuration and clients', () => {
  it('records every outcome with a masked card, code and request id — never the full card', async () => {
    h = await startHarness();
    await h.service.lookup(seed);
    await h.service.lookup(FAULT_CARDS.permission);
    await h.service.lookup('bad card!');
    const [ok, perm, bad] = h.journal.entries;
    expect(ok).toMatchObject({ card: '1119…0125', kind: 'ok', accounts: 1 });
    expect(ok?.requestId).toMatch(/\S/);
    expect(perm).toMatchObject({ card: '9999…0004', kind: 'error', reason: 'permission', code: 11, subCode: 'isv.permission-api-package-limit' });
    expect(bad).toMatchObject({ kind: 'error', reason: 'invalid-card' });
    const all = JSON.stringify(h.journal.entries) + h.logger.lines.join('\n');
    expect(all).not.toContain(seed);
    expect(all).not.toContain(DEMO_APP_SECRET);
  });

  it('not configured or no app secret → not-configured without a call', async () => {
    const journal = memoryJournal();
    const settings = memorySettings();
    const service = createLookupService({ settings, vault: memoryVault(), journal });
    expect(await service.lookup(seed)).toMatchObject({ kind: 'error', reason: 'not-configured', detail: { text: 'settings' } });
    settings.set({ appKey: 'k', brandId: '1', shopId: '2' });
    expect(await service.lookup(seed)).toMatchObject({ reason: 'not-configured', detail: { text: 'app-secret' } });
    await service.close();
  });

  it('caches one client, rebuilds it when the settings change and closes the old one', async () => {
    const built: { closed: boolean }[] = [];
    h = await startHarness({
      deps: {
        clientFactory: (options) => {
          const client = new TopClient(options);
          const record = { closed: false };
          built.push(record);
          return { execute: (m, p, o) => client.execute(m, p, o), close: () => ((record.closed = true), client.close()) };
        },
      },
    });
    await h.service.lookup(seed);
    await h.service.lookup(DEMO_CARDS.zero as string);
    expect(built).toHaveLength(1);
    h.settings.set({ requestTimeoutMs: 3000, signMethod: 'md5' });
    expect(built[0]?.closed).toBe(true);
    expect(await h.service.lookup(seed)).toMatchObject({ kind: 'ok' });
    expect(built).toHaveLength(2);
    expect(built[1]?.closed).toBe(false);
  });
});
