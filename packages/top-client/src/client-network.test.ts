import { rootCertificates } from 'node:tls';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  startSandbox,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { startConnectProxy, type RunningConnectProxy } from '@balance-desk/top-sandbox/connect-proxy';
import { createTestCa, type TestCa } from '@balance-desk/top-sandbox/test-pki';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_AUTH_REQUIRED, PROXY_REFUSED, PROXY_UNREACHABLE, type TopNetworkOptions } from './connector';
import { TopClient } from './client';
import { TopTransportError } from './errors';

/**
 * Store networks for real: an HTTPS sandbox whose certificate comes from a generated "inspection"
 * CA, reached directly or through a real CONNECT proxy on 127.0.0.1. The gateway's host name,
 * `gateway.test`, resolves only inside the proxy, as a corporate proxy resolves for its terminals.
 */
const METHOD = 'alibaba.alsc.crm.recharge.account.get';
const ISSUER = 'CN=Contoso Inspection CA, O=Contoso Retail';
const PROXY_USER = { username: 'store-042', password: 'pa:ss wörd' };

let ca: TestCa;
let sandbox: RunningSandbox;
/** Same gateway, certificate for another name: the host-name mismatch case. */
let wrongName: RunningSandbox;
let proxy: RunningConnectProxy;
let authProxy: RunningConnectProxy;

beforeAll(async () => {
  ca = createTestCa({ commonName: 'Contoso Inspection CA', organization: 'Contoso Retail' });
  sandbox = await startSandbox({ tls: ca.issue(['gateway.test', '127.0.0.1']) });
  wrongName = await startSandbox({ tls: ca.issue(['other.test']) });
  const hosts = { 'gateway.test': '127.0.0.1' };
  proxy = await startConnectProxy({ hosts });
  authProxy = await startConnectProxy({ hosts, auth: PROXY_USER });
});
afterAll(async () => {
  await Promise.all([sandbox.close(), wrongName.close(), proxy.close(), authProxy.close()]);
});

const clients: TopClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  proxy.connects.length = 0;
  authProxy.connects.length = 0;
});

function client(gatewayUrl: string, network?: TopNetworkOptions): TopClient {
  const made = new TopClient({ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET, gatewayUrl, network });
  clients.push(made);
  return made;
}

const viaName = (server: RunningSandbox): string => `https://gateway.test:${server.port}/router/rest`;
const trusted = (): string[] => [...rootCertificates, ca.cert];

async function lookup(top: TopClient): Promise<unknown> {
  const { body } = await top.execute(METHOD, {
    param_query_recharge_account_open_req: {
      brand_id: DEMO_BRAND_ID,
      shop_id: DEMO_SHOP_ID,
      card_id: DEMO_CARDS.seed,
    },
  });
  return body;
}

async function failure(top: TopClient): Promise<TopTransportError> {
  const err: unknown = await lookup(top).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TopTransportError);
  return err as TopTransportError;
}

describe('HTTPS gateway with a private root', () => {
  it('answers directly once the extra root is trusted', async () => {
    const body = await lookup(client(sandbox.url, { ca: trusted() }));
    expect(JSON.stringify(body)).toContain(DEMO_CARDS.seed);
  });

  it('without the extra root: refused, not retriable, naming the issuer', async () => {
    const err = await failure(client(sandbox.url));
    expect(err.causeCode).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(err.peerIssuer).toBe(ISSUER);
    expect(err.retriable).toBe(false);
    expect(err.message).toContain(ISSUER);
  });
});

