import { DEMO_CARDS, FAULT_CARDS, startSandbox, type RunningSandbox } from '@balance-desk/top-sandbox';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TopClient } from '@balance-desk/top-client';
import { dispatchIpc } from './dispatch';
import { createRateGuard } from '../lookup/rate-guard';
import {
  managerToken,
  readAllFiles,
  startDesk,
  tmpDir,
  type DeskFixture,
} from '../test-support/desk-fixture';

const KEY = 'chain-app-key';
const SECRET = 'chain-secret-5e1d9b7a3c2f4e6d8a0b';
const SESSION = 'chain-session-0c9e8d7f6a5b4c3d';
const PIN = '9753186420';

let prod: RunningSandbox;
let fx: DeskFixture | undefined;
beforeAll(async () => {
  prod = await startSandbox({ port: 0, apps: [{ appKey: KEY, appSecret: SECRET }] });
});
afterAll(() => prod.close());
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const configure = (url: string) => ({
  gatewayKind: 'custom' as const,
  gatewayUrl: url,
  appKey: KEY,
  brandId: '3724809629',
  shopId: '3724809631',
  insecureStorageAccepted: true,
});

describe('manager sessions', () => {
  it('PIN-gated channels need a live token; the token slides and expires after 5 idle minutes', async () => {
    let clock = Date.parse('2025-03-01T08:00:00Z');
    fx = await startDesk({ now: () => new Date(clock) });
    const { desk } = fx;
    expect(await desk.call('pin:set', { newPin: PIN })).toEqual({ kind: 'ok' });
    // Once a PIN exists, changing it needs a session.
    expect(await desk.call('pin:set', { newPin: '86420' })).toEqual({ kind: 'unauthorized' });
    const verified = await desk.call('pin:verify', { pin: PIN });
    if (verified.kind !== 'ok') throw new Error('pin:verify failed');
    expect(verified.managerToken).toMatch(/^[0-9a-f]{64}$/);
    expect(verified.expiresAt).toBe('2025-03-01T08:05:00.000Z');
    const token = verified.managerToken;

    clock += 4 * 60_000;
    expect(await desk.call('kiosk:exit', { managerToken: token })).toEqual({ kind: 'ok' });
    clock += 4 * 60_000; // 8 minutes after issue, 4 after last use: still alive (sliding)
    expect(
      await desk.call('settings:update', { managerToken: token, patch: { shopName: 'A' } }),
    ).toMatchObject({ kind: 'ok' });
    clock += 5 * 60_000 + 1;
    expect(await desk.call('kiosk:exit', { managerToken: token })).toEqual({
      kind: 'unauthorized',
    });
    expect(await desk.call('settings:update', { managerToken: token, patch: { shopName: 'B' } })).toEqual({
      kind: 'unauthorized',
    });
    expect((await desk.call('settings:get', {})).shopName).toBe('A');
  });

  it('kiosk:exit with a session calls the kiosk listener; without, it does not', async () => {
    fx = await startDesk();
    let exits = 0;
    const off = fx.desk.onKioskExit(() => (exits += 1));
    expect(await fx.desk.call('kiosk:exit', { managerToken: 'x'.repeat(64) })).toEqual({
      kind: 'unauthorized',
    });
    expect(exits).toBe(0);
    await fx.desk.call('kiosk:exit', { managerToken: await managerToken(fx.desk) });
    expect(exits).toBe(1);
    off();
  });

  it('connection:test of a draft needs a session and uses the draft secret without saving it', async () => {
    fx = await startDesk();
    const draft = { ...configure(prod.url), appSecret: SECRET };
    expect(await fx.desk.call('connection:test', { draft })).toEqual({ kind: 'unauthorized' });
    const token = await managerToken(fx.desk);
    expect(await fx.desk.call('connection:test', { managerToken: token, draft })).toMatchObject({
      verdict: 'ok',
      gatewayHost: `127.0.0.1:${prod.port}`,
    });
    expect(
      await fx.desk.call('connection:test', {
        managerToken: token,
        draft: { ...draft, appSecret: 'wrong-secret' },
      }),
    ).toMatchObject({ verdict: 'bad-signature' });
    expect(
      await fx.desk.call('connection:test', {
        managerToken: token,
        draft: { ...draft, gatewayUrl: 'http://10.1.2.3/router/rest' },
      }),
    ).toMatchObject({
      verdict: 'not-configured',
      detail: { text: 'gatewayUrl' },
    });
    // Nothing was saved: still demo, no secret.
    expect(await fx.desk.call('settings:get', {})).toMatchObject({ hasAppSecret: false, appKey: '' });
    expect((await fx.desk.call('app:status', {})).mode).toBe('demo');
  });
});

