import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CustomerViewUpdate, LookupOutcome } from '@balance-desk/contract';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { describe, expect, it } from 'vitest';
import { createDesk } from '../desk/desk';
import type { Settings } from '../ports';
import { defaultSettings } from '../storage/settings/settings-schema';
import { createDevCipher } from '../storage/vault/dev-cipher';
import { createCustomerFeed } from './customer-feed';

const CARD = '111950000052400125';

function ok(cardId = CARD): LookupOutcome {
  const account = {
    accountId: 'A1',
    cardId,
    deleted: false,
    usable: 123456,
    real: 100000,
    realTotal: 100000,
    gift: 23456,
    giftTotal: 23456,
    preStored: 0,
    preStoredTotal: 0,
    brandId: 'B',
    shopId: 'S',
  };
  return {
    kind: 'ok',
    cardId,
    accounts: [account],
    amountUnit: 'fen',
    requestId: 'req-1',
    latencyMs: 12,
    at: '2026-11-29T08:00:00.000Z',
  };
}

const failed: LookupOutcome = {
  kind: 'error',
  cardId: CARD,
  reason: 'credentials',
  retriable: false,
  detail: { code: 27, subCode: 'isv.invalid-session', requestId: 'req-2', text: 'Invalid session' },
  latencyMs: 30,
  at: '2026-11-29T08:00:00.000Z',
};

/** Timers moved by hand: the clear timer is checked without waiting on the wall clock. */
function manualTimers() {
  let nextId = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(nextId, { fn, ms });
        return nextId++;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    delays: () => [...pending.values()].map((p) => p.ms),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const p of due) p.fn();
    },
  };
}

function feedWith(overrides: Partial<Settings['customerDisplay']> = {}, shopName = '杭州西湖店') {
  const settings: Settings = { ...defaultSettings(), shopName };
  settings.customerDisplay = { ...settings.customerDisplay, ...overrides };
  const clock = manualTimers();
  const feed = createCustomerFeed({ settings: () => settings, timers: clock.timers });
  const seen: CustomerViewUpdate[] = [];
  feed.subscribe((update) => seen.push(update));
  return { feed, settings, clock, seen };
}

