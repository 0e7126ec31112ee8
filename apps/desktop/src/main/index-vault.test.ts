/**
 * Boots main (index.ts) with a working secure storage: IT's provisioning file is applied at start,
 * its app secret moves into the safeStorage vault, and a scan is answered by a real sandbox gateway
 * that checks the signature made with the secret read back from that vault. The same boot covers
 * the kiosk close guard end to end. The stand-in cipher is in electron-stand-in.ts.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  AppStatus,
  IpcReply,
  LookupOutcome,
  PinVerifyResult,
  SettingsView,
} from '@balance-desk/contract';
import { VAULT_FILE_NAME } from '@balance-desk/desk-core';
import {
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
  DEMO_BRAND_ID,
  DEMO_CARDS,
  DEMO_SHOP_ID,
  startSandbox,
  type RunningSandbox,
} from '@balance-desk/top-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const stub = await vi.hoisted(async () =>
  (await import('./electron-stand-in')).createElectronStandIn({ safeStorage: 'working' }),
);
vi.mock('electron', () => stub.electron);

const MANAGER_PIN = '739146';
let userData: string;
let sandbox: RunningSandbox;
const home = process.env['HOME'];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  userData = await mkdtemp(path.join(os.tmpdir(), 'bd-main-vault-'));
  stub.app.userData = userData;
  process.env['HOME'] = userData; // start-at-login must not touch the real ~/.config
  // <userData>/provision.json is a well-known provisioning path (environment.ts).
  await writeFile(
    path.join(userData, 'provision.json'),
    JSON.stringify({
      gatewayKind: 'custom',
      gatewayUrl: sandbox.url,
      appKey: DEMO_APP_KEY,
      appSecret: DEMO_APP_SECRET,
      signMethod: 'hmac-sha256',
      brandId: DEMO_BRAND_ID,
      shopId: DEMO_SHOP_ID,
      shopName: 'Test shop',
      kiosk: true,
      managerPin: MANAGER_PIN,
    }),
  );
  await import('./index');
  stub.readyResolve();
  await stub.firstLoad;
}, 20_000);
afterAll(async () => {
  process.env['HOME'] = home;
  await sandbox.close();
  await rm(userData, { recursive: true, force: true });
});

const value = <T>(reply: unknown): T => {
  const r = reply as IpcReply<T>;
  if (!r.ok) throw new Error(`IPC refused: ${JSON.stringify(r)}`);
  return r.value;
};

describe('main with a working safeStorage vault', () => {
  it('applies the provisioning file at start: secret into the vault, never in plain text on disk', async () => {
    const status = value<AppStatus>(await stub.invoke('app:status', {}));
    expect(status.mode).toBe('production');
    expect(status.notices.map((n) => n.code)).toEqual(['provisioning-applied']);
    const settings = value<SettingsView>(await stub.invoke('settings:get', {}));
    expect(settings).toMatchObject({
      gatewayUrl: sandbox.url,
      hasAppSecret: true,
      kiosk: true,
      hasManagerPin: true,
    });
    expect(stub.windows[0]?.options).toMatchObject({ kiosk: true });

    const provision = await readFile(path.join(userData, 'provision.json'), 'utf8');
    expect(provision).not.toContain(DEMO_APP_SECRET);
    expect(JSON.parse(provision)).toMatchObject({ secretsMovedToVault: true });
    const vault = await readFile(path.join(userData, VAULT_FILE_NAME), 'utf8');
    expect(vault.length).toBeGreaterThan(0);
    for (const file of await readdir(userData, { recursive: true })) {
      const text = await readFile(path.join(userData, file)).catch(() => Buffer.alloc(0));
      expect(text.includes(DEMO_APP_SECRET), file).toBe(false);
    }
  });

  it('answers a scan through the real sandbox, signed with the secret read back from the vault', async () => {
    const before = sandbox.requestCount();
    const outcome = value<LookupOutcome>(await stub.invoke('balance:lookup', { cardId: DEMO_CARDS.seed }));
    expect(outcome).toMatchObject({ kind: 'ok', accounts: [{ cardId: DEMO_CARDS.seed, usable: 4000 }] });
    expect(sandbox.requestCount()).toBe(before + 1);
  });

  it('refuses to close the kiosk window until a manager leaves kiosk with the PIN', async () => {
    const win = stub.windows[0];
    expect(win?.tryClose()).toBe(true); // Alt+F4 / taskbar close
    expect(stub.calls).not.toContain('quit');

    const pin = value<PinVerifyResult>(await stub.invoke('pin:verify', { pin: MANAGER_PIN }));
    if (pin.kind !== 'ok') throw new Error(`PIN refused: ${pin.kind}`);
    expect(value(await stub.invoke('kiosk:exit', { managerToken: pin.managerToken }))).toEqual({
      kind: 'ok',
    });
    await vi.waitFor(() => expect(stub.calls).toContain('quit'));
    expect(win?.tryClose()).toBe(false);
  });
});
