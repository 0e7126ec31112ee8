import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
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
import type { ProxyResolver } from '../ports';
import {
  managerToken,
  readAllFiles,
  startDesk,
  tmpDir,
  type DeskFixture,
} from '../test-support/desk-fixture';

/**
 * A store network end to end through the Desk: provisioning with `proxyUrl`, `proxyCredentials`
 * and `caCertificates`, a real CONNECT proxy that demands credentials and is the only one that can
 * resolve the gateway's name, an HTTPS sandbox whose certificate comes from a generated
 * "inspection" CA. Every failure is named in the lookup outcome and the connection test.
 */
const ISSUER = 'CN=Contoso Inspection CA, O=Contoso Retail';
const CREDENTIALS = 'store-042:proxy-pass-6b1f';

let ca: TestCa;
let gateway: RunningSandbox;
let wrongName: RunningSandbox;
let proxy: RunningConnectProxy;
let openProxy: RunningConnectProxy;
let fx: DeskFixture | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ca = createTestCa({ commonName: 'Contoso Inspection CA', organization: 'Contoso Retail' });
  gateway = await startSandbox({ tls: ca.issue(['gateway.test']) });
  wrongName = await startSandbox({ tls: ca.issue(['other.test']) });
  const hosts = { 'gateway.test': '127.0.0.1' };
  const [username = '', password = ''] = CREDENTIALS.split(':');
  proxy = await startConnectProxy({ hosts, auth: { username, password } });
  openProxy = await startConnectProxy({ hosts });
});
afterAll(async () => {
  await Promise.all([gateway.close(), wrongName.close(), proxy.close(), openProxy.close()]);
});
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
  proxy.connects.length = 0;
  openProxy.connects.length = 0;
});

const gatewayUrl = (server: RunningSandbox): string => `https://gateway.test:${server.port}/router/rest`;

function provisioning(extra: Record<string, unknown>, server = gateway): Record<string, unknown> {
  return {
    gatewayUrl: gatewayUrl(server),
    appKey: DEMO_APP_KEY,
    appSecret: DEMO_APP_SECRET,
    brandId: DEMO_BRAND_ID,
    shopId: DEMO_SHOP_ID,
    insecureStorageAccepted: true,
    ...extra,
  };
}

async function provisioned(
  file: Record<string, unknown>,
  proxyResolver?: ProxyResolver,
): Promise<{ fx: DeskFixture; file: string }> {
  const tmp = await tmpDir();
  cleanups.push(tmp.remove);
  const name = path.join(tmp.dir, 'provision.json');
  await writeFile(name, JSON.stringify(file));
  fx = await startDesk({
    argv: ['node', 'app', '--provision', name],
    ...(proxyResolver ? { proxyResolver } : {}),
  });
  return { fx, file: name };
}

const lookup = (desk: DeskFixture) => desk.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });

describe('provisioned for a proxy with TLS inspection', () => {
  it('shows the seed balances through the proxy; the credentials live only in the vault', async () => {
    const { fx, file } = await provisioned(
      provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS, caCertificates: ca.cert }),
    );
    const status = await fx.desk.call('app:status', {});
    expect(status.mode).toBe('production');
    expect(status.notices.map((n) => n.code)).toContain('provisioning-applied');
    const outcome = await lookup(fx);
    expect(outcome).toMatchObject({ kind: 'ok', accounts: [{ cardId: DEMO_CARDS.seed, usable: 4000 }] });
    expect(proxy.connects).toContainEqual({ authority: `gateway.test:${gateway.port}`, status: 200 });

    const view = await fx.desk.call('settings:get', {});
    expect(view).toMatchObject({ proxyUrl: proxy.url, caCertificates: ca.cert, hasProxyCredentials: true });
    expect(JSON.stringify(view)).not.toContain('proxy-pass');
    const left = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(left).not.toHaveProperty('proxyCredentials');
    expect(left).toMatchObject({ proxyUrl: proxy.url, secretsMovedToVault: true });
    for (const { file: name, text } of await readAllFiles(fx.dir, ['vault.json', 'dev-cipher.key']))
      expect(text, name).not.toContain('proxy-pass');
  });

  it('a list of PEM texts in the file is one setting', async () => {
    const { fx } = await provisioned(
      provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS, caCertificates: [ca.cert] }),
    );
    expect(await lookup(fx)).toMatchObject({ kind: 'ok' });
  });

  it('without the extra root: certificate-untrusted, naming the inspection CA', async () => {
    const { fx } = await provisioned(provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS }));
    expect(await lookup(fx)).toMatchObject({
      kind: 'error',
      reason: 'certificate-untrusted',
      retriable: false,
      detail: { subCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', text: ISSUER },
    });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({
      verdict: 'tls-untrusted',
      detail: { text: ISSUER },
    });
  });

  it('without credentials: proxy-auth (407)', async () => {
    const { fx } = await provisioned(provisioning({ proxyUrl: proxy.url, caCertificates: ca.cert }));
    expect(await lookup(fx)).toMatchObject({
      kind: 'error',
      reason: 'proxy-auth',
      retriable: false,
      detail: { code: 407 },
    });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'proxy-auth' });
  });

  it('a proxy that is down: proxy-unreachable', async () => {
    const down = await startConnectProxy();
    await down.close();
    const { fx } = await provisioned(provisioning({ proxyUrl: down.url, caCertificates: ca.cert }));
    expect(await lookup(fx)).toMatchObject({
      kind: 'error',
      reason: 'proxy-unreachable',
      detail: { subCode: 'ERR_PROXY_UNREACHABLE' },
    });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'proxy-unreachable' });
  });

  it('a proxy that cannot reach the gateway: proxy-refused with its status', async () => {
    const { fx } = await provisioned({
      ...provisioning({ proxyUrl: openProxy.url, caCertificates: ca.cert }),
      gatewayUrl: 'https://no-such-gateway.invalid/router/rest',
    });
    expect(await lookup(fx)).toMatchObject({ kind: 'error', reason: 'proxy-refused', detail: { code: 502 } });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({
      verdict: 'proxy-refused',
      detail: { code: 502 },
    });
  });

  it('a certificate for another name: certificate-mismatch', async () => {
    const { fx } = await provisioned(
      provisioning({ proxyUrl: openProxy.url, caCertificates: ca.cert }, wrongName),
    );
    expect(await lookup(fx)).toMatchObject({
      kind: 'error',
      reason: 'certificate-mismatch',
      detail: { subCode: 'ERR_TLS_CERT_ALTNAME_INVALID', text: ISSUER },
    });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'tls-host-mismatch' });
  });
});

