import { DEMO_CARDS, startSandbox, type RunningSandbox } from '@balance-desk/top-sandbox';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway } from './demo-gateway';
import { CONFIGURED_MARKER_FILE } from './configuration-history';
import { createDesk, type Desk, type DeskOptions } from './desk';
import { createDevCipher } from '../storage/vault/dev-cipher';
import { CHEAP_PIN_COST, managerToken, tmpDir } from '../test-support/desk-fixture';

const KEY = 'shop-app-key';
const SECRET = 'shop-secret-6d4b2a0c8e1f3a5b7c9d';
const SEED = DEMO_CARDS.seed;

let gateway: RunningSandbox;
beforeAll(async () => {
  gateway = await startSandbox({ port: 0, apps: [{ appKey: KEY, appSecret: SECRET }] });
});
afterAll(() => gateway.close());

/** Counts demo gateway starts: a configured terminal must never start one. */
function options(dir: string, demoStarts: { n: number }, extra: Partial<DeskOptions> = {}): DeskOptions {
  return {
    dataDir: dir,
    cipher: createDevCipher(path.join(dir, 'dev-cipher.key')),
    version: '9.9.9-test',
    argv: [],
    wellKnownProvisionPaths: [],
    pinCost: CHEAP_PIN_COST,
    startDemo: () => ((demoStarts.n += 1), startDemoGateway()),
    ...extra,
  };
}

async function configure(desk: Desk, kiosk = true): Promise<void> {
  const token = await managerToken(desk);
  const reply = await desk.call('settings:update', {
    managerToken: token,
    patch: {
      gatewayKind: 'custom',
      gatewayUrl: gateway.url,
      appKey: KEY,
      appSecret: SECRET,
      brandId: '3724809629',
      shopId: '3724809631',
      shopName: '一号店',
      kiosk,
      insecureStorageAccepted: true,
    },
  });
  expect(reply).toMatchObject({ kind: 'ok' });
  expect((await desk.call('app:status', {})).mode).toBe('production');
}

/** What a cashier sees on a terminal that lost its settings: no demo, a banner, lookups refused. */
async function expectCallTheManager(desk: Desk, demoStarts: { n: number }, kiosk = true): Promise<void> {
  const status = await desk.call('app:status', {});
  expect(status).toMatchObject({ mode: 'unconfigured', demoCards: [], kiosk });
  expect(status.notices.map((n) => n.code)).toContain('configuration-missing');
  const outcome = await desk.call('balance:lookup', { cardId: SEED });
  expect(outcome).toMatchObject({ kind: 'error', reason: 'not-configured' });
  expect(JSON.stringify(outcome)).not.toContain('4000');
  expect(demoStarts.n).toBe(0);
  // Settings are still behind the PIN, as usual.
  expect((await desk.call('settings:get', {})).hasManagerPin).toBe(true);
}

const removeSettings = async (dir: string): Promise<void> => {
  for (const name of await readdir(dir))
    if (name.startsWith('settings.json')) await rm(path.join(dir, name), { force: true });
};

