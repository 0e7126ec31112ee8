import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RESPONSE_BYTES } from './transport';
import { TopAbortError, TopResponseError, TopTimeoutError, TopTransportError } from './errors';
import { TopClient } from './client';
import type { TopClientOptions } from './types';
import { sendJson, startTlsServer, type Handler, useTestServers } from './test-support/servers';

const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const OK = { result: { biz_success: true }, request_id: 'r' };

const { defer, serve } = useTestServers();

function client(url: string, options: Partial<TopClientOptions> = {}): TopClient {
  const c = new TopClient({ appKey: 'k', appSecret: 'transport-secret', gatewayUrl: url, ...options });
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

/** A port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** Sends headers and half a JSON body, then nothing, ever. */
const neverEnds: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"result": {"biz_success": ');
};
/** Reads the request and never answers at all. */
const silent: Handler = () => undefined;

/** Both transports must behave the same; the injected one is Node's global fetch. */
const TRANSPORTS = [
  ['undici (default)', {}],
  ['injected fetch', { fetch: globalThis.fetch }],
] as const;

describe.each(TRANSPORTS)('TopClient via %s', (_name, transport) => {
  it('answers through a real loopback round trip', async () => {
    const server = await serve((_req, res) => sendJson(res, OK));
    expect(await client(server.url, transport).execute(METHOD, { a: 1 })).toEqual({
      body: OK,
      requestId: 'r',
    });
    expect(server.requests[0]?.contentType).toBe('application/x-www-form-urlencoded;charset=utf-8');
  });

  it('times out a never-ending body and really closes the connection', async () => {
    const server = await serve(neverEnds);
    const started = performance.now();
    const err = await failure(client(server.url, { ...transport, timeoutMs: 150 }).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopTimeoutError);
    expect(err).toMatchObject({ timeoutMs: 150, retriable: true });
    expect(performance.now() - started).toBeLessThan(1000);
    await server.requestSocketsClosed();
  });

  it('applies a per-call timeout to a server that never answers', async () => {
    const server = await serve(silent);
    const err = await failure(
      client(server.url, { ...transport, timeoutMs: 10_000 }).execute(METHOD, {}, { timeoutMs: 80 }),
    );
    expect(err).toMatchObject({ name: 'TopTimeoutError', timeoutMs: 80 });
    await server.requestSocketsClosed();
  });

  it('aborts on the caller signal mid-flight and closes the connection', async () => {
    const server = await serve(neverEnds);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const err = await failure(
      client(server.url, transport).execute(METHOD, {}, { signal: controller.signal }),
    );
    expect(err).toBeInstanceOf(TopAbortError);
    expect(err).toMatchObject({ retriable: false });
    await server.requestSocketsClosed();
  });

  it('sends nothing for an already aborted signal', async () => {
    const server = await serve((_req, res) => sendJson(res, OK));
    const err = await failure(
      client(server.url, transport).execute(METHOD, {}, { signal: AbortSignal.abort() }),
    );
    expect(err).toBeInstanceOf(TopAbortError);
    expect(server.connections()).toBe(0);
  });

  it('reports a dropped connection as a retriable ECONNRESET', async () => {
    const server = await serve((req) => req.socket.destroy());
    const err = await failure(client(server.url, transport).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopTransportError);
    expect(err).toMatchObject({ causeCode: 'ECONNRESET', status: undefined, retriable: true });
  });

  it('reports a connection cut in the middle of the body', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"result":', () => setTimeout(() => req.socket.destroy(), 20));
    });
    const err = await failure(client(server.url, transport).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopTransportError);
  });

  it('reports a refused connection', async () => {
    const err = await failure(
      client(`http://127.0.0.1:${await closedPort()}/router/rest`, transport).execute(METHOD, {}),
    );
    expect(err).toBeInstanceOf(TopTransportError);
    expect(err).toMatchObject({ causeCode: 'ECONNREFUSED', retriable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it.each([
    ['declared by content-length', true],
    ['streamed without content-length', false],
  ])('stops reading a 1.5 MiB body %s', async (_label, declared) => {
    const big = Buffer.alloc(1.5 * 1024 * 1024, 'a');
    const server = await serve((_req, res) => {
      res.writeHead(
        200,
        declared
          ? { 'content-type': 'application/json', 'content-length': big.length }
          : { 'content-type': 'application/json' },
      );
      // In 64 KiB pieces so the refusal can happen before the whole body is even sent.
      let at = 0;
      const pump = (): void => {
        while (at < big.length) {
          const piece = big.subarray(at, (at += 64 * 1024));
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const err = await failure(client(server.url, transport).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopResponseError);
    expect(err).toMatchObject({ kind: 'oversized' });
    expect(err.message).toContain(String(MAX_RESPONSE_BYTES));
    await server.requestSocketsClosed();
  });

  it('refuses calls after close()', async () => {
    const server = await serve((_req, res) => sendJson(res, OK));
    const c = client(server.url, transport);
    await c.execute(METHOD, {});
    c.close();
    const err = await failure(c.execute(METHOD, {}));
    expect(err).toMatchObject({
      name: 'TopTransportError',
      causeCode: 'ERR_TOP_CLIENT_CLOSED',
      retriable: false,
    });
  });
});

describe('TopClient default transport (undici Pool)', () => {
  it('close() destroys the idle keep-alive sockets', async () => {
    const server = await serve((_req, res) => sendJson(res, OK));
    const c = client(server.url);
    await Promise.all([c.execute(METHOD, {}), c.execute(METHOD, {}), c.execute(METHOD, {})]);
    expect(server.openSockets()).toBeGreaterThan(0);
    c.close();
    await server.allSocketsClosed();
  });

  it('close() fails a call in flight as a closed client and drops its socket', async () => {
    const server = await serve(silent);
    const c = client(server.url);
    const pending = failure(c.execute(METHOD, {}));
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    c.close();
    expect(await pending).toMatchObject({
      name: 'TopTransportError',
      causeCode: 'ERR_TOP_CLIENT_CLOSED',
      retriable: false,
    });
    await server.allSocketsClosed();
  });

  it('sends nothing for a call aborted while its connection is still being opened', async () => {
    const server = await serve((_req, res) => sendJson(res, OK));
    const controller = new AbortController();
    const pending = failure(client(server.url).execute(METHOD, {}, { signal: controller.signal }));
    controller.abort(); // execute() has dispatched synchronously; the TCP connect is still pending
    expect(await pending).toBeInstanceOf(TopAbortError);
    // The connection does open; the request is dropped on it before a byte is written.
    await vi.waitFor(() => expect(server.connections()).toBe(1));
    await server.allSocketsClosed();
    expect(server.requests).toHaveLength(0);
  });
});

describe('TopClient over TLS', () => {
  let dir = '';
  const pem = (name: string): Buffer => readFileSync(join(dir, name));
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'top-client-tls-'));
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'self.key',
      '-out',
      'self.crt',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=BalanceDesk test CA',
    );
    ssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
    ssl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.crt',
      '-days',
      '2',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a self-signed certificate', 'self', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a certificate from an unknown CA', 'leaf', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ])('refuses %s with its TLS code, not retriable', async (_label, name, code) => {
    const server = await startTlsServer({ key: pem(`${name}.key`), cert: pem(`${name}.crt`) }, (_req, res) =>
      sendJson(res, OK),
    );
    defer(() => server.close());
    const err = await failure(client(server.url).execute(METHOD, {}));
    expect(err).toBeInstanceOf(TopTransportError);
    expect(err).toMatchObject({ causeCode: code, retriable: false });
    expect(server.requests).toHaveLength(0);
  });
});
