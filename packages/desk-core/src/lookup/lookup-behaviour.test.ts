import { gatewayOrigin } from '@balance-desk/contract';
import { DEMO_APP_SECRET, DEMO_CARDS, FAULT_CARDS } from '@balance-desk/top-sandbox';
import { TopClient } from '@balance-desk/top-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientFactory } from './client-pool';
import { createLookupService } from './lookup-service';
import { createRateGuard } from './rate-guard';
import { settingsTarget } from './target';
import { VaultUnreadableError } from '../ports';
import { memoryJournal, memorySettings, memoryVault } from '../test-support/memory-ports';
import { startHarness, type Harness } from '../test-support/sandbox-service';

const seed = DEMO_CARDS.seed;
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

  it('a double scan after the shop changed asks again instead of sharing the stale call', async () => {
    h = await startHarness({ sandbox: { latencyMs: 100 } });
    const before = h.sandbox.requestCount();
    const first = h.service.lookup(seed);
    // The first call is on the wire (the sandbox holds its answer 100 ms): no fixed wait, which a
    // loaded machine can outlast before the request is even sent.
    while (h.sandbox.requestCount() === before) await new Promise((r) => setTimeout(r, 2));
    h.settings.set({ shopId: 'another-shop-77' });
    const second = await h.service.lookup(seed);
    // The seed card belongs to the demo shop: the new shop does not know it.
    expect(second).toMatchObject({ kind: 'error', reason: 'not-found', cardId: seed });
    expect(await first).toEqual({ kind: 'cancelled', cardId: seed });
    expect(h.sandbox.requestCount()).toBe(before + 2);
  });

  it('a scan of another card while the first is still reading its target wins; the first is cancelled', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    h = await startHarness();
    const settings = h.settings;
    const target = settingsTarget(
      settings,
      memoryVault({ appSecret: DEMO_APP_SECRET }, gatewayOrigin(h.sandbox.url)),
    );
    const service = createLookupService({
      settings,
      vault: memoryVault(),
      journal: memoryJournal(),
      // The first resolution is slow (a vault decrypt stuck behind disk I/O), the second is not.
      resolveTarget: async () => ((calls += 1) === 1 ? gate.then(target) : target()),
    });
    const first = service.lookup(seed);
    const second = service.lookup(DEMO_CARDS.zero);
    expect(await second).toMatchObject({ kind: 'ok', cardId: DEMO_CARDS.zero });
    release();
    expect(await first).toEqual({ kind: 'cancelled', cardId: seed });
    await service.close();
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
    const cards = [
      FAULT_CARDS.permission,
      FAULT_CARDS.invalidParameter,
      FAULT_CARDS.rateLimited,
      FAULT_CARDS.clockSkew,
      FAULT_CARDS.bizError,
      FAULT_CARDS.neverEnds,
    ];
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

  it('retries get what is left of one timeout: a slow 503 is not asked again with too little time left', async () => {
    // 400 ms per 503: a second attempt would start with < 300 ms of the 600 ms budget left.
    h = await startHarness({ sandbox: { latencyMs: 400 }, settings: { requestTimeoutMs: 600 } });
    const before = h.sandbox.requestCount();
    const started = performance.now();
    const outcome = await h.service.lookup(FAULT_CARDS.http503);
    const took = performance.now() - started;
    expect(outcome).toMatchObject({
      kind: 'error',
      reason: 'gateway',
      retriable: true,
      detail: { text: 'http-503' },
    });
    expect(h.sandbox.requestCount() - before).toBe(1);
    expect(took).toBeLessThan(600 + 150); // a second full attempt would end at ≈ 810 ms
  });

  it('a retry times out at the end of the one timeout, not a whole timeout later', async () => {
    h = await startHarness({ sandbox: { latencyMs: 300 }, settings: { requestTimeoutMs: 700 } });
    const sandbox = h.sandbox;
    // The first attempt gets a quick 503; every later one hangs past the budget.
    const slower = setTimeout(() => sandbox.setLatency(2000), 50);
    const started = performance.now();
    const outcome = await h.service.lookup(FAULT_CARDS.http503);
    const took = performance.now() - started;
    clearTimeout(slower);
    expect(outcome).toMatchObject({ kind: 'error', reason: 'timeout' });
    expect(took).toBeGreaterThanOrEqual(650);
    expect(took).toBeLessThan(700 + 150); // a fresh 700 ms for the retry would end at ≈ 1010 ms
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
    h = await startHarness({
      deps: { rateGuard: createRateGuard({ burst: 3, ratePerSecond: 10, clock: () => clock }) },
    });
    const cards = ['111950000000000001', '111950000000000002', '111950000000000003', '111950000000000004'];
    const before = h.sandbox.requestCount();
    const outcomes = [];
    for (const card of cards) outcomes.push(await h.service.lookup(card));
    expect(outcomes.map((o) => (o.kind === 'error' ? o.reason : o.kind))).toEqual([
      'not-found',
      'not-found',
      'not-found',
      'rate-limited',
    ]);
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
    expect(perm).toMatchObject({
      card: '9999…0004',
      kind: 'error',
      reason: 'permission',
      code: 11,
      subCode: 'isv.permission-api-package-limit',
    });
    expect(bad).toMatchObject({ kind: 'error', reason: 'invalid-card' });
    const all = JSON.stringify(h.journal.entries) + h.logger.lines.join('\n');
    expect(all).not.toContain(seed);
    expect(all).not.toContain(DEMO_APP_SECRET);
  });

  it('not configured or no app secret → not-configured without a call', async () => {
    const journal = memoryJournal();
    const settings = memorySettings();
    const service = createLookupService({ settings, vault: memoryVault(), journal });
    expect(await service.lookup(seed)).toMatchObject({
      kind: 'error',
      reason: 'not-configured',
      detail: { text: 'settings' },
    });
    settings.set({ appKey: 'k', brandId: '1', shopId: '2' });
    expect(await service.lookup(seed)).toMatchObject({
      reason: 'not-configured',
      detail: { text: 'app-secret-missing' },
    });
    await service.close();
  });

  it('an app secret the vault cannot decrypt → not-configured app-secret-unreadable, without a call', async () => {
    const settings = memorySettings({ appKey: 'k', brandId: '1', shopId: '2' });
    const unreadable = () => Promise.reject(new VaultUnreadableError('appSecret'));
    const vault = { ...memoryVault(), get: unreadable, getBound: unreadable };
    const service = createLookupService({ settings, vault, journal: memoryJournal() });
    expect(await service.lookup(seed)).toMatchObject({
      reason: 'not-configured',
      detail: { text: 'app-secret-unreadable' },
    });
    await service.close();
  });

  function countingFactory(): { built: { closed: boolean }[]; factory: ClientFactory } {
    const built: { closed: boolean }[] = [];
    const factory: ClientFactory = (options) => {
      const client = new TopClient(options);
      const record = { closed: false };
      built.push(record);
      return {
        execute: (m, p, o) => client.execute(m, p, o),
        close: () => ((record.closed = true), client.close()),
      };
    };
    return { built, factory };
  }

  it('caches one client, rebuilds it when the credentials or sign method change and closes the old one', async () => {
    const { built, factory } = countingFactory();
    h = await startHarness({ deps: { clientFactory: factory } });
    await h.service.lookup(seed);
    await h.service.lookup(DEMO_CARDS.zero);
    expect(built).toHaveLength(1);
    h.settings.set({ requestTimeoutMs: 3000, signMethod: 'md5' });
    expect(await h.service.lookup(seed)).toMatchObject({ kind: 'ok' });
    expect(built).toHaveLength(2);
    expect(built[0]?.closed).toBe(true);
    expect(built[1]?.closed).toBe(false);
  });

  it('a settings save that changes nothing a client is built from keeps the warm client', async () => {
    const { built, factory } = countingFactory();
    h = await startHarness({ deps: { clientFactory: factory } });
    await h.service.lookup(seed);
    h.settings.set({ shopName: 'renamed', idleClearSeconds: 60, requestTimeoutMs: 3000 });
    expect(built[0]?.closed).toBe(false);
    expect(await h.service.lookup(seed)).toMatchObject({ kind: 'ok' });
    expect(built).toHaveLength(1);
  });
});