describe('provisioning file checks', () => {
  it('names the field and the fix; nothing is applied', async () => {
    const { fx, file } = await provisioned(
      provisioning({ proxyUrl: 'http://store:pw@proxy.corp:3128', caCertificates: ca.key }),
    );
    const status = await fx.desk.call('app:status', {});
    expect(status.mode).not.toBe('production');
    const notice = status.notices.find((n) => n.code === 'provisioning-failed');
    expect(notice?.detail).toContain('proxyUrl');
    expect(notice?.detail).toContain('proxyCredentials');
    expect(notice?.detail).toContain('caCertificates');
    expect(notice?.detail).not.toContain('store:pw');
    expect(notice?.detail).not.toContain('PRIVATE KEY');
    // Nothing was applied, so the file still holds what IT wrote.
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('appSecret');
  });
});

describe('the system proxy', () => {
  it('is followed when settings name none (PAC-style answer from the resolver port)', async () => {
    const asked: string[] = [];
    const resolver: ProxyResolver = {
      resolve: async (url) => {
        asked.push(url);
        return `PROXY 127.0.0.1:${openProxy.port}; DIRECT`;
      },
    };
    const { fx } = await provisioned(provisioning({ caCertificates: ca.cert }), resolver);
    expect(await lookup(fx)).toMatchObject({ kind: 'ok' });
    expect(asked).toContain(gatewayUrl(gateway));
    expect(openProxy.connects).toContainEqual({ authority: `gateway.test:${gateway.port}`, status: 200 });
  });

  it('DIRECT means no proxy: the gateway name does not resolve here, so the lookup fails as network', async () => {
    const resolver: ProxyResolver = { resolve: async () => 'DIRECT' };
    const { fx } = await provisioned(provisioning({ caCertificates: ca.cert }), resolver);
    expect(await lookup(fx)).toMatchObject({ kind: 'error', reason: 'network' });
    expect(openProxy.connects).toEqual([]);
  });
});

