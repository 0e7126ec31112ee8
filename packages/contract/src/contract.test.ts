import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_CHANNELS } from './api';
import { CHANNEL_NAMES, channels, isChannelName } from './channels';
import { LookupOutcome } from './outcome';
import { SettingsPatch } from './settings';

describe('answers: ok is the envelope, kind tells business answers apart', () => {
  it('every answer with alternatives is a union on kind, and none carries an ok field', () => {
    const unions = CHANNEL_NAMES.filter((name) => channels[name].response instanceof z.ZodUnion);
    expect(unions.sort()).toEqual(
      [
        'audit:recent',
        'balance:lookup',
        'connection:test',
        'kiosk:exit',
        'pin:set',
        'pin:verify',
        'printers:list',
        'settings:update',
        'slip:print',
        'slip:test',
      ].sort(),
    );
    for (const name of unions) {
      const schema = channels[name].response;
      expect(schema, name).toBeInstanceOf(z.ZodDiscriminatedUnion);
      if (!(schema instanceof z.ZodDiscriminatedUnion)) continue;
      expect(schema.def.discriminator, name).toBe('kind');
      for (const option of schema.options)
        if (option instanceof z.ZodObject) expect(Object.keys(option.shape), name).not.toContain('ok');
    }
  });
});

describe('channel map', () => {
  it('every API method maps to a distinct, existing channel, and every channel is reachable', () => {
    const used = Object.values(API_CHANNELS);
    expect(new Set(used).size).toBe(used.length);
    expect([...used].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('channel names follow domain:verb', () => {
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it('isChannelName refuses prototype keys and non-strings', () => {
    expect(isChannelName('balance:lookup')).toBe(true);
    for (const bad of ['__proto__', 'constructor', 'toString', '', 42, null, undefined, {}]) {
      expect(isChannelName(bad)).toBe(false);
    }
  });

  it.each([
    ['missing field', {}],
    ['wrong type', { cardId: 42 }],
    ['extra key', { cardId: '1', admin: true }],
    ['oversized', { cardId: 'x'.repeat(5000) }],
    ['null', null],
    ['array', ['1']],
  ])('balance:lookup rejects %s', (_name, payload) => {
    expect(channels['balance:lookup'].request.safeParse(payload).success).toBe(false);
  });

  it('settings:update rejects keys that are not settings and a PIN that is not digits', () => {
    const req = channels['settings:update'].request;
    const token = 'a'.repeat(32);
    expect(req.safeParse({ managerToken: token, patch: { locale: 'en' } }).success).toBe(true);
    expect(req.safeParse({ managerToken: token, patch: { hasAppSecret: true } }).success).toBe(false);
    expect(req.safeParse({ managerToken: token, patch: { idleClearSeconds: 1.5 } }).success).toBe(false);
    expect(channels['pin:set'].request.safeParse({ newPin: '12ab' }).success).toBe(false);
  });

  it('settings:update answers a save the disk refused with a reason and an errno code, never a message', () => {
    const res = channels['settings:update'].response;
    expect(res.safeParse({ kind: 'failed', reason: 'disk', code: 'ENOSPC' }).success).toBe(true);
    expect(res.safeParse({ kind: 'failed', reason: 'disk-not-undone' }).success).toBe(true);
    expect(res.safeParse({ kind: 'failed', reason: 'full' }).success).toBe(false);
    expect(
      res.safeParse({ kind: 'failed', reason: 'disk', code: "ENOSPC: no space, open '/x'" }).success,
    ).toBe(false);
  });

  it('a settings patch can delete a secret with null but never read one', () => {
    expect(SettingsPatch.parse({ sessionKey: null })).toEqual({ sessionKey: null });
  });
});

describe('LookupOutcome', () => {
  const base = { cardId: '1', latencyMs: 1, at: '2026-01-01T00:00:00.000Z' };
  const account = {
    accountId: 'A',
    cardId: '1',
    deleted: false,
    usable: 1,
    real: 1,
    realTotal: 1,
    gift: 0,
    giftTotal: 0,
    preStored: 0,
    preStoredTotal: 0,
  };

  it('accepts integer amounts only', () => {
    expect(
      LookupOutcome.safeParse({ ...base, kind: 'ok', amountUnit: 'fen', accounts: [account] }).success,
    ).toBe(true);
    expect(
      LookupOutcome.safeParse({
        ...base,
        kind: 'ok',
        amountUnit: 'fen',
        accounts: [{ ...account, usable: 0.1 }],
      }).success,
    ).toBe(false);
    expect(
      LookupOutcome.safeParse({
        ...base,
        kind: 'ok',
        amountUnit: 'fen',
        accounts: [{ ...account, usable: 2 ** 60 }],
      }).success,
    ).toBe(false);
  });

  it('an ok outcome has at least one account', () => {
    expect(LookupOutcome.safeParse({ ...base, kind: 'ok', amountUnit: 'fen', accounts: [] }).success).toBe(
      false,
    );
  });
});
