import { DEMO_CARDS, DEMO_SHOP_ID, FAULT_CARDS, startSandbox, type RunningSandbox } from '@balance-desk/top-sandbox';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP_NAME } from '../src/demo/demo-gateway';
import { startDesk, managerToken, type DeskFixture } from './helpers/desk-fixture';

const PROD_KEY = 'prod-app-key';
const PROD_SECRET = 'prod-secret-7f3a9c1e5b2d4f6a8c0e';

let fx: DeskFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('demo mode', () => {
  it('starts in demo mode with demo cards, the demo shop and a loopback gateway', async () => {
    fx = await startDesk();
    const status = await fx.desk.call('app:status', {});
    expect(status).toMatchObject({ mode: 'demo', version: '9.9.9-test', shopName: DEMO_SHOP_NAME, shopId: DEMO_SHOP_ID, online: 'unknown' });
    expect(status.gatewayHost).toMatch(/^127\.0\.0\.1:\d+$/);
    const ids = status.demoCards.map((c) => c.cardId);
    expect(ids).toContain(DEMO_CARDS.seed);
    expect(ids).toContain(FAULT_CARDS.bizError);
    expect(status.demoCards.every((c) => c.label.length > 0)).toBe(true);

    const outcome = await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed as string });
    expect(outcome).toMatchObject({ kind: 'ok', amountUnit: 'fen', accounts: [{ usable: 4000 }] });
    expect((await fx.desk.call('app:status', {})).online).toBe('online');
    const journal = await fx.desk.call('journal:recent', {});
    expect(journal[0]).toMatchObject({ card: '1119…0125', kind: 'ok', accounts: 1 });
  });

  it('without demo mode an unconfigured desk says so', async () => {
    fx = await startDesk({ demo: false });
    expect(await fx.desk.call('app:status', {})).toMatchObject({ mode: 'unconfigured', demoCards: [] });
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed as string })).toMatchObject({ kind: 'error', reason: 'not-configured' });
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
    expect(reply).toMatchObject({ ok: true, settings: { hasAppSecret: true, appKey: PROD_KEY, gatewayUrl: prod.url } });
    expect(JSON.stringify(reply)).not.toContain(PROD_SECRET);
    expect(changed).toEqual([PROD_KEY]);

    const status = await fx.desk.call('app:status', {});
    expect(status).toMatchObject({ mode: 'production', demoCards: [], shopName: '一号店', shopId: '3724809631', gatewayHost: `127.0.0.1:${prod.port}` });
    // The demo gateway is gone.
    await expect(fetch(`http://${demoHost}/router/rest`)).rejects.toThrow();

    const before = prod.requestCount();
    expect(await fx.desk.call('balance:lookup', { cardId: DEMO_CARDS.seed as string })).toMatchObject({ kind: 'ok' });
    expect(prod.requestCount()).toBe(before + 1);
    expect(await fx.desk.call('connection:test', {})).toMatchObject({ verdict: 'ok' });

    // Deleting the secret goes back to demo mode.
    expect(await fx.desk.call('settings:update', { managerToken: token, patch: { appSecret: null } })).toMatchObject({
      ok: true,
      settings: { hasAppSecret: false },
    });
    expect(await fx.desk.call('app:status', {})).toMatchObject({ mode: 'demo', shopName: DEMO_SHOP_NAME });
  });

  it('a secret without consent to insecure storage is refused per field; settings are still saved', async () => {
    fx = await startDesk();
    const token = await managerToken(fx.desk);
    const reply = await fx.desk.call('settings:update', { managerToken: token, patch: { appKey: PROD_KEY, appSecret: PROD_SECRET } });
    expect(reply).toEqual({ ok: false, reason: 'invalid', fieldErrors: { appSecret: 'storage-insecure-needs-consent' } });
    expect((await fx.desk.call('settings:get', {})).hasAppSecret).toBe(false);
    expect((await fx.desk.call('app:status', {})).mode).toBe('demo');
  });

  it('no cipher at all: secrets are refused, and a notice says secure storage is unavailable', async () => {
    fx = await startDesk({ cipher: null });
    const token = await managerToken(fx.desk);
    const reply = await fx.desk.call('settings:update', { managerToken: token, patch: { appSecret: PROD_SECRET, insecureStorageAccepted: true } });
    expect(reply).toEqual({ ok: false, reason: 'invalid', fieldErrors: { appSecret: 'storage-refused' } });
    expect((await fx.desk.call('app:status', {})).notices.map((n) => n.code)).toContain('secure-storage-unavailable');
  });
});