describe('customer feed', () => {
  it('starts at rest with the store name and a welcome line in the customer language', () => {
    const { feed } = feedWith({ locale: 'en' });
    expect(feed.current()).toEqual({
      seq: 0,
      view: { kind: 'rest', locale: 'en', storeName: '杭州西湖店', welcome: 'Welcome' },
    });
  });

  it('shows the masked card and the usable balance of the newest lookup, never the full card', () => {
    const { feed, seen } = feedWith();
    const ticket = feed.lookupStarted();
    feed.answered(ticket, ok());
    expect(seen.map((u) => u.seq)).toEqual([1]);
    expect(feed.current().view).toMatchObject({
      kind: 'balance',
      locale: 'zh-CN',
      card: '****0125',
      accounts: [{ usableLabel: '可用余额', usable: '¥1,234.56', parts: [] }],
    });
    expect(JSON.stringify(seen)).not.toContain(CARD);
  });

  it('shows the parts when the setting asks for them', () => {
    const { feed } = feedWith({ showParts: true, locale: 'en' });
    feed.answered(feed.lookupStarted(), ok());
    expect(feed.current().view).toMatchObject({
      accounts: [{ parts: [{ label: 'Real' }, { label: 'Gift' }, { label: 'Pre-stored' }] }],
    });
  });

  it('shows one neutral line for an error, with no code or reason', () => {
    const { feed } = feedWith();
    feed.answered(feed.lookupStarted(), failed);
    expect(feed.current().view).toEqual({
      kind: 'error',
      locale: 'zh-CN',
      storeName: '杭州西湖店',
      line: '请稍候',
    });
    const text = JSON.stringify(feed.current());
    for (const secretish of ['credentials', 'isv.invalid-session', 'req-2', '27', CARD])
      expect(text).not.toContain(secretish);
  });

  it('goes back to rest on clear, on the next scan and after its own timeout', () => {
    const { feed, clock, seen } = feedWith({ clearAfterSeconds: 20 });
    feed.answered(feed.lookupStarted(), ok());
    expect(clock.delays()).toEqual([20_000]);
    feed.clear();
    expect(feed.current().view.kind).toBe('rest');
    expect(clock.delays()).toEqual([]);

    feed.answered(feed.lookupStarted(), ok());
    feed.lookupStarted();
    expect(feed.current().view.kind).toBe('rest');

    feed.answered(feed.lookupStarted(), failed);
    clock.fireAll();
    expect(feed.current().view.kind).toBe('rest');
    expect(seen.map((u) => u.view.kind)).toEqual(['balance', 'rest', 'balance', 'rest', 'error', 'rest']);
  });

  it('drops an answer that is not the newest lookup, a cancelled one, and one cleared before it came', () => {
    const { feed, seen } = feedWith();
    const first = feed.lookupStarted();
    const second = feed.lookupStarted();
    feed.answered(first, ok());
    feed.answered(second, { kind: 'cancelled', cardId: CARD });
    expect(seen).toEqual([]);
    const third = feed.lookupStarted();
    feed.clear();
    feed.answered(third, ok());
    expect(seen).toEqual([]);
    expect(feed.current().view.kind).toBe('rest');
  });

  it('shows the same answer again in a new language when the settings change', () => {
    const { feed, settings } = feedWith();
    feed.answered(feed.lookupStarted(), ok());
    settings.customerDisplay = { ...settings.customerDisplay, locale: 'en' };
    feed.refresh();
    expect(feed.current().view).toMatchObject({ kind: 'balance', locale: 'en', cardLabel: 'Card' });
  });

  it('answers a long-poll at once when it is behind, and with the next view when it is not', async () => {
    const { feed } = feedWith();
    feed.answered(feed.lookupStarted(), ok());
    await expect(feed.next(0, 60_000)).resolves.toMatchObject({ seq: 1 });
    const waiting = feed.next(1, 60_000);
    feed.clear();
    await expect(waiting).resolves.toMatchObject({ seq: 2, view: { kind: 'rest' } });
  });

  it('answers a long-poll with the current view when it times out or the feed closes', async () => {
    const { feed, clock } = feedWith();
    const timedOut = feed.next(0, 25_000);
    expect(clock.delays()).toEqual([25_000]);
    clock.fireAll();
    await expect(timedOut).resolves.toMatchObject({ seq: 0 });
    const closing = feed.next(0, 25_000);
    feed.close();
    await expect(closing).resolves.toMatchObject({ seq: 0 });
  });
});

describe('the desk feeds the customer display from real lookups', () => {
  it('a demo lookup through balance:lookup reaches a subscriber; customer:clear rests it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bd-customer-desk-'));
    const desk = await createDesk({
      dataDir: dir,
      cipher: createDevCipher(path.join(dir, 'dev.key')),
      version: '9.9.9-test',
      argv: [],
      wellKnownProvisionPaths: [],
      pinCost: { N: 2 ** 10, r: 8, p: 1 },
      displays: () => [{ id: 5, width: 1024, height: 600, primary: false }],
    });
    try {
      const seen: CustomerViewUpdate[] = [];
      desk.customerView.subscribe((update) => seen.push(update));
      expect(desk.customerView.current().view).toMatchObject({
        kind: 'rest',
        storeName: '演示门店 Demo Store',
      });
      const outcome = await desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
      expect(outcome.kind).toBe('ok');
      expect(seen.at(-1)?.view).toMatchObject({ kind: 'balance', card: '****0125' });
      expect(await desk.call('customer:clear', {})).toEqual({ kind: 'cleared' });
      expect(seen.at(-1)?.view.kind).toBe('rest');
      expect(await desk.call('customer:displays', {})).toEqual({
        kind: 'displays',
        displays: [{ id: 5, width: 1024, height: 600, primary: false }],
      });
    } finally {
      await desk.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
