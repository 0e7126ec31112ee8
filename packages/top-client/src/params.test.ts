import { describe, expect, it } from 'vitest';
import { buildTopParams, encodeForm, responseKey, wireValue, type SystemParams } from './params';

const SYSTEM: SystemParams = {
  appKey: 'key',
  signMethod: 'hmac-sha256',
  format: 'json',
  simplify: true,
  session: undefined,
  partnerId: 'balance-desk-test',
};

describe('wireValue', () => {
  it('sends numbers and booleans as String(), objects as compact JSON, dates in GMT+8', () => {
    expect(wireValue(42)).toBe('42');
    expect(wireValue(-0.5)).toBe('-0.5');
    expect(wireValue(true)).toBe('true');
    expect(wireValue(false)).toBe('false');
    expect(wireValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(wireValue({ b: 1, a: [1, '二'] })).toBe('{"b":1,"a":[1,"二"]}');
    expect(wireValue(new Date('2024-05-20T02:12:00Z'))).toBe('2024-05-20 10:12:00');
  });

  it('leaves empty values out', () => {
    expect(wireValue('')).toBeUndefined();
    expect(wireValue(null)).toBeUndefined();
    expect(wireValue(undefined)).toBeUndefined();
  });

  it('refuses values that cannot be sent faithfully', () => {
    expect(() => wireValue(Number.NaN)).toThrow(TypeError);
    expect(() => wireValue(Infinity)).toThrow(TypeError);
  });
});

describe('buildTopParams', () => {
  it('sets the system parameters and never an empty one', () => {
    const params = buildTopParams(
      'a.b.c',
      { card: '1', empty: '', none: undefined, nil: null },
      SYSTEM,
      '2024-01-02 03:04:05',
    );
    expect(params).toEqual({
      method: 'a.b.c',
      app_key: 'key',
      timestamp: '2024-01-02 03:04:05',
      v: '2.0',
      sign_method: 'hmac-sha256',
      format: 'json',
      simplify: 'true',
      partner_id: 'balance-desk-test',
      card: '1',
    });
  });

  it('sends session only when set, and simplify only for JSON', () => {
    const xml = buildTopParams('a.b', {}, { ...SYSTEM, format: 'xml', session: 'sess-key' }, 't');
    expect(xml.session).toBe('sess-key');
    expect(xml.format).toBe('xml');
    expect('simplify' in xml).toBe(false);
    const standard = buildTopParams('a.b', {}, { ...SYSTEM, simplify: false }, 't');
    expect('simplify' in standard).toBe(false);
    expect('session' in standard).toBe(false);
  });

  it('refuses a business parameter that would shadow a system one', () => {
    for (const key of ['sign', 'timestamp', 'app_key', 'session', 'format']) {
      expect(() => buildTopParams('a.b', { [key]: 'x' }, SYSTEM, 't')).toThrow(/system parameter/);
    }
  });
});

describe('encodeForm', () => {
  it('percent-encodes UTF-8 so that a standard form decoder gets the same strings back', () => {
    const params = { q: '{"shop":"杭州 西湖&店"}', plus: 'a+b=c', ts: '2024-01-02 03:04:05' };
    const body = encodeForm(params);
    expect(body).not.toMatch(/[ {}"+]/);
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual(params);
  });
});

describe('responseKey', () => {
  it('turns dots into underscores, adds _response and drops a leading taobao.', () => {
    expect(responseKey('alibaba.alsc.crm.recharge.account.get')).toBe(
      'alibaba_alsc_crm_recharge_account_get_response',
    );
    expect(responseKey('taobao.user.seller.get')).toBe('user_seller_get_response');
    expect(responseKey('taobaoke.x')).toBe('taobaoke_x_response');
  });
});
