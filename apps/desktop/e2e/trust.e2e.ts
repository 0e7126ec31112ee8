import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS } from './cards';
import { startDemoServer, type DemoServer } from './demo-server';
import { expect, MANAGER_PIN } from './fixtures';
import { CashierPage } from './pages/cashier-page';

/**
 * A terminal configured once (settings, a secret bound to its gateway, a PIN) whose settings.json
 * and backup were then deleted: it must not show demo balances, and the manager finds out who did
 * what in the activity log behind the PIN.
 */
const test = base.extend<{ lost: { server: DemoServer; url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from a destructured first parameter
  lost: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bd-e2e-trust-'));
    const first = await startDemoServer(dir);
    await first.ipc('pin:set', { newPin: MANAGER_PIN });
    const verified = await first.ipc<{ managerToken: string }>('pin:verify', { pin: MANAGER_PIN });
    if (!verified.ok) throw new Error('pin:verify failed');
    const saved = await first.ipc<{ kind: string }>('settings:update', {
      managerToken: verified.value.managerToken,
      patch: {
        gatewayKind: 'custom',
        gatewayUrl: 'http://127.0.0.1:9/router/rest',
        appKey: 'shop-app-key',
        appSecret: 'shop-secret-bound-to-127.0.0.1-9',
        brandId: '3724809629',
        shopId: '3724809631',
        shopName: '一号店',
        insecureStorageAccepted: true,
      },
    });
    if (!saved.ok || saved.value.kind !== 'ok')
      throw new Error(`settings:update failed: ${JSON.stringify(saved)}`);
    await first.close();
    for (const name of await readdir(dir))
      if (name.startsWith('settings.json')) await rm(path.join(dir, name), { force: true });
    const server = await startDemoServer(dir);
    await use({ server, url: `${server.origin}/?e2e#token=${server.token}` });
    await server.close();
    await rm(dir, { recursive: true, force: true });
  },
});

test('a configured terminal that lost its settings: banner, no demo, settings and activity log behind the PIN', async ({
  page,
  lost,
}) => {
  const cashier = new CashierPage(page);
  await cashier.open(lost.url);
  const banner = page.locator('[data-code="configuration-missing"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(zhCN.notices['configuration-missing']);
  await expect(cashier.demoBadge).toHaveCount(0);
  await cashier.scan(CARDS.seed);
  await cashier.expectError('not-configured');
  await expect(page.getByText('¥40.00')).toHaveCount(0);
  await cashier.screenshot('configuration-missing');

  await cashier.openSettingsWithF2();
  await expect(cashier.pinDialog).toBeVisible();
  await cashier.enterPin('000111');
  await expect(page.getByTestId('pin-message')).toBeVisible();
  await cashier.enterPin(MANAGER_PIN);
  await expect(cashier.settings).toBeVisible();

  // The stored secret belongs to the old gateway; the form (now on the default gateway) says so.
  const note = page.getByTestId('secret-elsewhere-appSecret');
  await expect(note).toHaveText(zhCN.settings.secretOtherGateway('http://127.0.0.1:9'));
  await note.scrollIntoViewIfNeeded();
  await cashier.screenshot('secret-other-gateway');
  await page.getByLabel(zhCN.settings.fields.appSecret).fill('typed-again');
  await expect(note).toHaveCount(0);

  const audit = page.getByTestId('audit');
  await audit.scrollIntoViewIfNeeded();
  await expect(audit.locator('tr[data-event="pin-verify"][data-outcome="wrong-pin"]')).toHaveCount(1);
  await expect(audit.locator('tr[data-event="settings-change"][data-outcome="ok"]')).toContainText(
    'gatewayUrl',
  );
  await expect(audit.locator('tr[data-event="pin-set"]')).toContainText(zhCN.audit.outcomes.ok);
  await expect(audit).not.toContainText('shop-secret');
  await cashier.screenshot('manager-activity');
});
