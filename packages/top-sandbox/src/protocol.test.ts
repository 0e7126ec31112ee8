import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTopTimestamp, signTopParams } from '@balance-desk/top-client';
import { BIZ_PARAM } from './protocol';
import { DEMO_APP_KEY, DEMO_APP_SECRET, DEMO_BRAND_ID, DEMO_SHOP_ID } from './demo-data';
import { startSandbox, type RunningSandbox } from './server';
import { postJson, raw, signedParams, topError } from './test-support/helpers';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const SEED = '111950000052400125';

function usableOf(json: Record<string, unknown>): unknown {
  return (json as { result?: { result?: { usable_value?: unknown } } }).result?.result?.usable_value;
}

describe('routing and HTTP verbs', () => {
  it('serves /router/rest only: other paths are 404', async () => {
    for (const path of ['/', '/router', '/router/rest/x', '/top/router/rest']) {
      const res = await raw(sandbox.url, { path, body: signedParams() });
      expect(res.status, path).toBe(404);
    }
  });

  it('answers 9 "Http Action Not Allowed" to verbs other than GET and POST', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      expect(
        await topError(sandbox.url, { method, query: { format: 'json' }, body: signedParams() }),
      ).toMatchObject({
        code: 9,
        msg: 'Http Action Not Allowed',
      });
    }
  });

  it('accepts a form POST, a GET with everything in the query, and the Java SDK layout (system params in the URL, business params in the body)', async () => {
    const params = signedParams();
    expect(usableOf(await postJson(sandbox.url, params))).toBe(4000);
    const get = await raw(sandbox.url, { method: 'GET', query: params });
    expect(usableOf(JSON.parse(get.text) as Record<string, unknown>)).toBe(4000);
    const { [BIZ_PARAM]: biz = '', ...system } = params;
    const split = await raw(sandbox.url, { query: system, body: { [BIZ_PARAM]: biz } });
    expect(usableOf(JSON.parse(split.text) as Record<string, unknown>)).toBe(4000);
  });

  it('decodes a UTF-8 body with + for spaces (the timestamp) like any form decoder', async () => {
    const params = signedParams();
    const body = Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
      .join('&');
    const res = await raw(sandbox.url, { body });
    expect(usableOf(JSON.parse(res.text) as Record<string, unknown>)).toBe(4000);
  });
});

