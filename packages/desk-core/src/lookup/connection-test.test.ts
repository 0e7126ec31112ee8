import { ConnectionVerdict, gatewayOrigin } from '@balance-desk/contract';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_SHOP_ID,
  startSandbox,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from './connection-test';
import type { Settings } from '../ports';
import { defaultSettings } from '../storage/settings/settings-schema';
import { gatewayUrlFor } from '../storage/settings/gateway';

function settingsFor(url: string, patch: Partial<Settings> = {}): Settings {
  return {
    ...defaultSettings(),
    gatewayKind: 'custom',
    gatewayUrl: url,
    appKey: DEMO_APP_KEY,
    brandId: DEMO_BRAND_ID,
    shopId: DEMO_SHOP_ID,
    requestTimeoutMs: 1000,
    ...patch,
  };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/router/rest`;
}

describe('connection test verdicts against a real sandbox', () => {
  let sandbox: RunningSandbox;
  let skewed: RunningSandbox;
  let withSession: RunningSandbox;
  const secrets = { appSecret: DEMO_APP_SECRET };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    skewed = await startSandbox({ port: 0, now: () => new Date(Date.now() + 60 * 60 * 1000) });
    withSession = await startSandbox({
      port: 0,
      apps: [{ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET, requireSession: 'the-session' }],
    });
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), skewed.close(), withSession.close()]);
  });

  async function verdict(
    settings: Settings,
    s: { appSecret?: string; sessionKey?: string } = secrets,
  ): Promise<ConnectionVerdict> {
    // Secrets handed in directly belong to the gateway under test (the binding has its own tests).
    const origin = gatewayOrigin(gatewayUrlFor(settings));
    const result = await testConnection(settings, {
      appSecretOrigin: origin,
      sessionKeyOrigin: origin,
      ...s,
    });
    expect(ConnectionVerdict.parse(result)).toEqual(result);
    expect(JSON.stringify(result)).not.toContain(DEMO_APP_SECRET);
    return result;
  }

  it('ok: a normal answer (not-found for the throwaway card) proves the whole path', async () => {
    const before = sandbox.requestCount();
    const result = await verdict(settingsFor(sandbox.url));
    expect(result.verdict).toBe('ok');
    expect(result.gatewayHost).toBe(`127.0.0.1:${sandbox.port}`);
    expect(sandbox.requestCount()).toBe(before + 1);
  });

  it('tells credentials apart: wrong secret, wrong app key, session', async () => {
    expect((await verdict(settingsFor(sandbox.url), { appSecret: 'not-the-secret' })).verdict).toBe(
      'bad-signature',
    );
    expect((await verdict(settingsFor(sandbox.url, { appKey: 'someone-else' }))).verdict).toBe('bad-app-key');
    expect((await verdict(settingsFor(withSession.url))).verdict).toBe('bad-session');
    expect((await verdict(settingsFor(withSession.url), { ...secrets, sessionKey: 'wrong' })).verdict).toBe(
      'bad-session',
    );
    expect(
      (await verdict(settingsFor(withSession.url), { ...secrets, sessionKey: 'the-session' })).verdict,
    ).toBe('ok');
  });

  it('clock skew, unreachable, tls', async () => {
    expect((await verdict(settingsFor(skewed.url))).verdict).toBe('clock-skew');
    const closed = await verdict(settingsFor(await closedPortUrl()));
    expect(closed).toMatchObject({ verdict: 'unreachable', detail: { subCode: 'ECONNREFUSED' } });
    // TLS spoken to a plain-HTTP port: the handshake fails.
    expect((await verdict(settingsFor(sandbox.url.replace('http:', 'https:')))).verdict).toBe('tls');
  });

  it('gateway faults: permission, session, bad shop, timeout, unexpected', async () => {
    const cases = [
      ['permission', 'permission'],
      ['invalidSession', 'bad-session'],
      ['invalidParameter', 'bad-shop'],
      ['html', 'unexpected'],
      ['http502', 'unexpected'],
      ['clockSkew', 'clock-skew'],
    ] as const;
    for (const [fault, expected] of cases) {
      sandbox.setFault(fault);
      expect((await verdict(settingsFor(sandbox.url))).verdict, fault).toBe(expected);
    }
    sandbox.setFault('neverEnds');
    expect((await verdict(settingsFor(sandbox.url, { requestTimeoutMs: 150 }))).verdict).toBe('timeout');
    sandbox.setFault('bizError');
    expect((await verdict(settingsFor(sandbox.url))).verdict).toBe('ok');
    sandbox.setFault(undefined);
  });

  it('not-configured without a call', async () => {
    const before = sandbox.requestCount();
    expect(await verdict(settingsFor(sandbox.url), {})).toMatchObject({
      verdict: 'not-configured',
      detail: { text: 'appSecret' },
    });
    expect((await verdict(settingsFor(sandbox.url, { shopId: '' }))).verdict).toBe('not-configured');
    expect((await verdict(settingsFor('not a url'))).verdict).toBe('not-configured');
    expect((await verdict(settingsFor(sandbox.url, { appKey: ' ' }))).verdict).toBe('not-configured');
    expect(sandbox.requestCount()).toBe(before);
  });
});
