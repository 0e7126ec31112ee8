import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CustomerDisplayApi, CustomerView } from '@balance-desk/contract';
import { BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_STORAGE_KEY } from '@balance-desk/contract/web-bridge';
import { createDesk, startWebBridge, type Desk, type WebBridge } from '@balance-desk/desk-core';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  customerDisplayApi,
  installCustomerClient,
  pollCustomerViews,
  type CustomerHost,
} from './customer-client';

let dir: string;
let desk: Desk;
let bridge: WebBridge;
/** Each test's polling, stopped after it. */
const stops: (() => void)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'customer-client-'));
  desk = await createDesk({ dataDir: dir, version: '0.0.0-test', demo: true });
  bridge = await startWebBridge({ desk });
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});
afterAll(async () => {
  await bridge.close();
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

type Page = CustomerHost & { balanceDeskCustomer?: CustomerDisplayApi };

/**
 * The customer page's globals as the client sees them: `fetch` goes to a real server on
 * 127.0.0.1; `setTimeout` only records the retry, which the test runs when it wants.
 */
function customerWindow(hash: string, port: number) {
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const requests: { url: string; init: unknown }[] = [];
  const retries: { handler: () => void; ms: number }[] = [];
  const host: Page = {
    location: { hash, pathname: '/customer', search: '' },
    history: { state: null, replaceState: (_state, _unused, url) => void replaced.push(url) },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    fetch: (url, init) => {
      requests.push({ url, init });
      return fetch(`http://127.0.0.1:${port}${url}`, init);
    },
    setTimeout: (handler, ms) => void retries.push({ handler, ms }),
  };
  return { host, storage, replaced, requests, retries };
}

function installed(host: Page): CustomerDisplayApi {
  stops.push(installCustomerClient(host));
  if (!host.balanceDeskCustomer) throw new Error('window.balanceDeskCustomer was not defined');
  return host.balanceDeskCustomer;
}

/** The views a listener got, and a wait for the first one that matches. */
function recorder() {
  const views: CustomerView[] = [];
  const listener = (view: CustomerView): void => void views.push(view);
  const until = (match: (view: CustomerView) => boolean): Promise<CustomerView> =>
    vi.waitFor(
      () => {
        const found = views.find(match);
        if (!found) throw new Error(`no such view yet: ${JSON.stringify(views)}`);
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
  return { views, listener, until };
}

function lookup(cardId: string): Promise<Response> {
  return fetch(`${bridge.origin}/ipc/balance%3Alookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: bridge.token },
    body: JSON.stringify({ cardId }),
  });
}

describe('web preview customer client, against a real web bridge', () => {
  it('takes the token from the fragment, follows the cashier’s lookups, and strips the address', async () => {
    const { host, storage, replaced, requests } = customerWindow(
      `#token=old&token=${bridge.token}`,
      bridge.port,
    );
    const api = installed(host);
    expect(replaced).toEqual(['/customer']);
    expect([...storage.entries()]).toEqual([[BRIDGE_TOKEN_STORAGE_KEY, bridge.token]]);
    const seen = recorder();
    api.onCustomerView(seen.listener);
    await seen.until((view) => view.kind === 'rest');

    expect((await lookup(DEMO_CARDS.seed)).status).toBe(200);
    const balance = await seen.until((view) => view.kind === 'balance');
    expect(balance).toMatchObject({ kind: 'balance', card: '****0125' });
    expect(JSON.stringify(seen.views)).not.toContain(DEMO_CARDS.seed);

    expect(requests[0]).toEqual({
      url: '/customer/view?after=-1',
      init: { headers: { [BRIDGE_TOKEN_HEADER]: bridge.token }, credentials: 'omit', cache: 'no-store' },
    });
    expect(requests[1]?.url).toMatch(/^\/customer\/view\?after=\d+$/);

    // A page script that subscribes late starts with the last view; its unsubscribe stops it.
    const late = recorder();
    const unsubscribe = api.onCustomerView(late.listener);
    expect(late.views).toEqual([seen.views.at(-1)]);
    unsubscribe();
    expect(api.onCustomerView('nope' as never)()).toBeUndefined();
  });

  it('a reload reads the token back from sessionStorage and leaves the address alone', async () => {
    const again = customerWindow('', bridge.port);
    again.storage.set(BRIDGE_TOKEN_STORAGE_KEY, bridge.token);
    const seen = recorder();
    installed(again.host).onCustomerView(seen.listener);
    await seen.until(() => true);
    expect(again.replaced).toEqual([]);
  });

  it('window.balanceDeskCustomer is frozen and cannot be replaced or redefined', () => {
    const { host } = customerWindow(`#token=${bridge.token}`, bridge.port);
    const api = installed(host);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(host, 'balanceDeskCustomer')).toMatchObject({
      enumerable: true,
      configurable: false,
      writable: false,
    });
    expect(() => installCustomerClient(host)).toThrow(TypeError);
  });

  it('a refused poll (wrong token) delivers nothing and is retried after 1 s', async () => {
    const { host, requests, retries } = customerWindow('#token=nope', bridge.port);
    const seen = recorder();
    installed(host).onCustomerView(seen.listener);
    await vi.waitFor(() => expect(retries).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(retries[0]?.ms).toBe(1_000);
    expect(requests).toHaveLength(1);
    retries[0]?.handler();
    await vi.waitFor(() => expect(retries).toHaveLength(2), { timeout: 10_000, interval: 20 });
    expect(requests.map((r) => r.url)).toEqual(['/customer/view?after=-1', '/customer/view?after=-1']);
    expect(seen.views).toEqual([]);
  });
});

describe('pollCustomerViews: what the server answered', () => {
  let server: Server;
  let port: number;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  /** Answers in order; once they run out, a poll is held open (as the bridge holds one). */
  let answers: { status: number; body: string }[] = [];
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const answer = answers.shift();
      if (!answer) return void held.push(res);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    for (const res of held) res.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const rest = (welcome: string): CustomerView => ({ kind: 'rest', locale: 'en', storeName: 'S', welcome });

  it('delivers each new seq once, skips answers without a view, and asks after the last seq seen', async () => {
    seen.length = 0;
    answers = [
      { status: 200, body: JSON.stringify({ seq: 3, view: rest('a') }) },
      { status: 200, body: JSON.stringify({ seq: 3, view: rest('a again') }) },
      { status: 200, body: JSON.stringify({ seq: 4 }) },
      { status: 200, body: 'null' },
      { status: 200, body: JSON.stringify({ seq: 5, view: rest('b') }) },
    ];
    const { host, retries } = customerWindow('', port);
    const delivered: CustomerView[] = [];
    stops.push(pollCustomerViews(host, 'the-token', (view) => void delivered.push(view)));
    await vi.waitFor(() => expect(seen).toHaveLength(6), { timeout: 10_000, interval: 20 });
    expect(delivered).toEqual([rest('a'), rest('b')]);
    expect(seen.map((s) => s.url)).toEqual([
      '/customer/view?after=-1',
      '/customer/view?after=3',
      '/customer/view?after=3',
      '/customer/view?after=3',
      '/customer/view?after=3',
      '/customer/view?after=5',
    ]);
    expect(seen[0]?.headers[BRIDGE_TOKEN_HEADER]).toBe('the-token');
    expect(retries).toEqual([]);
  });

  it('an HTTP error or a body that is not JSON waits for the retry', async () => {
    seen.length = 0;
    answers = [
      { status: 500, body: '{}' },
      { status: 200, body: '<html>oops</html>' },
    ];
    const { host, retries } = customerWindow('', port);
    stops.push(pollCustomerViews(host, 't', () => undefined));
    await vi.waitFor(() => expect(retries).toHaveLength(1), { timeout: 10_000, interval: 20 });
    retries[0]?.handler();
    await vi.waitFor(() => expect(retries).toHaveLength(2), { timeout: 10_000, interval: 20 });
    expect(retries.map((r) => r.ms)).toEqual([1_000, 1_000]);
    expect(seen).toHaveLength(2);
  });
});

describe('customerDisplayApi', () => {
  it('hands each view to every listener, the last one to a late listener, and stops at unsubscribe', () => {
    const { api, deliver } = customerDisplayApi();
    const first = recorder();
    const off = api.onCustomerView(first.listener);
    const view: CustomerView = { kind: 'error', locale: 'zh-CN', storeName: 'S', line: '请稍候' };
    deliver(view);
    const second = recorder();
    api.onCustomerView(second.listener);
    off();
    deliver(view);
    expect(first.views).toEqual([view]);
    expect(second.views).toEqual([view, view]);
  });
});
