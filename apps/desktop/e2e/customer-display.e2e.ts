import { CARDS, FAULTS } from './cards';
import { expect, test } from './fixtures';
import { CustomerPage } from './pages/customer-page';

/**
 * The customer-facing display beside the cashier page, at the usual customer
 * display sizes: a lookup shows the masked card and the usable balance large, an error one neutral
 * line, Esc brings back the welcome. Screenshots go to apps/desktop/e2e/screenshots/customer-*.
 */
const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES) {
  const name = `customer-${size.width}x${size.height}`;
  test(`${name}: lookup → masked card and usable, error → neutral line, Esc → rest`, async ({
    cashier,
    preview,
    page,
  }) => {
    const customer = new CustomerPage(await page.context().newPage());
    await customer.page.setViewportSize(size);
    await customer.open(preview.server.origin, preview.server.token);
    await expect(customer.view).toContainText('欢迎光临');
    await customer.screenshot(`${name}/rest`);

    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await customer.expectKind('balance');
    await expect(customer.card).toHaveText('****0125');
    await expect(customer.usable).toHaveText('¥40.00');
    await expect(customer.view).not.toContainText(CARDS.seed);
    const usable = await customer.measure(customer.usable);
    expect(usable).toMatchObject({ inside: true, pageScrolls: false });
    // Very large type: a fifth of the display's height or more on a landscape panel.
    expect(usable.fontPx).toBeGreaterThanOrEqual(Math.min(size.height * 0.2, size.width * 0.12));
    await customer.screenshot(`${name}/balance`);

    await cashier.scan(FAULTS.permission);
    await expect(cashier.error).toBeVisible();
    await customer.expectKind('error');
    await expect(customer.view).toContainText('请稍候');
    await expect(customer.view).not.toContainText(/permission|isv\.|\d{3,}/i);
    await customer.screenshot(`${name}/error`);

    await cashier.scan(CARDS.twoAccounts);
    await expect(cashier.accounts).toHaveCount(2);
    await customer.expectKind('balance');
    await expect(customer.usable).toHaveCount(2);
    for (const account of await customer.usable.all())
      expect(await customer.measure(account)).toMatchObject({ inside: true, pageScrolls: false });
    await customer.screenshot(`${name}/two-accounts`);

    await cashier.page.keyboard.press('Escape');
    await expect(cashier.idle).toBeVisible();
    await customer.expectKind('rest');
    await customer.page.close();
  });
}

test('the customer language and the parts follow the setting', async ({ cashier, preview, page }) => {
  await preview.configure({ customerDisplay: { locale: 'en', showParts: true } });
  const customer = new CustomerPage(await page.context().newPage());
  await customer.page.setViewportSize({ width: 1024, height: 600 });
  await customer.open(preview.server.origin, preview.server.token);
  await expect(customer.view).toContainText('Welcome');
  await cashier.scan(CARDS.seed);
  await customer.expectKind('balance');
  await expect(customer.view).toContainText('Usable balance');
  await expect(customer.view).toContainText('Gift');
  await customer.screenshot('customer-1024x600/balance-en-parts');
  await preview.configure({ customerDisplay: { locale: 'zh-CN', showParts: false } });
  await customer.page.close();
});