describe('limits and options', () => {
  it('refuses a request body over 1 MiB with 413', async () => {
    const res = await raw(sandbox.url, { body: { ...signedParams(), padding: 'x'.repeat(1024 * 1024) } });
    expect(res.status).toBe(413);
  });

  it('rejects bad options before listening', async () => {
    await expect(startSandbox({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
    await expect(startSandbox({ apps: [{ appKey: 'k', appSecret: '' }] })).rejects.toThrow(/appSecret/);
    expect(() => sandbox.setLatency(Number.NaN)).toThrow(/latency/);
  });
});

describe('system parameters', () => {
  it('method: missing 21, unknown 22', async () => {
    expect(await topError(sandbox.url, { body: signedParams({ set: { method: undefined } }) })).toEqual({
      code: 21,
      msg: 'Missing Method',
    });
    expect(
      await topError(sandbox.url, { body: signedParams({ set: { method: 'taobao.user.seller.get' } }) }),
    ).toEqual({ code: 22, msg: 'Invalid Method' });
  });

  it('format: anything but json/xml is 23, answered in XML (the default)', async () => {
    const res = await raw(sandbox.url, { body: signedParams({ set: { format: 'yaml' } }) });
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8" \?><error_response><code>23<\/code><msg>Invalid Format<\/msg>/,
    );
    expect(res.text).toMatch(/<request_id>\w+<\/request_id><\/error_response>$/);
  });

  it('app_key: missing 28, unknown 29', async () => {
    expect(await topError(sandbox.url, { body: signedParams({ set: { app_key: undefined } }) })).toEqual({
      code: 28,
      msg: 'Missing App Key',
    });
    expect(await topError(sandbox.url, { body: signedParams({ set: { app_key: 'someone-else' } }) })).toEqual(
      { code: 29, msg: 'Invalid App Key' },
    );
  });

  it('timestamp: missing 30; garbled, impossible or outside the 10-minute window 31; inside the window accepted', async () => {
    expect(await topError(sandbox.url, { body: signedParams({ set: { timestamp: undefined } }) })).toEqual({
      code: 30,
      msg: 'Missing Timestamp',
    });
    for (const timestamp of ['yesterday', '2024-02-31 10:00:00', '2024/05/20 10:00:00', String(Date.now())]) {
      expect(
        await topError(sandbox.url, { body: signedParams({ set: { timestamp } }) }),
        timestamp,
      ).toMatchObject({ code: 31, msg: 'Invalid Timestamp' });
    }
    const minutes = (m: number): Date => new Date(Date.now() + m * 60_000);
    expect(await topError(sandbox.url, { body: signedParams({ now: minutes(-11) }) })).toMatchObject({
      code: 31,
    });
    expect(await topError(sandbox.url, { body: signedParams({ now: minutes(11) }) })).toMatchObject({
      code: 31,
    });
    expect(await topError(sandbox.url, { body: signedParams({ now: minutes(-9) }) })).toBeUndefined();
    expect(await topError(sandbox.url, { body: signedParams({ now: minutes(9) }) })).toBeUndefined();
  });

  it('timestamp is read as GMT+8: the same wall clock in UTC is 8 hours off and rejected', async () => {
    const utcWallClock = new Date().toISOString().slice(0, 19).replace('T', ' ');
    expect(
      await topError(sandbox.url, { body: signedParams({ set: { timestamp: utcWallClock } }) }),
    ).toMatchObject({ code: 31 });
  });

  it('honours the injected clock and skew tolerance', async () => {
    const fixed = new Date('2030-01-01T00:00:00Z');
    const strict = await startSandbox({ now: () => fixed, skewToleranceSeconds: 30 });
    try {
      expect(
        await topError(strict.url, { body: signedParams({ now: new Date(fixed.getTime() + 20_000) }) }),
      ).toBeUndefined();
      expect(
        await topError(strict.url, { body: signedParams({ now: new Date(fixed.getTime() + 40_000) }) }),
      ).toMatchObject({ code: 31 });
      expect(await topError(strict.url, { body: signedParams() })).toMatchObject({ code: 31 });
    } finally {
      await strict.close();
    }
  });

  it('v: missing 32, anything but 2.0 is 34', async () => {
    expect(await topError(sandbox.url, { body: signedParams({ set: { v: undefined } }) })).toEqual({
      code: 32,
      msg: 'Missing Version',
    });
    for (const v of ['1.0', '2', 'abc']) {
      expect(await topError(sandbox.url, { body: signedParams({ set: { v } }) }), v).toMatchObject({
        code: 34,
        msg: 'Unsupported Version',
      });
    }
  });
});

describe('signature', () => {
  it.each(['md5', 'hmac', 'hmac-sha256'] as const)('verifies %s', async (signMethod) => {
    const params = signedParams({ signMethod });
    expect(params.sign).toMatch(signMethod === 'hmac-sha256' ? /^[0-9A-F]{64}$/ : /^[0-9A-F]{32}$/);
    expect(usableOf(await postJson(sandbox.url, params))).toBe(4000);
    expect(
      await topError(sandbox.url, { body: signedParams({ signMethod, secret: 'wrong-secret' }) }),
    ).toEqual({ code: 25, msg: 'Invalid Signature' });
  });

  it('missing sign 24; unknown sign_method, lower-case hex or a tampered parameter 25', async () => {
    const params = signedParams();
    const { sign = '', ...unsigned } = params;
    expect(await topError(sandbox.url, { body: unsigned })).toEqual({ code: 24, msg: 'Missing Signature' });
    expect(await topError(sandbox.url, { body: { ...params, sign: sign.toLowerCase() } })).toMatchObject({
      code: 25,
    });
    const sha1 = { ...unsigned, sign_method: 'sha1' };
    expect(
      await topError(sandbox.url, { body: { ...sha1, sign: signTopParams(sha1, DEMO_APP_SECRET, 'md5') } }),
    ).toMatchObject({ code: 25 });
    const tampered = {
      ...params,
      [BIZ_PARAM]: JSON.stringify({
        brand_id: DEMO_BRAND_ID,
        shop_id: DEMO_SHOP_ID,
        card_id: '111950000052400503',
      }),
    };
    expect(await topError(sandbox.url, { body: tampered })).toMatchObject({ code: 25 });
    expect(await topError(sandbox.url, { body: { ...params, extra: 'added after signing' } })).toMatchObject({
      code: 25,
    });
  });

  it('treats an absent sign_method as md5 (older gateways and SDKs)', async () => {
    const params = signedParams({ set: { sign_method: undefined }, signMethod: 'md5' });
    expect(params.sign_method).toBeUndefined();
    expect(usableOf(await postJson(sandbox.url, params))).toBe(4000);
  });

  it('never echoes the secret or the sign in an error', async () => {
    const params = signedParams({ secret: 'wrong-secret' });
    const res = await raw(sandbox.url, { body: params });
    expect(res.text).not.toContain(params.sign);
    expect(res.text).not.toContain(DEMO_APP_SECRET);
    expect(res.text).not.toContain('wrong-secret');
  });
});

describe('session (apps with requireSession)', () => {
  it('missing 26, wrong 27, right accepted; apps without requireSession ignore it', async () => {
    const app = { appKey: 'pos-app', appSecret: 'pos-secret', requireSession: 'session-123' };
    const withSession = await startSandbox({
      apps: [app, { appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET }],
    });
    try {
      const as = (session: string | undefined): Record<string, string> =>
        signedParams({ secret: app.appSecret, set: { app_key: app.appKey, session } });
      expect(await topError(withSession.url, { body: as(undefined) })).toEqual({
        code: 26,
        msg: 'Missing Session',
      });
      expect(await topError(withSession.url, { body: as('session-999') })).toMatchObject({
        code: 27,
        msg: 'Invalid Session',
        sub_code: 'invalid-sessionkey',
      });
      expect(usableOf(await postJson(withSession.url, as('session-123')))).toBe(4000);
      expect(usableOf(await postJson(withSession.url, signedParams({ set: { session: 'anything' } })))).toBe(
        4000,
      );
    } finally {
      await withSession.close();
    }
  });
});

describe('business parameter', () => {
  const withQuery = (query: Record<string, unknown>): Record<string, string> => signedParams({ query });

  it('missing brand, shop or the whole parameter: 40 isv.missing-parameter', async () => {
    for (const query of [
      { shop_id: DEMO_SHOP_ID, card_id: SEED },
      { brand_id: DEMO_BRAND_ID, card_id: SEED },
      { brand_id: '', shop_id: DEMO_SHOP_ID, card_id: SEED },
    ]) {
      expect(await topError(sandbox.url, { body: withQuery(query) })).toMatchObject({
        code: 40,
        msg: 'Missing Required Arguments',
        sub_code: 'isv.missing-parameter',
      });
    }
    expect(
      await topError(sandbox.url, { body: signedParams({ set: { [BIZ_PARAM]: undefined } }) }),
    ).toMatchObject({ code: 40 });
  });

  it('unparseable JSON, a non-object, a numeric id or no account_id/card_id/customer_id: 41 isv.invalid-parameter', async () => {
    const bad = [
      signedParams({ set: { [BIZ_PARAM]: '{"brand_id":"3724809629",' } }),
      signedParams({ set: { [BIZ_PARAM]: '["3724809629"]' } }),
      withQuery({ brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID }),
      withQuery({ brand_id: DEMO_BRAND_ID, shop_id: DEMO_SHOP_ID, card_id: Number(SEED) }),
    ];
    for (const body of bad) {
      expect(await topError(sandbox.url, { body })).toMatchObject({
        code: 41,
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-parameter',
      });
    }
  });
});

describe('request ids', () => {
  it('gives every answer, success or error, a distinct request_id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const ok = (await postJson(sandbox.url, signedParams())) as { request_id: string };
      const err = (await postJson(sandbox.url, signedParams({ set: { v: '1.0' } }))) as {
        error_response: { request_id: string };
      };
      ids.add(ok.request_id).add(err.error_response.request_id);
    }
    expect(ids.size).toBe(10);
  });

  it('counts requests', async () => {
    const before = sandbox.requestCount();
    await raw(sandbox.url, { body: signedParams() });
    await raw(sandbox.url, { path: '/nope' });
    expect(sandbox.requestCount()).toBe(before + 2);
  });
});

it('formats timestamps the way the checks expect (sanity of the helper)', () => {
  expect(formatTopTimestamp(new Date('2024-05-20T02:12:00Z'))).toBe('2024-05-20 10:12:00');
});
