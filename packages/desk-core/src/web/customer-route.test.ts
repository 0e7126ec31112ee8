import type { CustomerViewUpdate } from '@balance-desk/contract';
import { DEMO_CARDS } from '@balance-desk/top-sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../desk/desk';
import { createDevCipher } from '../storage/vault/dev-cipher';
import {
  BRIDGE_TOKEN_HEADER,
  CUSTOMER_CLIENT_PATH,
  CUSTOMER_VIEW_PATH,
} from '@balance-desk/contract/web-bridge';
import { CUSTOMER_CLIENT_NOT_BUILT_SCRIPT } from './index-html';
import { startWebBridge, type WebBridge } from './web-bridge';

const CUSTOMER_HTML = `<!doctype html>
<html>
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'none'">
    <script type="module" src="./assets/customer.js"></script>
  </head>
  <body><div id="customer-root"></div></body>
</html>`;

/** Stands in for the built customer client (its behaviour: apps/desktop/src/web-preview/customer-client.ts). */
const CUSTOMER_CLIENT = 'window.balanceDeskCustomer = "built customer client";\n';

let dir: string;
let desk: Desk;
let bridge: WebBridge;
let customerClientFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bd-customer-web-'));
  await writeFile(path.join(dir, 'customer.html'), CUSTOMER_HTML);
  customerClientFile = path.join(dir, 'customer-client.js');
  await writeFile(customerClientFile, CUSTOMER_CLIENT);
  desk = await createDesk({
    dataDir: dir,
    cipher: createDevCipher(path.join(dir, 'dev.key')),
    version: '9.9.9-test',
    argv: [],
    wellKnownProvisionPaths: [],
    pinCost: { N: 2 ** 10, r: 8, p: 1 },
  });
  // Request limits far below the long-poll: a waiting poll must not be cut by them.
  bridge = await startWebBridge({
    desk,
    staticDir: dir,
    customerClientFile,
    timeouts: { headersMs: 300, bodyMs: 300 },
  });
});
afterAll(async () => {
  await bridge.close();
  await desk.close();
  await rm(dir, { recursive: true, force: true });
});

function poll(after: number, token: string | null = bridge.token): Promise<Response> {
  return fetch(`${bridge.origin}${CUSTOMER_VIEW_PATH}?after=${after}`, {
    headers: token === null ? {} : { [BRIDGE_TOKEN_HEADER]: token },
  });
}

function lookup(cardId: string): Promise<Response> {
  return fetch(`${bridge.origin}/ipc/balance%3Alookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: bridge.token },
    body: JSON.stringify({ cardId }),
  });
}

describe('web preview: /customer', () => {
  it('serves customer.html with the customer client and a CSP that reaches its own origin, not the cashier bridge', async () => {
    expect(bridge.customerUrl).toBe(`${bridge.origin}/customer#token=${bridge.token}`);
    const page = await (await fetch(`${bridge.origin}/customer`)).text();
    expect(page).toContain(`<script src="${CUSTOMER_CLIENT_PATH}"></script>`);
    expect(page).not.toContain('/__bridge.js');
    expect(page).toContain("connect-src 'self'");
    const script = await fetch(`${bridge.origin}${CUSTOMER_CLIENT_PATH}`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(CUSTOMER_CLIENT);
  });

  it('serves a rebuilt customer client on the next request, and a console notice when none is built', async () => {
    const rebuilt = 'window.balanceDeskCustomer = "rebuilt";\n';
    await writeFile(customerClientFile, rebuilt);
    try {
      expect(await (await fetch(`${bridge.origin}${CUSTOMER_CLIENT_PATH}`)).text()).toBe(rebuilt);
    } finally {
      await writeFile(customerClientFile, CUSTOMER_CLIENT);
    }
    const bare = await startWebBridge({ desk, customerClientFile: path.join(dir, 'missing.js') });
    try {
      const notBuilt = await (await fetch(`${bare.origin}${CUSTOMER_CLIENT_PATH}`)).text();
      expect(notBuilt).toBe(CUSTOMER_CLIENT_NOT_BUILT_SCRIPT);
      expect(notBuilt).toContain('console.error');
    } finally {
      await bare.close();
    }
  });

  it('refuses the view without the token, or with a wrong one', async () => {
    expect((await poll(-1, null)).status).toBe(401);
    expect((await poll(-1, 'f'.repeat(64))).status).toBe(401);
  });

  it('answers at once when behind, and a waiting poll with the view after the cashier’s lookup', async () => {
    const first = (await (await poll(-1)).json()) as CustomerViewUpdate;
    expect(first.view).toMatchObject({ kind: 'rest', welcome: '欢迎光临' });
    const waiting = poll(first.seq);
    // Past the bridge's request limits: the poll is still open and answers the lookup.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await lookup(DEMO_CARDS.seed)).status).toBe(200);
    const updates: CustomerViewUpdate[] = [];
    let update = (await (await waiting).json()) as CustomerViewUpdate;
    updates.push(update);
    // The next scan's "rest" came first only if the desk had shown something before; follow to the answer.
    while (update.view.kind !== 'balance') {
      update = (await (await poll(update.seq)).json()) as CustomerViewUpdate;
      updates.push(update);
    }
    expect(update.view).toMatchObject({ kind: 'balance', card: '****0125' });
    expect(JSON.stringify(updates)).not.toContain(DEMO_CARDS.seed);
  });
});