describe('settings from the manager', () => {
  it('refuses a proxy URL with credentials, and a certificate field holding a private key', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    const answer = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { proxyUrl: 'http://user:pw@proxy.example:3128', caCertificates: ca.key },
    });
    expect(answer).toEqual({
      kind: 'invalid',
      fieldErrors: { proxyUrl: 'proxy-credentials-in-url', caCertificates: 'invalid-certificate' },
    });
    const leaf = ca.issue(['x.test']).cert;
    expect(
      await fx.desk.call('settings:update', { managerToken: token, patch: { caCertificates: leaf } }),
    ).toMatchObject({ kind: 'invalid', fieldErrors: { caCertificates: 'certificate-not-ca' } });
  });

  it('saves the proxy, write-only credentials and roots; a draft test uses them', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    const patch = {
      gatewayKind: 'custom' as const,
      gatewayUrl: gatewayUrl(gateway),
      appKey: DEMO_APP_KEY,
      appSecret: DEMO_APP_SECRET,
      brandId: DEMO_BRAND_ID,
      shopId: DEMO_SHOP_ID,
      insecureStorageAccepted: true,
      proxyUrl: proxy.url,
      caCertificates: ca.cert,
    };
    // A draft with the credentials typed but not saved yet: the test uses them.
    expect(
      await fx.desk.call('connection:test', {
        managerToken: token,
        draft: { ...patch, proxyCredentials: CREDENTIALS },
      }),
    ).toMatchObject({ verdict: 'ok' });
    const saved = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { ...patch, proxyCredentials: CREDENTIALS },
    });
    expect(saved).toMatchObject({ kind: 'ok', settings: { proxyUrl: proxy.url, hasProxyCredentials: true } });
    expect(await lookup(fx)).toMatchObject({ kind: 'ok' });
    const settingsFile = await readFile(path.join(fx.dir, 'settings.json'), 'utf8');
    expect(settingsFile).toContain(proxy.url);
    expect(settingsFile).not.toContain('proxy-pass');
    // Clearing the credentials: the proxy asks for them again.
    await fx.desk.call('settings:update', { managerToken: token, patch: { proxyCredentials: null } });
    expect(await lookup(fx)).toMatchObject({ kind: 'error', reason: 'proxy-auth' });
  });
});

/** A listener posing as a proxy: keeps what it was sent, answers nothing and hangs up. */
async function trapProxy(): Promise<{ url: string; port: number; sent(): string; close(): Promise<void> }> {
  let data = '';
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return { url: `http://127.0.0.1:${port}`, port, sent: () => data, close };
}

const BASIC = Buffer.from(CREDENTIALS).toString('base64');

describe('proxy credentials belong to the proxy they were entered for', () => {
  it('a draft connection test with another proxy sends it no credentials', async () => {
    const trap = await trapProxy();
    const { fx } = await provisioned(
      provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS, caCertificates: ca.cert }),
    );
    const token = await managerToken(fx.desk);
    const verdict = await fx.desk.call('connection:test', {
      managerToken: token,
      draft: { proxyUrl: trap.url },
    });
    expect(trap.sent()).toContain('CONNECT gateway.test');
    expect(trap.sent()).not.toContain(BASIC);
    expect(trap.sent().toLowerCase()).not.toContain('proxy-authorization');
    expect(verdict).not.toMatchObject({ verdict: 'ok' });
  });

  it('a proxy saved without entering the credentials again gets none; the form learns where they belong', async () => {
    const trap = await trapProxy();
    const { fx } = await provisioned(
      provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS, caCertificates: ca.cert }),
    );
    const token = await managerToken(fx.desk);
    const saved = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { proxyUrl: trap.url },
    });
    expect(saved).toMatchObject({
      kind: 'ok',
      settings: { hasProxyCredentials: true, proxyCredentialsOrigin: new URL(proxy.url).origin },
    });
    await lookup(fx);
    expect(trap.sent()).toContain('CONNECT gateway.test');
    expect(trap.sent()).not.toContain(BASIC);
    // Back to the proxy they were entered for: they are sent again.
    await fx.desk.call('settings:update', { managerToken: token, patch: { proxyUrl: proxy.url } });
    expect(await lookup(fx)).toMatchObject({ kind: 'ok' });
  });

  it('a system (PAC) proxy gets them only when it is the proxy they were entered for', async () => {
    const trap = await trapProxy();
    const resolver: ProxyResolver = { resolve: async () => `PROXY 127.0.0.1:${trap.port}` };
    const { fx } = await provisioned(
      provisioning({ proxyUrl: proxy.url, proxyCredentials: CREDENTIALS, caCertificates: ca.cert }),
      resolver,
    );
    const token = await managerToken(fx.desk);
    await fx.desk.call('settings:update', { managerToken: token, patch: { proxyUrl: '' } });
    await lookup(fx);
    expect(trap.sent()).toContain('CONNECT gateway.test');
    expect(trap.sent()).not.toContain(BASIC);
  });

  it('credentials need a proxy address to belong to: refused without one, in the form and in a file', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    expect(
      await fx.desk.call('settings:update', {
        managerToken: token,
        patch: { proxyCredentials: CREDENTIALS },
      }),
    ).toMatchObject({ kind: 'invalid', fieldErrors: { proxyCredentials: 'proxy-url-needed' } });
    expect((await fx.desk.call('settings:get', {})).hasProxyCredentials).toBe(false);
    await fx.close();
    fx = undefined;
    const { fx: provisionedFx, file } = await provisioned(provisioning({ proxyCredentials: CREDENTIALS }));
    const notice = (await provisionedFx.desk.call('app:status', {})).notices.find(
      (n) => n.code === 'provisioning-failed',
    );
    expect(notice?.detail).toContain('proxyCredentials');
    expect(notice?.detail).toContain('proxyUrl');
    expect(notice?.detail).not.toContain('proxy-pass');
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('proxyCredentials');
  });
});
