import { CHANNEL_NAMES, type ChannelName } from '@balance-desk/contract';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from './desk';
import { dispatchIpc } from './dispatch';
import { managerToken, startDesk, type DeskFixture } from '../test-support/desk-fixture';
import { parseResponse } from '../test-support/response-schema';

let fx: DeskFixture;
let token: string;
beforeAll(async () => {
  fx = await startDesk();
  token = await managerToken(fx.desk);
});
afterAll(() => fx.close());

/** A valid request for every channel (the "happy" payloads). */
function goodRequests(): Record<ChannelName, unknown> {
  return {
    'balance:lookup': { cardId: DEMO_CARDS.seed },
    'settings:get': {},
    'settings:update': { managerToken: token, patch: { shopName: 'Test shop', locale: 'en' } },
    'pin:verify': { pin: '246810' },
    'pin:set': { newPin: '246810', managerToken: token },
    'connection:test': {},
    'app:status': {},
    'journal:recent': { limit: 5 },
    'kiosk:exit': { managerToken: token },
    'audit:recent': { managerToken: token, limit: 5 },
    'slip:print': { at: '2026-11-29T13:15:31.000Z' },
    'slip:test': { managerToken: token },
    'printers:list': { managerToken: token },
    'customer:clear': {},
    'customer:displays': {},
  };
}

describe('dispatchIpc', () => {
  it('every channel answers ok with a value that conforms to its response schema', async () => {
    const requests = goodRequests();
    for (const channel of CHANNEL_NAMES) {
      const reply = await dispatchIpc(fx.desk, channel, requests[channel]);
      expect(reply.ok, channel).toBe(true);
      if (!reply.ok) continue;
      const parsed = parseResponse(channel, reply.value);
      expect(parsed.success, `${channel}: ${parsed.issues}`).toBe(true);
    }
  });

  it('the PIN-gated answers conform too (unauthorized, wrong PIN)', async () => {
    const bad = 'f'.repeat(64);
    for (const [channel, payload] of [
      ['settings:update', { managerToken: bad, patch: {} }],
      ['kiosk:exit', { managerToken: bad }],
      ['pin:set', { newPin: '13579', managerToken: bad }],
      ['connection:test', { managerToken: bad, draft: { appKey: 'x' } }],
      ['connection:test', { draft: { appKey: 'x' } }],
    ] as const) {
      const reply = await dispatchIpc(fx.desk, channel, payload);
      expect(reply, channel).toEqual({ ok: true, value: { kind: 'unauthorized' } });
      expect(parseResponse(channel, { kind: 'unauthorized' }).success).toBe(true);
    }
    const wrong = await dispatchIpc(fx.desk, 'pin:verify', { pin: '000000' });
    expect(wrong.ok && parseResponse('pin:verify', wrong.value).success).toBe(true);
    expect(wrong).toMatchObject({ ok: true, value: { kind: 'wrong-pin' } });
  });

  it('no-argument channels accept an absent payload', async () => {
    expect((await dispatchIpc(fx.desk, 'app:status', undefined)).ok).toBe(true);
  });

  const SECRETISH = 'hunter2-super-secret-value';
  const hostile: [string, unknown, unknown][] = [
    ['unknown channel', 'balance:steal', {}],
    ['channel not a string', 42, {}],
    ['channel null', null, {}],
    ['prototype channel', '__proto__', {}],
    ['constructor channel', 'constructor', {}],
    ['toString channel', 'toString', {}],
    ['null payload', 'balance:lookup', null],
    ['array payload', 'balance:lookup', [DEMO_CARDS.seed]],
    ['string payload', 'balance:lookup', DEMO_CARDS.seed],
    ['wrong type', 'balance:lookup', { cardId: 1119 }],
    ['extra key', 'balance:lookup', { cardId: '1', extra: SECRETISH }],
    ['__proto__ key', 'balance:lookup', JSON.parse(`{"cardId":"1","__proto__":{"polluted":"${SECRETISH}"}}`)],
    ['constructor key', 'app:status', { constructor: { prototype: { polluted: true } } }],
    ['huge string', 'balance:lookup', { cardId: '9'.repeat(1_000_000) }],
    ['nested huge', 'settings:update', { managerToken: token, patch: { shopName: 'x'.repeat(100_000) } }],
    [
      'secret in wrong field type',
      'settings:update',
      { managerToken: token, patch: { appSecret: 12345, appKey: SECRETISH, bogus: SECRETISH } },
    ],
    ['secret as unknown key', 'pin:verify', { pin: '1234', [SECRETISH]: SECRETISH }],
    ['limit out of range', 'journal:recent', { limit: 1e9 }],
    ['NaN limit', 'journal:recent', { limit: Number.NaN }],
    ['short token', 'kiosk:exit', { managerToken: 'short' }],
    ['bad pin format', 'pin:set', { newPin: '12ab' }],
  ];

  it.each(hostile)('%s → invalid-request without echoing input', async (_name, channel, payload) => {
    const reply = await dispatchIpc(fx.desk, channel, payload);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-request');
    const text = JSON.stringify(reply);
    expect(text).not.toContain(SECRETISH);
    expect(text).not.toContain('99999999');
    expect(text.length).toBeLessThan(2000);
  });

  it('names each refused field as a {path, code} pair the form can show, never as text to parse', async () => {
    const reply = await dispatchIpc(fx.desk, 'settings:update', {
      managerToken: token,
      patch: { idleClearSeconds: 1, shopName: 'x'.repeat(100), scanner: { maxGapMs: 9999 }, kiosk: 'yes' },
    });
    if (reply.ok) throw new Error('expected invalid-request');
    expect(reply.error.code).toBe('invalid-request');
    expect(reply.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'patch.idleClearSeconds', code: 'out-of-range' },
        { path: 'patch.shopName', code: 'too-long' },
        { path: 'patch.scanner.maxGapMs', code: 'out-of-range' },
        { path: 'patch.kiosk', code: 'invalid-value' },
      ]),
    );
  });

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a throwing handler becomes internal, without its message', async () => {
    const broken: Desk = {
      call: async () => {
        throw new Error(`boom with ${SECRETISH}`);
      },
      onKioskExit: () => () => undefined,
      onSettingsChanged: () => () => undefined,
      slipPreview: () => ({ kind: 'none', reason: 'not-on-screen' }),
      customerView: {
        current: () => ({ seq: 0, view: { kind: 'rest', locale: 'en', storeName: '', welcome: 'Welcome' } }),
        subscribe: () => () => undefined,
        next: async () => ({
          seq: 0,
          view: { kind: 'rest', locale: 'en', storeName: '', welcome: 'Welcome' },
        }),
      },
      close: async () => undefined,
    };
    const reply = await dispatchIpc(broken, 'app:status', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'internal error (Error)' } });
  });
});
