import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { SettingsPatch } from '@balance-desk/contract';
import { startDemoServer, type DemoServer } from './demo-server';
import { CashierPage } from './pages/cashier-page';

/** The manager PIN the fixtures set when a test needs one (not a "weak" PIN for desk-core). */
export const MANAGER_PIN = '739164';

export interface Preview {
  server: DemoServer;
  /** The page URL: `?e2e` turns on the renderer's scan log (lib/scan-log.ts). */
  url: string;
  /** Server-side settings change (PIN set and verified first): a test hook, not the UI path. */
  configure(patch: SettingsPatch): Promise<void>;
}

interface Running {
  file: string;
  preview: Preview;
  dir: string;
}

let running: Running | undefined;

async function stop(): Promise<void> {
  if (!running) return;
  const { preview, dir } = running;
  running = undefined;
  await preview.server.close();
  await rm(dir, { recursive: true, force: true });
}

async function managerToken(server: DemoServer): Promise<string> {
  const settings = await server.ipc<{ hasManagerPin: boolean }>('settings:get');
  if (settings.ok && !settings.value.hasManagerPin) await server.ipc('pin:set', { newPin: MANAGER_PIN });
  const verified = await server.ipc<{ kind: string; managerToken?: string }>('pin:verify', {
    pin: MANAGER_PIN,
  });
  if (!verified.ok || !verified.value.managerToken)
    throw new Error(`pin:verify failed: ${JSON.stringify(verified)}`);
  return verified.value.managerToken;
}

async function start(file: string): Promise<Preview> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bd-e2e-'));
  const server = await startDemoServer(dir);
  const preview: Preview = {
    server,
    url: `${server.origin}/?e2e#token=${server.token}`,
    async configure(patch) {
      const result = await server.ipc<{ kind: string }>('settings:update', {
        managerToken: await managerToken(server),
        patch,
      });
      if (!result.ok || result.value.kind !== 'ok')
        throw new Error(`settings:update failed: ${JSON.stringify(result)}`);
    },
  };
  running = { file, preview, dir };
  return preview;
}

/**
 * `preview`: one demo web (desk-core + sandbox + bridge) with a fresh tmp data dir per test file,
 * shared by that file's tests. `cashier`: the page object on a fresh page, already loaded.
 */
export const test = base.extend<{ preview: Preview; cashier: CashierPage }, { previewLifetime: void }>({
  previewLifetime: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from a destructured first parameter
    async ({}, use) => {
      await use();
      await stop();
    },
    { scope: 'worker', auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  preview: async ({}, use, testInfo) => {
    if (running?.file !== testInfo.file) {
      await stop();
      await start(testInfo.file);
    }
    await use((running as Running).preview);
  },
  cashier: async ({ page, preview }, use) => {
    const cashier = new CashierPage(page);
    await cashier.open(preview.url);
    await use(cashier);
  },
});

export { expect } from '@playwright/test';
