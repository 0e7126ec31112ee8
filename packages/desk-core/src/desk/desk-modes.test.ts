import {
  DEMO_CARDS,
  DEMO_SHOP_ID,
  FAULT_CARDS,
  startSandbox,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_SHOP_NAME, startDemoGateway } from './demo-gateway';
import { createDesk, type DeskOptions } from './desk';
import { createDevCipher } from '../storage/vault/dev-cipher';
import {
  CHEAP_PIN_COST,
  startDesk,
  managerToken,
  tmpDir,
  type DeskFixture,
} from '../test-support/desk-fixture';

const PROD_KEY = 'prod-app-key';
const PROD_SECRET = 'prod-secret-7f3a9c1e5b2d4f6a8c0e';

/** A Desk on a data dir that outlives it (for restarts), with the file vault keyed by `dev-cipher.key` there. */
const deskOptions = (dir: string): DeskOptions => ({
  dataDir: dir,
  cipher: createDevCipher(path.join(dir, 'dev-cipher.key')),
  version: '9.9.9-test',
  argv: [],
  wellKnownProvisionPaths: [],
  pinCost: CHEAP_PIN_COST,
});

const configure = (url: string) => ({
  gatewayKind: 'custom' as const,
  gatewayUrl: url,
  appKey: PROD_KEY,
  brandId: '3724809629',
  shopId: '3724809631',
  shopName: '一号店',
  insecureStorageAccepted: true,
});

let fx: DeskFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('demo mode', () => {
  it('starts in demo mode with demo cards, the demo shop and a loopback gateway', async () => {
    fx = await startDesk();
    const status = await fx.desk.call('app:status', {});
    expect(status).toMatchObject({
      mode: 'demo',
      version: '9.9.9-test',
      shopName: DEMO_SHOP_NAME,
      shopId: DEMO_SHOP_ID,
      online: 'unknown',
    });
    expect(status.gatewayHost).toMatch(/^127\.0\.0\.1:\d+$/);
    const ids = status.demoCards.map((c) => c.cardId);
    expect(ids).toContain(DEMO_CARDS.seed);
    expect(ids).toContain(FAULT_CARDS.bizError);
    expect(status.demoCards.every((c) => c.label.length > 0)).toBe(true);

    const outcome = await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed });
    expect(outcome).toMatchObject({ kind: 'ok', amountUnit: 'fen', accounts: [{ usable: 4000 }] });
    expect((await fx.desk.call('app:status', {})).online).toBe('online');
    const journal = await fx.desk.call('journal:recent', {});
    expect(journal[0]).toMatchObject({ card: '1119…0125', kind: 'ok', accounts: 1 });
  });

  it('without demo mode an unconfigured desk says so', async () => {
    fx = await startDesk({ demo: false });
    expect(await fx.desk.call('app:status', {})).toMatchObject({ mode: 'unconfigured', demoCards: [] });
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'error',
      reason: 'not-configured',
    });
  });
});

