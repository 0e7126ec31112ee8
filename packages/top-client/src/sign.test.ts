import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { independentSign } from './test-support/independent-sign';
import { buildTopParams, encodeForm } from './params';
import { signTopParams, topSignBase, type SignMethod } from './sign';

/** The test vectors of docs/TOP-PROTOCOL.md §2.1 (md5: a published example); `sign_method` is signed too. */
const vectorParams = (signMethod: SignMethod): Record<string, string> => ({
  app_key: 'test',
  fields: 'nick',
  format: 'xml',
  method: 'taobao.user.seller.get',
  session: 'test',
  sign_method: signMethod,
  timestamp: '2013-05-06 13:52:03',
  v: '2.0',
});
const VECTOR_PARAMS = vectorParams('md5');
const VECTORS: Record<SignMethod, string> = {
  md5: '72CB4D809B375A54502C09360D879C64',
  hmac: 'FA15A9D5B42AB2D6F3397843851ED09A',
  'hmac-sha256': '267B9C1C7A2FE1CE413DBB95E596616D32107AE0992BE2C22143CFCE303E8E34',
};

/** node-taobao-topclient's own md5 signer (the root devDependency), as a second opinion. */
interface PeerClient {
  sign(params: Record<string, string>): string;
}
const require = createRequire(import.meta.url);
const PeerTopClient = (
  require('node-taobao-topclient') as {
    default: new (o: { appkey: string; appsecret: string }) => PeerClient;
  }
).default;
const peerSign = (params: Record<string, string>, secret: string): string =>
  new PeerTopClient({ appkey: 'x', appsecret: secret }).sign(params);

describe('signTopParams', () => {
  it.each(Object.entries(VECTORS))('matches the digest vector for %s', (method, expected) => {
    const params = vectorParams(method as SignMethod);
    expect(signTopParams(params, 'test', method as SignMethod)).toBe(expected);
    expect(independentSign(params, 'test', method as SignMethod)).toBe(expected);
  });

  it('matches node-taobao-topclient for md5', () => {
    expect(peerSign(VECTOR_PARAMS, 'test')).toBe(VECTORS.md5);
    const params = {
      method: 'alibaba.alsc.crm.recharge.account.get',
      app_key: 'demo',
      timestamp: '2024-05-20 10:12:00',
      q: '{"a":"余额"}',
    };
    expect(signTopParams(params, 's3cr3t', 'md5')).toBe(peerSign(params, 's3cr3t'));
  });

  it('never signs the sign parameter itself, nor empty values', () => {
    const withSign = { ...VECTOR_PARAMS, sign: 'WHATEVER', empty: '' };
    expect(signTopParams(withSign, 'test', 'md5')).toBe(VECTORS.md5);
  });

  it('orders keys by ASCII code unit, not locale or case-insensitively', () => {
    // The documented example (docs/TOP-PROTOCOL.md §2.1 step 2).
    expect(topSignBase({ foo: '1', bar: '2', foo_bar: '3', foobar: '4' })).toBe('bar2foo1foo_bar3foobar4');
    // Upper case sorts before lower case, `_` (0x5F) between them, digits before letters.
    expect(topSignBase({ b: '1', B: '2', _x: '3', a1: '4', a_: '5', A: '6' })).toBe('A6B2_x3a14a_5b1');
    const params = {
      zeta: 'z',
      Alpha: 'A',
      alpha: 'a',
      'alpha.beta': 'ab',
      alpha_beta: 'a_b',
      '9lives': '9',
    };
    for (const method of ['md5', 'hmac', 'hmac-sha256'] as const) {
      expect(signTopParams(params, 'k', method)).toBe(independentSign(params, 'k', method));
    }
  });

  it('signs UTF-8 Chinese values raw (before URL encoding)', () => {
    const params = { method: 'x.y', shop_name: '杭州西湖店', note: '余额 ¥ 100 元', emoji: '🧧' };
    for (const method of ['md5', 'hmac', 'hmac-sha256'] as const) {
      expect(signTopParams(params, '密钥-secret', method)).toBe(
        independentSign(params, '密钥-secret', method),
      );
    }
    expect(signTopParams(params, '密钥-secret', 'md5')).toBe(peerSign(params, '密钥-secret'));
  });

  it('signs exactly the JSON string that is sent for an object parameter', () => {
    const query = { brand_id: '3724809629', shop_id: '3724809631', card_id: '111950000052400125' };
    const wire = buildTopParams(
      'alibaba.alsc.crm.recharge.account.get',
      { param_query_recharge_account_open_req: query },
      {
        appKey: 'demo',
        signMethod: 'md5',
        format: 'json',
        simplify: true,
        session: undefined,
        partnerId: 'p',
      },
      '2024-05-20 10:12:00',
    );
    const sent = wire.param_query_recharge_account_open_req;
    expect(sent).toBe('{"brand_id":"3724809629","shop_id":"3724809631","card_id":"111950000052400125"}');
    const sign = signTopParams(wire, 'secret', 'md5');
    // What arrives on the wire, decoded, carries a sign that verifies over the same string.
    const received = Object.fromEntries(new URLSearchParams(`${encodeForm(wire)}&sign=${sign}`));
    expect(received.param_query_recharge_account_open_req).toBe(sent);
    expect(independentSign(received, 'secret', 'md5')).toBe(received.sign);
    // node-taobao-topclient JSON.stringifies objects the same way before signing.
    const peerArgs = { ...wire, param_query_recharge_account_open_req: JSON.stringify(query) };
    expect(peerSign(peerArgs, 'secret')).toBe(sign);
  });

  it('produces upper-case hex of the right length', () => {
    expect(signTopParams({ a: '1' }, 's', 'md5')).toMatch(/^[0-9A-F]{32}$/);
    expect(signTopParams({ a: '1' }, 's', 'hmac')).toMatch(/^[0-9A-F]{32}$/);
    expect(signTopParams({ a: '1' }, 's', 'hmac-sha256')).toMatch(/^[0-9A-F]{64}$/);
  });
});
