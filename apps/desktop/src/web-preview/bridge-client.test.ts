import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_CHANNELS, type BalanceDeskApi } from '@balance-desk/contract';
import { BRIDGE_TOKEN_STORAGE_KEY } from '@balance-desk/contract/web-bridge';
import { createDesk, startWebBridge, type Desk, type WebBridge } from '@balance-desk/desk-core';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeInvoke, installBridgeClient, type BridgeHost } from './bridge-client';
import { takeBridgeToken } from './token';

let dir: string;
let desk: Desk;
let bridge: WebBridge;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-client-'));
  desk = await createDesk({ dataDir: dir, version: '0.0.0-test', demo: true });
  bridge = await startWebBridge({ desk });
});
afterAll(async () => {
  await bridge.close();
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

/** The page's globals as the client sees them, with `fetch` going to a real server on 127.0.0.1. */
function browserWindow(hash: string, port: number, search = '') {
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const host: BridgeHost & { balanceDesk?: BalanceDeskApi } = {
    location: { hash, pathname: '/', search },
    history: {
      state: null,
      replaceState: (_state, _unused, url) => void replaced.push(url),
    },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    fetch: (url, init) => fetch(`http://127.0.0.1:${port}${url}`, init),
  };
  return { host, storage, replaced };
}

function installed(host: BridgeHost & { balanceDesk?: BalanceDeskApi }): BalanceDeskApi {
  installBridgeClient(host);
  if (!host.balanceDesk) throw new Error('window.balanceDesk was not defined');
  return host.balanceDesk;
}

describe('web preview bridge client, against a real web bridge', () => {
  it('defines every API method, takes the token from the fragment and strips it from the address bar', async () => {
    const { host, storage, replaced } = browserWindow(`#token=${bridge.token}&view=cashier`, bridge.port);
    const api = installed(host);
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_CHANNELS).sort());
    expect(replaced).toEqual(['/#view=cashier']);
    expect([...storage.entries()]).toEqual([[BRIDGE_TOKEN_STORAGE_KEY, bridge.token]]);
    expect(await api.getStatus()).toMatchObject({ ok: true, value: { mode: 'demo' } });
    expect(await api.lookupBalance({ cardId: DEMO_CARDS.zero })).toMatchObject({
      ok: true,
      value: { kind: 'ok' },
    });
    // What a compromised or buggy page sends is refused by the bridge, and answered as a reply.
    expect(await api.lookupBalance({ cardId: 5 } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });

    // A reload: no fragment, the token comes from sessionStorage, the address is left alone.
    const again = browserWindow('', bridge.port);
    again.storage.set(BRIDGE_TOKEN_STORAGE_KEY, bridge.token);
    expect(await installed(again.host).getSettings()).toMatchObject({ ok: true });
    expect(again.replaced).toEqual([]);
  });

  it('window.balanceDesk is frozen and cannot be replaced or redefined', () => {
    const { host } = browserWindow(`#token=${bridge.token}`, bridge.port);
    const api = installed(host);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(host, 'balanceDesk')).toMatchObject({
      enumerable: true,
      configurable: false,
      writable: false,
    });
    expect(() => installBridgeClient(host)).toThrow(TypeError);
  });

  it('a wrong or missing token answers the 401 reply; a dead bridge answers "bridge unreachable"', async () => {
    expect(await installed(browserWindow('#token=nope', bridge.port).host).getStatus()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('wrong bridge token') },
    });
    expect(await installed(browserWindow('', bridge.port).host).getStatus()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('missing bridge token') },
    });

    const dead = await startWebBridge({ desk });
    const port = dead.port;
    await dead.close();
    expect(await installed(browserWindow(`#token=${bridge.token}`, port).host).getStatus()).toEqual({
      ok: false,
      error: { code: 'internal', message: 'bridge unreachable' },
    });
  });
});

describe('bridgeInvoke: what the server answered', () => {
  let server: Server;
  let port: number;
  const seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs the request as JSON ({} for none) to /ipc/<encoded channel> with the token header', async () => {
    seen.length = 0;
    answer = { status: 200, body: '{"ok":true,"value":1}' };
    const invoke = bridgeInvoke(browserWindow('', port).host, 'the-token');
    expect(await invoke('balance:lookup', { cardId: '1' })).toEqual({ ok: true, value: 1 });
    expect(await invoke('app:status', undefined)).toEqual({ ok: true, value: 1 });
    expect(seen.map((s) => [s.url, s.body])).toEqual([
      ['/ipc/balance%3Alookup', '{"cardId":"1"}'],
      ['/ipc/app%3Astatus', '{}'],
    ]);
    expect(seen[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-balance-desk-token': 'the-token',
    });
  });

  it('JSON that is no reply names the HTTP status; a body that is not JSON counts as unreachable', async () => {
    const invoke = bridgeInvoke(browserWindow('', port).host, 't');
    answer = { status: 502, body: '{"hello":1}' };
    expect(await invoke('app:status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'bridge answered HTTP 502' },
    });
    answer = { status: 200, body: 'null' };
    expect(await invoke('app:status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'bridge answered HTTP 200' },
    });
    answer = { status: 500, body: '<html>oops</html>' };
    expect(await invoke('app:status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'bridge unreachable' },
    });
  });
});

describe('takeBridgeToken', () => {
  it('the last token= part wins, is URL-decoded, and every token= part leaves the address', () => {
    const { host, replaced } = browserWindow('#a=1&token=old&b=2&token=n%20ew', 0, '?e2e');
    expect(takeBridgeToken(host)).toBe('n ew');
    expect(replaced).toEqual(['/?e2e#a=1&b=2']);
  });

  it('an undecodable or empty token counts as none: sessionStorage is read, the address is left alone', () => {
    const broken = browserWindow('#token=%E0%A4%A', 0);
    broken.storage.set(BRIDGE_TOKEN_STORAGE_KEY, 'stored');
    expect(takeBridgeToken(broken.host)).toBe('stored');
    expect(broken.replaced).toEqual([]);
    const empty = browserWindow('#token=', 0);
    expect(takeBridgeToken(empty.host)).toBe('');
    expect(empty.replaced).toEqual([]);
  });

  it('storage or history that throws is not fatal', () => {
    const { host } = browserWindow('#token=abc', 0);
    host.sessionStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    host.history.replaceState = () => {
      throw new Error('SecurityError');
    };
    expect(takeBridgeToken(host)).toBe('abc');
    host.location.hash = '';
    expect(takeBridgeToken(host)).toBe('');
  });
});