describe('switching to production', () => {
  let prod: RunningSandbox;
  beforeAll(async () => {
    prod = await startSandbox({ port: 0, apps: [{ appKey: PROD_KEY, appSecret: PROD_SECRET }] });
  });
  afterAll(() => prod.close());

  it('a manager saves settings: production at once, demo gateway stopped', async () => {
    fx = await startDesk();
    const demoHost = (await fx.desk.call('app:status', {})).gatewayHost;
    const token = await managerToken(fx.desk);
    const changed: string[] = [];
    fx.desk.onSettingsChanged((view) => changed.push(view.appKey));

    const reply = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: {
        gatewayKind: 'custom',
        gatewayUrl: prod.url,
        appKey: PROD_KEY,
        appSecret: `  ${PROD_SECRET}\n`,
        brandId: '3724809629',
        shopId: '3724809631',
        shopName: '一号店',
        insecureStorageAccepted: true,
      },
    });
    expect(reply).toMatchObject({
      kind: 'ok',
      settings: { hasAppSecret: true, appKey: PROD_KEY, gatewayUrl: prod.url },
    });
    expect(JSON.stringify(reply)).not.toContain(PROD_SECRET);
    expect(changed).toEqual([PROD_KEY]);

    const status = await fx.desk.call('app:status', {});
    expect(status).toMatchObject({
      mode: 'production',
      demoCards: [],
      shopName: '一号店',
      shopId: '3724809631',
      gatewayHost: `127.0.0.1:${prod.port}`,
    });
    // The demo gateway is gone.
    await expect(fetch(`http://${demoHost}/router/rest`)).rejects.toThrow();

    const before = prod.requestCount();
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'ok',
    });
    expect(prod.requestCount()).toBe(before + 1);
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });

    // Deleting the secret does NOT bring demo balances back: the terminal is configured for a real shop.
    expect(
      await fx.desk.call('settings:update', { managerToken: token, patch: { appSecret: null } }),
    ).toMatchObject({
      kind: 'ok',
      settings: { hasAppSecret: false },
    });
    expect(await fx.desk.call('app:status', {})).toMatchObject({
      mode: 'unconfigured',
      shopName: '一号店',
      demoCards: [],
      gatewayHost: `127.0.0.1:${prod.port}`,
    });
    const afterDelete = prod.requestCount();
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
      kind: 'error',
      reason: 'not-configured',
      detail: { text: 'app-secret-missing' },
    });
    expect(prod.requestCount()).toBe(afterDelete);
  });

  it('a configured terminal whose secret is deleted stays out of demo mode across a restart', async () => {
    const tmp = await tmpDir();
    let demoStarts = 0;
    const startDemo = () => ((demoStarts += 1), startDemoGateway());
    const open = () => createDesk({ ...deskOptions(tmp.dir), startDemo });
    try {
      const first = await open();
      const token = await managerToken(first);
      await first.call('settings:update', {
        managerToken: token,
        patch: { ...configure(prod.url), appSecret: PROD_SECRET },
      });
      await first.call('settings:update', { managerToken: token, patch: { appSecret: null } });
      await first.close();
      const startsBefore = demoStarts;

      const second = await open();
      expect(await second.call('app:status', {})).toMatchObject({
        mode: 'unconfigured',
        demoCards: [],
        shopName: '一号店',
      });
      expect(await second.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
        reason: 'not-configured',
        detail: { text: 'app-secret-missing' },
      });
      expect(demoStarts).toBe(startsBefore);
      await second.close();
    } finally {
      await tmp.remove();
    }
  });

  it('a configured terminal whose vault cannot be decrypted (DPAPI reset): not-configured, a notice, never demo', async () => {
    const tmp = await tmpDir();
    let demoStarts = 0;
    const startDemo = () => ((demoStarts += 1), startDemoGateway());
    const open = () => createDesk({ ...deskOptions(tmp.dir), startDemo });
    try {
      const first = await open();
      const token = await managerToken(first);
      await first.call('settings:update', {
        managerToken: token,
        patch: { ...configure(prod.url), appSecret: PROD_SECRET },
      });
      expect((await first.call('app:status', {})).mode).toBe('production');
      await first.close();
      // The OS key is gone (a Windows profile reset): vault.json is still there, but nothing decrypts it.
      await rm(path.join(tmp.dir, 'dev-cipher.key'));
      const startsBefore = demoStarts;

      const second = await open();
      const status = await second.call('app:status', {});
      expect(status).toMatchObject({
        mode: 'unconfigured',
        demoCards: [],
        shopName: '一号店',
        gatewayHost: `127.0.0.1:${prod.port}`,
      });
      expect(status.notices.map((n) => n.code)).toContain('secret-unreadable-reprovision');
      const before = prod.requestCount();
      expect(await second.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
        kind: 'error',
        reason: 'not-configured',
        detail: { text: 'app-secret-unreadable' },
      });
      expect(prod.requestCount()).toBe(before);
      expect(demoStarts).toBe(startsBefore);

      // Re-entering the secret fixes it, and the notice goes away.
      const again = await managerToken(second);
      expect(
        await second.call('settings:update', { managerToken: again, patch: { appSecret: PROD_SECRET } }),
      ).toMatchObject({ kind: 'ok' });
      const fixed = await second.call('app:status', {});
      expect(fixed.mode).toBe('production');
      expect(fixed.notices.map((n) => n.code)).not.toContain('secret-unreadable-reprovision');
      expect(await second.call('balance:lookup', { cardId: DEMO_CARDS.seed })).toMatchObject({
        kind: 'ok',
      });
      await second.close();
    } finally {
      await tmp.remove();
    }
  });

  it('a secret without consent to insecure storage is refused per field; settings are still saved', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    const reply = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { appKey: PROD_KEY, appSecret: PROD_SECRET },
    });
    expect(reply).toEqual({
      kind: 'invalid',
      fieldErrors: { appSecret: 'storage-insecure-needs-consent' },
    });
    expect((await fx.desk.call('settings:get', {})).hasAppSecret).toBe(false);
    expect((await fx.desk.call('app:status', {})).mode).toBe('demo');
  });

  it('no cipher at all: secrets are refused, and a notice says secure storage is unavailable', async () => {
    fx = await startDesk({ cipher: null });
    const token = await managerToken(fx.desk);
    const reply = await fx.desk.call('settings:update', {
      managerToken: token,
      patch: { appSecret: PROD_SECRET, insecureStorageAccepted: true },
    });
    expect(reply).toEqual({ kind: 'invalid', fieldErrors: { appSecret: 'storage-refused' } });
    expect((await fx.desk.call('app:status', {})).notices.map((n) => n.code)).toContain(
      'secure-storage-unavailable',
    );
  });
});