describe('a configured terminal never falls back to demo balances', () => {
  it('settings.json and its backup deleted (vault and PIN still there): not-configured, banner, kiosk kept', async () => {
    const tmp = await tmpDir();
    try {
      const first = await createDesk(options(tmp.dir, { n: 0 }));
      await configure(first);
      await first.close();
      await removeSettings(tmp.dir);

      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts));
      await expectCallTheManager(desk, starts);
      expect((await desk.call('settings:get', {})).kiosk).toBe(true);
      // A manager sets the terminal up again: production, banner gone.
      await configure(desk);
      const fixed = await desk.call('app:status', {});
      expect(fixed.notices.map((n) => n.code)).not.toContain('configuration-missing');
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({ kind: 'ok' });
      await desk.close();
    } finally {
      await tmp.remove();
    }
  });

  it('kiosk stays as it was saved: a terminal that was not a kiosk does not become one', async () => {
    const tmp = await tmpDir();
    try {
      const first = await createDesk(options(tmp.dir, { n: 0 }));
      await configure(first, false);
      await first.close();
      await removeSettings(tmp.dir);
      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts));
      await expectCallTheManager(desk, starts, false);
      await desk.close();
    } finally {
      await tmp.remove();
    }
  });

  it.each([
    ['the configuration record alone', ['configured.json']],
    ['the vault alone (secret readable)', ['vault.json', 'dev-cipher.key']],
    ['the vault alone (secret unreadable)', ['vault.json']],
    ['the manager PIN alone', ['pin.json']],
  ])('any one trace is enough: %s', async (_name, keep) => {
    const tmp = await tmpDir();
    try {
      const first = await createDesk(options(tmp.dir, { n: 0 }));
      await configure(first);
      await first.close();
      for (const name of await readdir(tmp.dir))
        if (!keep.includes(name)) await rm(path.join(tmp.dir, name), { recursive: true, force: true });
      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts));
      const status = await desk.call('app:status', {});
      expect(status).toMatchObject({ mode: 'unconfigured', demoCards: [] });
      expect(status.notices.map((n) => n.code)).toContain('configuration-missing');
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({ reason: 'not-configured' });
      expect(starts.n).toBe(0);
      await desk.close();
      // The loss is recorded: the next start knows, even after settings.json was written again.
      expect(await readdir(tmp.dir)).toContain(CONFIGURED_MARKER_FILE);
      const again = await createDesk(options(tmp.dir, starts));
      expect((await again.call('app:status', {})).mode).toBe('unconfigured');
      expect(starts.n).toBe(0);
      await again.close();
    } finally {
      await tmp.remove();
    }
  });

  it('an unreadable settings file and no backup: the broken file itself is a trace', async () => {
    const tmp = await tmpDir();
    await writeFile(path.join(tmp.dir, 'settings.json'), '{ "appKey": ');
    try {
      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts));
      const status = await desk.call('app:status', {});
      expect(status.mode).toBe('unconfigured');
      expect(status.notices.map((n) => n.code)).toEqual(
        expect.arrayContaining(['settings-reset-unreadable', 'configuration-missing']),
      );
      expect(starts.n).toBe(0);
      await desk.close();
    } finally {
      await tmp.remove();
    }
  });

  it('a refused provisioning file: no demo now, and none after the file is gone', async () => {
    const tmp = await tmpDir();
    const file = path.join(tmp.dir, 'provision.json');
    await writeFile(file, JSON.stringify({ appKey: KEY, appSecret: SECRET, brandId: 42, shopId: '1' }));
    try {
      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts, { argv: ['--provision', file] }));
      const status = await desk.call('app:status', {});
      expect(status.mode).toBe('unconfigured');
      expect(status.notices.map((n) => n.code)).toEqual(
        expect.arrayContaining(['provisioning-failed', 'configuration-missing']),
      );
      expect(await desk.call('balance:lookup', { cardId: SEED })).toMatchObject({ reason: 'not-configured' });
      await desk.close();
      await rm(file);
      const again = await createDesk(options(tmp.dir, starts));
      expect((await again.call('app:status', {})).mode).toBe('unconfigured');
      expect(starts.n).toBe(0);
      await again.close();
    } finally {
      await tmp.remove();
    }
  });

  it('a fresh terminal is still a demo terminal, and a trainer setting a PIN keeps it one', async () => {
    const tmp = await tmpDir();
    try {
      const starts = { n: 0 };
      const desk = await createDesk(options(tmp.dir, starts));
      expect((await desk.call('app:status', {})).mode).toBe('demo');
      const token = await managerToken(desk);
      await desk.call('settings:update', { managerToken: token, patch: { locale: 'en' } });
      await desk.close();
      const again = await createDesk(options(tmp.dir, starts));
      const status = await again.call('app:status', {});
      expect(status.mode).toBe('demo');
      expect(status.notices).toEqual([]);
      await again.close();
    } finally {
      await tmp.remove();
    }
  });
});
