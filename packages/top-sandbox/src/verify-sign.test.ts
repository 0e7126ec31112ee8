import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { signTopParams } from '@balance-desk/top-client';
import { topSign, verifyTopSign, type TopSignMethod } from './verify-sign';

/** The test vectors of docs/TOP-PROTOCOL.md §2.1 (md5: a published example); `sign_method` is signed too. */
const vectorParams = (signMethod: TopSignMethod): Record<string, string> => ({
  app_key: 'test',
  fields: 'nick',
  format: 'xml',
  method: 'taobao.user.seller.get',
  session: 'test',
  sign_method: signMethod,
  timestamp: '2013-05-06 13:52:03',
  v: '2.0',
});
const VECTORS: Record<TopSignMethod, string> = {
  md5: '72CB4D809B375A54502C09360D879C64',
  hmac: 'FA15A9D5B42AB2D6F3397843851ED09A',
  'hmac-sha256': '267B9C1C7A2FE1CE413DBB95E596616D32107AE0992BE2C22143CFCE303E8E34',
};
const METHODS = Object.keys(VECTORS) as TopSignMethod[];

/** node-taobao-topclient's md5 signer (a root devDependency): a third implementation. */
const require = createRequire(import.meta.url);
const PeerTopClient = (
  require('node-taobao-topclient') as {
    default: new (o: { appkey: string; appsecret: string }) => { sign(p: Record<string, string>): string };
  }
).default;

/** The textbook definition with node's createHmac, over a base sorted by UTF-8 bytes. */
function reference(params: Record<string, string>, secret: string, method: TopSignMethod): string {
  const base = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((k) => k + params[k])
    .join('');
  if (method === 'md5')
    return createHash('md5')
      .update(secret + base + secret)
      .digest('hex')
      .toUpperCase();
  return createHmac(method === 'hmac' ? 'md5' : 'sha256', secret)
    .update(base)
    .digest('hex')
    .toUpperCase();
}

describe('topSign (the sandbox verifier, independent of top-client)', () => {
  it.each(METHODS)('matches the digest vector for %s', (method) => {
    expect(topSign(vectorParams(method), 'test', method)).toBe(VECTORS[method]);
  });

  it('agrees with node-taobao-topclient for md5 and with top-client for every method', () => {
    const params = {
      ...vectorParams('md5'),
      note: '杭州西湖店 & 余额=100%',
      timestamp: '2024-05-20 10:12:00',
    };
    expect(topSign(params, '秘密-secret', 'md5')).toBe(
      new PeerTopClient({ appkey: 'x', appsecret: '秘密-secret' }).sign(params),
    );
    for (const method of METHODS) {
      const p = { ...params, sign_method: method };
      expect(topSign(p, '秘密-secret', method)).toBe(signTopParams(p, '秘密-secret', method));
    }
  });

  it.each(METHODS)(
    '%s: skips sign and empty values; keys in UTF-8 byte order; long and non-ASCII secrets',
    (method) => {
      // U+FF61 sorts before U+1F600 by UTF-8 bytes (EF… < F0…) but after it by UTF-16 code units.
      const params = { '\u{1F600}': 'b', '\uFF61': 'a', empty: '', sign: 'OLD', z: 'ü' };
      for (const secret of ['k', 'é'.repeat(40), 'x'.repeat(65), 'y'.repeat(200)]) {
        expect(topSign(params, secret, method), secret.slice(0, 3)).toBe(reference(params, secret, method));
      }
      expect(topSign(params, 'k', method)).toBe(
        topSign({ '\uFF61': 'a', '\u{1F600}': 'b', z: 'ü' }, 'k', method),
      );
    },
  );

  it('keeps secrets apart however many apps it has seen (cached key pads)', () => {
    const params = vectorParams('hmac-sha256');
    const secrets = Array.from({ length: 80 }, (_, i) => `secret-${i}`);
    for (let round = 0; round < 2; round++)
      for (const secret of secrets)
        expect(topSign(params, secret, 'hmac-sha256')).toBe(reference(params, secret, 'hmac-sha256'));
    expect(topSign(params, 'test', 'hmac-sha256')).toBe(VECTORS['hmac-sha256']);
  });
});

describe('verifyTopSign', () => {
  it('accepts exactly the upper-case signature of the same parameters and secret', () => {
    const params = vectorParams('hmac');
    expect(verifyTopSign(params, 'test', 'hmac', VECTORS.hmac)).toBe(true);
    expect(verifyTopSign(params, 'test', 'hmac', VECTORS.hmac.toLowerCase())).toBe(false);
    expect(verifyTopSign(params, 'other', 'hmac', VECTORS.hmac)).toBe(false);
    expect(verifyTopSign({ ...params, fields: 'nick,sex' }, 'test', 'hmac', VECTORS.hmac)).toBe(false);
    expect(verifyTopSign(params, 'test', 'hmac-sha256', VECTORS.hmac)).toBe(false);
    expect(verifyTopSign(params, 'test', 'hmac', `${VECTORS.hmac}00`)).toBe(false);
    expect(verifyTopSign(params, 'test', 'hmac', '')).toBe(false);
  });
});