describe("connection:test shares the lookups' rate guard and client", () => {
  it('without a draft (no PIN needed) it still spends a rate-guard token; an empty bucket answers locally', async () => {
    fx = await startDesk({ lookup: { rateGuard: createRateGuard({ burst: 3, ratePerSecond: 0.001 }) } });
    const token = await managerToken(fx.desk);
    await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { ...configure(prod.url), appSecret: SECRET },
    });
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'ok',
    });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });
    const before = prod.requestCount();
    // Someone hammering "test connection" cannot push the chain's app key into TOP's call limit.
    expect(await fx.desk.call('connection:test', {})).toMatchObject({
      verdict: 'unexpected',
      detail: { text: 'local-rate-guard' },
    });
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      reason: 'rate-limited',
    });
    expect(prod.requestCount()).toBe(before);
  });

  it('reuses the warm lookup client for the saved settings; a draft gets a one-off client that is closed after', async () => {
    const built: { closed: boolean }[] = [];
    fx = await startDesk({
      clientFactory: (options) => {
        const client = new TopClient(options);
        const record = { closed: false };
        built.push(record);
        return {
          execute: (m, p, o) => client.execute(m, p, o),
          close: () => ((record.closed = true), client.close()),
        };
      },
    });
    const token = await managerToken(fx.desk);
    await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { ...configure(prod.url), appSecret: SECRET },
    });
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'ok',
    });
    const lookupClients = built.length;
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });
    expect(built).toHaveLength(lookupClients);

    expect(
      await fx.desk.call('connection:test', { managerToken: token, draft: { appSecret: 'wrong-secret' } }),
    ).toMatchObject({ verdict: 'bad-signature' });
    expect(built).toHaveLength(lookupClients + 1);
    expect(built.at(-1)?.closed).toBe(true);
    expect(built.at(-2)?.closed).toBe(false); // the cashier's client is still warm
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'ok',
    });
    expect(built).toHaveLength(lookupClients + 1);
  });
});

describe('provisioning on start', () => {
  it('applies a file: production mode, PIN set, a provisioning-applied notice', async () => {
    const tmp = await tmpDir();
    const file = path.join(tmp.dir, 'provision.json');
    await writeFile(
      file,
      JSON.stringify({ ...configure(prod.url), appSecret: SECRET, shopName: '二号店', managerPin: PIN }),
    );
    try {
      fx = await startDesk({ argv: ['node', 'app', '--provision', file] });
      const status = await fx.desk.call('app:status', {});
      expect(status).toMatchObject({ mode: 'production', shopName: '二号店' });
      expect(status.notices.find((n) => n.code === 'provisioning-applied')?.detail).toContain(file);
      expect(await fx.desk.call('pin:verify', { pin: PIN })).toMatchObject({ kind: 'ok' });
      expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
        kind: 'ok',
      });
      expect(JSON.stringify(status)).not.toContain(SECRET);
    } finally {
      await tmp.remove();
    }
  });

  it('a broken file is refused and says why; IT asked for a configuration, so no demo balances', async () => {
    const tmp = await tmpDir();
    const file = path.join(tmp.dir, 'provision.json');
    await writeFile(file, JSON.stringify({ appKey: KEY, appSecret: SECRET, brandId: 42 }));
    try {
      fx = await startDesk({ wellKnownProvisionPaths: [path.join(tmp.dir, 'absent.json'), file] });
      const status = await fx.desk.call('app:status', {});
      expect(status.mode).toBe('unconfigured');
      expect(status.demoCards).toEqual([]);
      expect(status.notices.map((n) => n.code)).toContain('configuration-missing');
      const notice = status.notices.find((n) => n.code === 'provisioning-failed');
      expect(notice?.detail).toContain('brandId');
      expect(JSON.stringify(status)).not.toContain(SECRET);
    } finally {
      await tmp.remove();
    }
  });
});

describe('no secret leaves the vault', () => {
  it('not in IPC answers, the journal, log lines or any data file but vault.json', async () => {
    fx = await startDesk();
    const { desk } = fx;
    const answers: unknown[] = [];
    const call = async (channel: string, payload: unknown) => {
      const reply = await dispatchIpc(desk, channel, payload);
      answers.push(reply);
      return reply;
    };
    await call('pin:set', { newPin: PIN });
    const verified = await call('pin:verify', { pin: PIN });
    const token = verified.ok ? (verified.value as { managerToken: string }).managerToken : '';
    await call('settings:update', {
      managerToken: token,
      patch: { ...configure(prod.url), appSecret: SECRET, sessionKey: SESSION },
    });
    await call('settings:update', { managerToken: token, patch: { appSecret: 12345 } });
    await call('settings:update', { managerToken: token, patch: { appSecret: SECRET, bogus: SECRET } });
    await call('settings:update', {
      managerToken: token,
      patch: { gatewayUrl: `http://user:${SECRET}@example.com/` },
    });
    for (const card of [
      DEMO_CARDS.seed,
      FAULT_CARDS.permission,
      FAULT_CARDS.html,
      FAULT_CARDS.malformedJson,
      FAULT_CARDS.http502,
      FAULT_CARDS.bizError,
      'bad card',
    ]) {
      await call('balance:lookup', { cardId: card });
    }
    await call('connection:test', {});
    await call('connection:test', { managerToken: token, draft: { appSecret: `${SECRET}-draft` } });
    await call('settings:get', {});
    await call('app:status', {});
    await call('journal:recent', { limit: 100 });
    await desk.close();

    const secrets = [SECRET, SESSION, PIN];
    const everything = [
      JSON.stringify(answers),
      fx.logger.lines.join('\n'),
      ...(await readAllFiles(fx.dir, ['vault.json'])).map((f) => `${f.file}\n${f.text}`),
    ].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The sanity check that the data was really there: the journal has the lookups.
    expect(everything).toContain('1119…0125');
    expect(fx.logger.lines.length).toBeGreaterThan(5);
  });
});
