import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_CARDS, FAULT_NAMES } from './demo-data';
import { OVERSIZED_BYTES } from './faults';
import { RESPONSE_ROOT } from './render';
import { startSandbox, type RunningSandbox } from './server';
import { raw, signedParams, topError } from './test-support/helpers';

const SLOW_MS = 150;
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ slowMs: SLOW_MS });
});
afterAll(() => sandbox.close());

const card = (
  name: keyof typeof FAULT_CARDS,
  set?: Record<string, string | undefined>,
): Record<string, string> => signedParams({ cardId: FAULT_CARDS[name], ...(set ? { set } : {}) });

it('reserves exactly the spec card ids', () => {
  expect(FAULT_NAMES).toHaveLength(16);
  expect(Object.entries(FAULT_CARDS)).toEqual(
    FAULT_NAMES.map((name, i) => [name, `99990000000000${String(i + 1).padStart(2, '0')}`]),
  );
});

describe('fault cards answered with a TOP error_response', () => {
  it.each([
    [
      'rateLimited',
      { code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-app-access-count' },
    ],
    [
      'serviceUnavailable',
      { code: 10, msg: 'Service Currently Unavailable', sub_code: 'isp.service-unavailable' },
    ],
    [
      'permission',
      { code: 11, msg: 'Insufficient ISV Permissions', sub_code: 'isv.permission-api-package-limit' },
    ],
    ['invalidSession', { code: 27, msg: 'Invalid Session', sub_code: 'invalid-sessionkey' }],
    [
      'invalidParameter',
      { code: 15, msg: 'Remote service error', sub_code: 'isv.invalid-parameter', sub_msg: '非法参数' },
    ],
    ['clockSkew', { code: 31, msg: 'Invalid Timestamp' }],
  ] as const)('%s', async (name, expected) => {
    const res = await raw(sandbox.url, { body: card(name) });
    expect(res.status).toBe(200);
    expect(await topError(sandbox.url, { body: card(name) })).toMatchObject(expected);
    const xml = await raw(sandbox.url, { body: card(name, { format: 'xml' }) });
    expect(xml.text).toContain(`<error_response><code>${expected.code}</code><msg>${expected.msg}</msg>`);
  });
});

describe('fault cards at the HTTP level', () => {
  it('slow: the seed-like account after slowMs', async () => {
    const started = performance.now();
    const res = await raw(sandbox.url, { body: card('slow') });
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 5);
    const json = JSON.parse(res.text) as { result: { result: Record<string, unknown> } };
    expect(json.result.result).toMatchObject({
      card_id: FAULT_CARDS.slow,
      usable_value: 4000,
      gift_value: 2000,
      real_value: 3000,
    });
  });

  it('bizError: a success envelope with biz_success false and a display text', async () => {
    const json = JSON.parse((await raw(sandbox.url, { body: card('bizError') })).text) as {
      result: Record<string, unknown>;
    };
    expect(json.result).toEqual({
      biz_success: false,
      result_code: 'CARD_FROZEN',
      result_desc: '卡已冻结',
      result_view: '该卡已冻结，请联系门店',
    });
  });

  it('http502 / http503: the status with a short HTML body', async () => {
    const bad = await raw(sandbox.url, { body: card('http502') });
    expect(bad.status).toBe(502);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.text).toContain('502 Bad Gateway');
    const down = await raw(sandbox.url, { body: card('http503') });
    expect(down.status).toBe(503);
    expect(down.text).toContain('503');
  });

  it('html: HTTP 200 with an HTML page', async () => {
    const res = await raw(sandbox.url, { body: card('html') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('malformedJson: HTTP 200 JSON content type, unparseable body', async () => {
    const res = await raw(sandbox.url, { body: card('malformedJson') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe('{"result": {biz_success:');
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('truncatedJson: half of a real answer with an honest Content-Length', async () => {
    const res = await raw(sandbox.url, { body: card('truncatedJson') });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.text.startsWith('{"result":{"biz_success":true')).toBe(true);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
    const xml = await raw(sandbox.url, { body: card('truncatedJson', { format: 'xml' }) });
    expect(xml.text).toMatch(/^<\?xml/);
    expect(xml.text).not.toContain(`</${RESPONSE_ROOT}>`);
  });

  it('oversized: a well-formed answer of exactly 2 MiB', async () => {
    for (const format of ['json', 'xml']) {
      const res = await raw(sandbox.url, { body: card('oversized', { format }) });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(OVERSIZED_BYTES);
      expect(Number(res.headers['content-length'])).toBe(OVERSIZED_BYTES);
      if (format === 'json')
        expect((JSON.parse(res.text) as { result: { biz_success: boolean } }).result.biz_success).toBe(true);
      else expect(res.text.endsWith(`</request_id></${RESPONSE_ROOT}>`)).toBe(true);
    }
  });

  it('dropConnection: the socket is destroyed without an answer', async () => {
    await expect(raw(sandbox.url, { body: card('dropConnection') })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|ECONNABORTED/) as unknown,
    });
  });

  it('neverEnds: headers and part of the body, then nothing; close() still returns at once', async () => {
    const own = await startSandbox();
    const body = new URLSearchParams(card('neverEnds')).toString();
    const outcome = new Promise<{ status: number; received: number; declared: number; error: string }>(
      (resolve) => {
        const req = request(
          own.url,
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          (res) => {
            let received = 0;
            res.on('data', (chunk: Buffer) => (received += chunk.length));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, received, declared: 0, error: 'ended' }),
            );
            res.on('error', (error) =>
              resolve({
                status: res.statusCode ?? 0,
                received,
                declared: Number(res.headers['content-length']),
                error: error.message,
              }),
            );
          },
        );
        req.on('error', (error) => resolve({ status: 0, received: 0, declared: 0, error: error.message }));
        req.end(body);
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(500);
    const result = await outcome;
    expect(result.status).toBe(200);
    expect(result.received).toBeGreaterThan(0);
    expect(result.received).toBeLessThan(result.declared);
    expect(result.error).toBe('aborted');
  });
});

describe('configured faults and latency', () => {
  it('the fault option applies to every valid request of the method; setFault switches it at run time', async () => {
    const faulty = await startSandbox({ fault: 'rateLimited', slowMs: 100 });
    try {
      expect(await topError(faulty.url, { body: signedParams() })).toMatchObject({ code: 7 });
      // Protocol errors still come first: a fault needs an otherwise valid request.
      expect(await topError(faulty.url, { body: signedParams({ secret: 'wrong' }) })).toMatchObject({
        code: 25,
      });
      faulty.setFault('serviceUnavailable');
      expect(await topError(faulty.url, { body: signedParams() })).toMatchObject({ code: 10 });
      faulty.setFault(undefined);
      expect(await topError(faulty.url, { body: signedParams() })).toBeUndefined();
      faulty.setFault('slow');
      const started = performance.now();
      const slow = JSON.parse((await raw(faulty.url, { body: signedParams() })).text) as {
        result: { result: { account_id: string } };
      };
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
      expect(slow.result.result.account_id).toBe('RA-0001'); // the real card, only late
      faulty.setFault('http503');
      expect((await raw(faulty.url, { body: signedParams() })).status).toBe(503);
    } finally {
      await faulty.close();
    }
  });

  it('latencyMs delays every answer, errors included; setLatency changes it', async () => {
    const laggy = await startSandbox({ latencyMs: 120 });
    try {
      const time = async (body: Record<string, string>): Promise<number> => {
        const started = performance.now();
        await raw(laggy.url, { body });
        return performance.now() - started;
      };
      expect(await time(signedParams())).toBeGreaterThanOrEqual(115);
      expect(await time(signedParams({ set: { v: '3.0' } }))).toBeGreaterThanOrEqual(115);
      laggy.setLatency(0);
      expect(await time(signedParams())).toBeLessThan(100);
    } finally {
      await laggy.close();
    }
  });

  it('close() never hangs: pending slow answers, idle keep-alive sockets; and it is idempotent', async () => {
    const own = await startSandbox({ slowMs: 60_000 });
    await raw(own.url, { body: signedParams() }); // leaves an idle keep-alive socket
    const pending = raw(own.url, { body: card('slow') }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await Promise.all([own.close(), own.close()]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(Error);
    await expect(raw(own.url, { body: signedParams() })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
