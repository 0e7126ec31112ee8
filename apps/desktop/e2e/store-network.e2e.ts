import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS } from './cards';
import { REPO_ROOT, startDemoServer, type DemoServer } from './demo-server';
import { CashierPage } from './pages/cashier-page';
import type { StoreNetworkInfo } from './tools/store-network';

/**
 * demo:web provisioned for a store network: the gateway is HTTPS with a certificate from a
 * generated inspection CA, named `gateway.test`, which only the CONNECT proxy (credentials
 * required) can resolve. The seed card's balance on screen proves the whole way through the proxy.
 */
const PIN = '739164';

interface Network {
  info: StoreNetworkInfo;
  connects: string[];
  close(): Promise<void>;
}

async function startNetwork(dir: string): Promise<Network> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'apps/desktop/e2e/tools/store-network.ts'), dir, PIN],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connects: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<StoreNetworkInfo>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('CONNECT ')) connects.push(line.slice('CONNECT '.length));
      else resolve(JSON.parse(line) as StoreNetworkInfo);
    });
    child.once('exit', (code) => reject(new Error(`store-network exited (${code})`)));
    setTimeout(() => reject(new Error('store-network did not start within 30 s')), 30_000).unref();
  });
  return {
    info,
    connects,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let dir = '';
let network: Network;
let server: DemoServer;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bd-e2e-net-'));
  network = await startNetwork(dir);
  server = await startDemoServer(path.join(dir, 'data'), ['--provision', network.info.provisionFile]);
});
test.afterAll(async () => {
  await server?.close();
  await network?.close();
  await rm(dir, { recursive: true, force: true });
});

async function managerToken(): Promise<string> {
  const verified = await server.ipc<{ kind: string; managerToken?: string }>('pin:verify', { pin: PIN });
  if (!verified.ok || !verified.value.managerToken) throw new Error(JSON.stringify(verified));
  return verified.value.managerToken;
}

test.describe.configure({ mode: 'serial' });

test('through the proxy, trusting the inspection CA: the seed card shows its balances', async ({ page }) => {
  const cashier = new CashierPage(page);
  await cashier.open(`${server.origin}/?e2e#token=${server.token}`);
  await cashier.scan(CARDS.seed);
  await cashier.expectUsable('¥40.00');
  await cashier.screenshot('store-network-balance');
  const authority = new URL(network.info.gatewayUrl).host;
  await expect.poll(() => network.connects).toContain(`${authority} 200`);
  const status = await server.ipc<{ mode: string; shopName: string }>('app:status');
  expect(status.ok && status.value).toMatchObject({ mode: 'production', shopName: '代理测试店' });
});

test('without the extra root the cashier reads why, and support sees the inspection CA', async ({ page }) => {
  const saved = await server.ipc<{ kind: string }>('settings:update', {
    managerToken: await managerToken(),
    patch: { caCertificates: '' },
  });
  expect(saved.ok && saved.value.kind).toBe('ok');
  const cashier = new CashierPage(page);
  await cashier.open(`${server.origin}/?e2e#token=${server.token}`);
  await cashier.scan(CARDS.seed);
  await cashier.expectError('certificate-untrusted');
  await expect(cashier.errorMessage).toHaveText(zhCN.errors.reasons['certificate-untrusted']);
  await expect(page.getByTestId('error')).toContainText(network.info.issuer);
  await expect(cashier.usable).toHaveCount(0);
  await cashier.screenshot('store-network-untrusted');

  // The settings form: proxy, credentials (set, never shown) and the roots field.
  await cashier.openSettingsWithF2();
  await cashier.enterPin(PIN);
  await expect(cashier.settings).toBeVisible();
  await expect(page.locator('#f-proxyUrl')).toHaveValue(network.info.proxyUrl);
  await expect(page.getByTestId('secret-proxyCredentials')).toHaveText(zhCN.settings.secretSet);
  await page.locator('#f-caCertificates').fill(network.info.caCertificate);
  await page.locator('#f-caCertificates').scrollIntoViewIfNeeded();
  await cashier.screenshot('store-network-settings');
  await page.getByRole('button', { name: zhCN.settings.testConnection }).click();
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'ok');

  // Another proxy in the form: the stored credentials are not for it, and the form says so.
  const note = page.getByTestId('secret-elsewhere-proxyCredentials');
  await expect(note).toHaveCount(0);
  await page.locator('#f-proxyUrl').fill('http://127.0.0.1:1');
  await expect(note).toHaveText(
    zhCN.settings.proxyCredentialsOtherProxy(new URL(network.info.proxyUrl).origin),
  );
  await note.scrollIntoViewIfNeeded();
  await cashier.screenshot('store-network-credentials-other-proxy');
  await page.locator('#f-proxyUrl').fill(network.info.proxyUrl);
  await expect(note).toHaveCount(0);
});
