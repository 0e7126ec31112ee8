import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatTopTimestamp } from './timestamp';
import { TopApiError, TopResponseError, TopTransportError } from './errors';
import { TopClient } from './client';
import type { TopClientOptions } from './types';
import type { SignMethod } from './sign';
import { independentSign } from './test-support/independent-sign';
import { sendJson, type TestServer, useTestServers } from './test-support/servers';

const SECRET = 'app-secret-for-tests-0001';
const SESSION = 'session-key-for-tests-0002';
const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const NOW = new Date('2024-05-20T02:12:00Z');
const QUERY = { brand_id: '3724809629', shop_id: '3724809631', card_id: '111950000052400125' };
const RESULT = {
  biz_success: true,
  result_code: '0',
  result_desc: '成功',
  result_view: '',
  result: { account_id: 'RA-0001', usable_value: 4000 },
};

const { defer, serve } = useTestServers();

function client(server: TestServer, options: Partial<TopClientOptions> = {}): TopClient {
  const c = new TopClient({
    appKey: 'test-app',
    appSecret: SECRET,
    gatewayUrl: server.url,
    now: () => NOW,
    ...options,
  });
  defer(() => c.close());
  return c;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

describe('TopClient request encoding', () => {
  it.each(['md5', 'hmac', 'hmac-sha256'] as SignMethod[])(
    'POSTs a UTF-8 form whose %s signature an independent verifier accepts',
    async (signMethod) => {
      const server = await serve((_req, res, got) => {
        const valid = independentSign(got.params, SECRET, signMethod) === got.params.sign;
        sendJson(
          res,
          valid
            ? { result: RESULT, request_id: 'req-ok' }
            : { error_response: { code: 25, msg: 'Invalid signature' } },
        );
      });
      const answer = await client(server, { signMethod, session: SESSION }).execute(METHOD, {
        param_query_recharge_account_open_req: QUERY,
        note: '杭州西湖店 & 余额=100%',
        count: 5,
        flag: true,
        empty: '',
        missing: undefined,
      });
      expect(answer).toEqual({ body: { result: RESULT, request_id: 'req-ok' }, requestId: 'req-ok' });

      const [got] = server.requests;
      expect(got?.method).toBe('POST');
      expect(got?.contentType).toBe('application/x-www-form-urlencoded;charset=utf-8');
      expect(got?.params).toEqual({
        method: METHOD,
        app_key: 'test-app',
        timestamp: formatTopTimestamp(NOW),
        v: '2.0',
        sign_method: signMethod,
        format: 'json',
        simplify: 'true',
        session: SESSION,
        partner_id: 'balance-desk-0.1.0',
        param_query_recharge_account_open_req: JSON.stringify(QUERY),
        note: '杭州西湖店 & 余额=100%',
        count: '5',
        flag: 'true',
        sign: expect.stringMatching(signMethod === 'hmac-sha256' ? /^[0-9A-F]{64}$/ : /^[0-9A-F]{32}$/),
      });
    },
  );

  it('reuses one keep-alive connection for calls a moment apart', async () => {
    const server = await serve((_req, res) => sendJson(res, { result: RESULT }));
    const c = client(server);
    for (let i = 0; i < 5; i++) {
      await c.execute(METHOD, { param_query_recharge_account_open_req: QUERY });
      // A cashier's scans are seconds apart; one event-loop turn is all undici needs before reusing a socket.
      await new Promise((next) => setImmediate(next));
    }
    expect(server.requests).toHaveLength(5);
    expect(server.connections()).toBe(1);
  });

  it('keeps back-to-back calls on two keep-alive connections', async () => {
    const server = await serve((_req, res) => sendJson(res, { result: RESULT }));
    const c = client(server);
    // undici waits one event-loop turn before reusing a socket (a server may close it right after
    // answering), so a call issued the instant the previous one settles takes the other socket.
    for (let i = 0; i < 10; i++) await c.execute(METHOD, { param_query_recharge_account_open_req: QUERY });
    expect(server.requests).toHaveLength(10);
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('sends no simplify for XML and parses the XML answer', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8' });
      res.end(
        '<?xml version="1.0" encoding="utf-8"?><alibaba_alsc_crm_recharge_account_get_response><result><biz_success>true</biz_success>' +
          '<result><usable_value>4000</usable_value></result></result><request_id>req-xml</request_id></alibaba_alsc_crm_recharge_account_get_response>',
      );
    });
    const answer = await client(server, { format: 'xml' }).execute(METHOD, {
      param_query_recharge_account_open_req: QUERY,
    });
    expect(server.requests[0]?.params.format).toBe('xml');
    expect(server.requests[0]?.params).not.toHaveProperty('simplify');
    expect(answer).toEqual({
      body: { result: { biz_success: 'true', result: { usable_value: '4000' } }, request_id: 'req-xml' },
      requestId: 'req-xml',
    });
  });

  it.each([
    ['JSON', 'application/json;charset=utf-8', JSON.stringify({ result: RESULT, request_id: 'req-bom' }), {}],
    [
      'XML',
      'text/xml;charset=utf-8',
      '<?xml version="1.0" encoding="utf-8"?><alibaba_alsc_crm_recharge_account_get_response><result><biz_success>true</biz_success>' +
        '<result><usable_value>4000</usable_value></result></result><request_id>req-bom</request_id></alibaba_alsc_crm_recharge_account_get_response>',
      { format: 'xml' as const },
    ],
  ])(
    'accepts a %s answer that starts with a UTF-8 byte-order mark (some proxies add one)',
    async (_f, type, body, options) => {
      const server = await serve((_req, res) => {
        const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        res.end(bytes);
      });
      const answer = await client(server, options).execute(METHOD, {
        param_query_recharge_account_open_req: QUERY,
      });
      expect(answer.requestId).toBe('req-bom');
      expect(JSON.stringify(answer.body)).toContain('4000');
    },
  );

  it('parses a standard JSON answer when simplify is off', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, {
        alibaba_alsc_crm_recharge_account_get_response: { result: RESULT, request_id: 'req-std' },
      }),
    );
    const answer = await client(server, { simplify: false }).execute(METHOD, {});
    expect(server.requests[0]?.params).not.toHaveProperty('simplify');
    expect(answer.requestId).toBe('req-std');
    expect(answer.body.result).toEqual(RESULT);
  });

  it('throws TopApiError for error_response', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, {
        error_response: {
          code: 11,
          msg: 'Insufficient ISV Permissions',
          sub_code: 'isv.permission-api-package-limit',
          request_id: 'req-e',
        },
      }),
    );
    const err = await failure(client(server).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopApiError);
    expect(err).toMatchObject({
      code: 11,
      subCode: 'isv.permission-api-package-limit',
      requestId: 'req-e',
      retriable: false,
    });
  });

  it('refuses a business parameter named like a system one before sending anything', async () => {
    const server = await serve((_req, res) => sendJson(res, {}));
    await expect(client(server).execute(METHOD, { sign: 'forged' })).rejects.toThrow(TypeError);
    expect(server.connections()).toBe(0);
  });

  it('validates its options', () => {
    const base = { appKey: 'k', appSecret: 's', gatewayUrl: 'http://127.0.0.1:1/router/rest' };
    expect(() => new TopClient({ ...base, appSecret: '' })).toThrow(/appSecret/);
    expect(() => new TopClient({ ...base, gatewayUrl: 'ftp://x/' })).toThrow(/http/);
    expect(() => new TopClient({ ...base, gatewayUrl: 'not a url' })).toThrow(/URL/);
    expect(() => new TopClient({ ...base, timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe('TopClient HTTP answers that are not TOP envelopes', () => {
  it('maps 502 to a retriable TopTransportError with a short excerpt, 404 to a final one', async () => {
    const server = await serve((_req, res, got) => {
      const status = got.params.code === '404' ? 404 : 502;
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(`<html><head><title>${status}</title></head><body>${'x'.repeat(500)}</body></html>`);
    });
    const c = client(server);
    const bad = await failure(c.execute(METHOD, { code: '502' }));
    expect(bad).toBeInstanceOf(TopTransportError);
    expect(bad).toMatchObject({ status: 502, retriable: true });
    expect(bad.message.length).toBeLessThan(200);
    const missing = await failure(c.execute(METHOD, { code: '404' }));
    expect(missing).toMatchObject({ status: 404, retriable: false });
  });

  it('maps a 200 HTML page and truncated JSON to TopResponseError', async () => {
    const whole = JSON.stringify({ result: RESULT, request_id: 'r' });
    const server = await serve((_req, res, got) => {
      if (got.params.kind === 'html') {
        res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
        res.end('<!DOCTYPE html><html><body>系统维护中</body></html>');
      } else {
        const half = whole.slice(0, whole.length / 2);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(half) });
        res.end(half);
      }
    });
    const c = client(server);
    expect(await failure(c.execute(METHOD, { kind: 'html' }))).toMatchObject({
      kind: 'html',
      excerpt: expect.stringContaining('系统维护中'),
    });
    const cut = await failure(c.execute(METHOD, { kind: 'truncated' }));
    expect(cut).toBeInstanceOf(TopResponseError);
    expect(cut).toMatchObject({ kind: 'truncated' });
  });
});

describe('TopClient never reveals secrets', () => {
  it('keeps secret, session and sign out of messages, String(), causes and inspection', async () => {
    const server = await serve((_req, res, got) => {
      const echo = `${got.body} secret=${SECRET} session=${SESSION} sign=${got.params.sign}`;
      if (got.params.kind === 'api') {
        sendJson(res, {
          error_response: {
            code: 27,
            msg: `Invalid session ${SESSION}`,
            sub_code: 'invalid-sessionkey',
            sub_msg: echo,
          },
        });
      } else if (got.params.kind === '500') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(echo);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html><body>${echo}</body></html>`);
      }
    });
    const c = client(server, { session: SESSION, signMethod: 'md5' });
    const errors = [
      await failure(c.execute(METHOD, { kind: 'api' })),
      await failure(c.execute(METHOD, { kind: '500' })),
      await failure(c.execute(METHOD, { kind: 'html' })),
    ];
    const signs = server.requests.map((r) => r.params.sign ?? 'missing-sign');
    for (const err of errors) {
      let text = `${String(err)}\n${err.message}\n${err.stack ?? ''}\n${JSON.stringify(err)}\n${inspect(err, { depth: 5 })}`;
      for (let cause = err.cause; cause instanceof Error; cause = cause.cause) text += `\n${String(cause)}`;
      for (const secret of [SECRET, SESSION, encodeURIComponent(SESSION), ...signs])
        expect(text).not.toContain(secret);
    }
    expect(inspect(c, { depth: 5, showHidden: true })).not.toContain(SECRET);
  });

  it('scrubs the error chain of an injected fetch that quotes the request it was given', async () => {
    let sent = '';
    const leakyFetch: typeof globalThis.fetch = (_url, init) => {
      sent = typeof init?.body === 'string' ? init.body : ''; // the client always sends a string
      const inner = Object.assign(new Error(`socket said: ${sent}`), { code: 'ECONNRESET' });
      return Promise.reject(new TypeError(`relay failed for ${sent} with ${SECRET}`, { cause: inner }));
    };
    const c = new TopClient({
      appKey: 'k',
      appSecret: SECRET,
      session: SESSION,
      gatewayUrl: 'http://127.0.0.1:9/router/rest',
      fetch: leakyFetch,
    });
    const err = await failure(c.execute(METHOD, {}));
    expect(err).toMatchObject({ name: 'TopTransportError', causeCode: 'ECONNRESET' });
    const sign = new URLSearchParams(sent).get('sign') ?? 'missing-sign';
    let text = `${String(err)}\n${inspect(err, { depth: 8 })}`;
    for (let cause = err.cause; cause instanceof Error; cause = cause.cause) text += `\n${String(cause)}`;
    expect(text).toContain('relay failed'); // the cause is kept, only scrubbed
    for (const secret of [SECRET, SESSION, sign]) expect(text).not.toContain(secret);
  });
});