describe('through a CONNECT proxy', () => {
  it('tunnels to a host only the proxy can resolve, keeping the tunnel alive between calls', async () => {
    const top = client(viaName(sandbox), { proxy: { url: proxy.url }, ca: trusted() });
    await lookup(top);
    // undici reuses a socket one event-loop turn after a call settles (client-http.test.ts).
    await new Promise((next) => setImmediate(next));
    await lookup(top);
    expect(proxy.connects).toEqual([{ authority: `gateway.test:${sandbox.port}`, status: 200 }]);
  });

  it('without the extra root: the inspection CA is named', async () => {
    const err = await failure(client(viaName(sandbox), { proxy: { url: proxy.url } }));
    expect(err.causeCode).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(err.peerIssuer).toBe(ISSUER);
  });

  it('a certificate for another host name is a mismatch, with its issuer', async () => {
    const err = await failure(client(viaName(wrongName), { proxy: { url: proxy.url }, ca: trusted() }));
    expect(err.causeCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(err.peerIssuer).toBe(ISSUER);
    expect(err.retriable).toBe(false);
  });

  it('a proxy that wants credentials answers 407: not retriable, named', async () => {
    const err = await failure(client(viaName(sandbox), { proxy: { url: authProxy.url }, ca: trusted() }));
    expect(err.causeCode).toBe(PROXY_AUTH_REQUIRED);
    expect(err.proxyStatus).toBe(407);
    expect(err.retriable).toBe(false);
    expect(authProxy.connects).toEqual([{ authority: `gateway.test:${sandbox.port}`, status: 407 }]);
  });

  it('wrong credentials are a 407 too; the right ones pass', async () => {
    const wrong = { url: authProxy.url, username: PROXY_USER.username, password: 'nope' };
    expect((await failure(client(viaName(sandbox), { proxy: wrong, ca: trusted() }))).proxyStatus).toBe(407);
    const right = { url: authProxy.url, ...PROXY_USER };
    const body = await lookup(client(viaName(sandbox), { proxy: right, ca: trusted() }));
    expect(JSON.stringify(body)).toContain(DEMO_CARDS.seed);
  });

  it('a proxy that cannot reach the gateway (502) refused the tunnel; that may pass later', async () => {
    const err = await failure(
      client('https://unknown-gateway.invalid/router/rest', { proxy: { url: proxy.url }, ca: trusted() }),
    );
    expect(err.causeCode).toBe(PROXY_REFUSED);
    expect(err.proxyStatus).toBe(502);
    expect(err.retriable).toBe(true);
  });

  it('a proxy that is down is unreachable, with the socket error underneath', async () => {
    const down = await startConnectProxy();
    await down.close();
    const err = await failure(client(viaName(sandbox), { proxy: { url: down.url }, ca: trusted() }));
    expect(err.causeCode).toBe(PROXY_UNREACHABLE);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.retriable).toBe(true);
  });

  it('an https:// proxy is verified against the same roots, then tunnels', async () => {
    const tlsProxy = await startConnectProxy({
      hosts: { 'gateway.test': '127.0.0.1' },
      tls: ca.issue(['localhost', '127.0.0.1']),
    });
    try {
      // By address and by name: the proxy's certificate is checked against the proxy, not the gateway.
      for (const url of [tlsProxy.url, `https://localhost:${tlsProxy.port}`]) {
        const body = await lookup(client(viaName(sandbox), { proxy: { url }, ca: trusted() }));
        expect(JSON.stringify(body)).toContain(DEMO_CARDS.seed);
      }
      expect(tlsProxy.connects).toHaveLength(2);
      expect(tlsProxy.connects[0]).toEqual({ authority: `gateway.test:${sandbox.port}`, status: 200 });
      // Without the root, the proxy's own certificate is refused: the proxy cannot be reached.
      const err = await failure(client(viaName(sandbox), { proxy: { url: tlsProxy.url } }));
      expect(err.causeCode).toBe(PROXY_UNREACHABLE);
    } finally {
      await tlsProxy.close();
    }
  });

  it('never puts the proxy password in an error', async () => {
    const err = await failure(
      client(viaName(sandbox), { proxy: { url: authProxy.url, username: 'u', password: 'hunter2-secret' } }),
    );
    expect(JSON.stringify({ message: err.message, stack: err.stack })).not.toContain('hunter2');
  });
});
