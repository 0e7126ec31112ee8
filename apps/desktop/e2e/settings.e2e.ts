import { en } from '../src/renderer/i18n/en';
import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS } from './cards';
import { expect, test, MANAGER_PIN } from './fixtures';

// One terminal, one story: the PIN set in the first test guards the later ones.
test.describe.configure({ mode: 'serial' });

test.describe('settings behind the manager PIN', () => {
  test('first time: F2 asks to set a PIN, then opens the settings; Esc closes and scanning resumes', async ({
    cashier,
  }) => {
    await cashier.openSettingsWithF2();
    await expect(cashier.setPinDialog).toBeVisible();
    await expect(cashier.page.getByTestId('pin-message')).toHaveText(zhCN.pin.notSet);
    await cashier.page.getByLabel(zhCN.pin.newPin).fill('1234');
    await cashier.page.getByLabel(zhCN.pin.confirmPin).fill('1234');
    await cashier.page.getByRole('button', { name: zhCN.pin.setPin }).click();
    await expect(cashier.page.getByTestId('pin-message')).toHaveText(zhCN.pin.weak);
    await cashier.page.getByLabel(zhCN.pin.newPin).fill(MANAGER_PIN);
    await cashier.page.getByLabel(zhCN.pin.confirmPin).fill(MANAGER_PIN);
    await cashier.page.getByLabel(zhCN.pin.confirmPin).press('Enter');
    await expect(cashier.settings).toBeVisible();
    await cashier.page.keyboard.press('Escape');
    await expect(cashier.settings).toHaveCount(0);
    await expect(cashier.input).toBeFocused(); // back to the card field
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    // A scan while the PIN prompt is open is swallowed: not typed as the PIN, not submitted.
    const pinCalls: string[] = [];
    cashier.page.on('request', (r) => {
      if (/\/ipc\/[^/]*pin/i.test(r.url())) pinCalls.push(r.url());
    });
    await cashier.openSettingsWithF2();
    await expect(cashier.pinDialog).toBeVisible();
    await expect(cashier.page.locator('#pin-input')).toBeFocused();
    await cashier.scan(CARDS.giftOnly);
    await cashier.page.waitForTimeout(300);
    expect(pinCalls).toEqual([]);
    await expect(cashier.pinDialog).toBeVisible();
    expect((await cashier.page.locator('#pin-input').inputValue()).length).toBeLessThanOrEqual(3);
    expect(await cashier.scanLog()).toEqual([CARDS.seed]);
  });

  test('long-press on the shop name, a wrong PIN, then a round trip with field-level validation', async ({
    cashier,
  }) => {
    const page = cashier.page;
    const box = (await cashier.shop.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.waitForTimeout(950);
    await page.mouse.up();
    await expect(cashier.pinDialog).toBeVisible();

    await cashier.enterPin('000111');
    await expect(page.getByTestId('pin-message')).toHaveText(/^密码不正确(，还可尝试 \d+ 次)?。$/);
    await cashier.enterPin(MANAGER_PIN);
    await expect(cashier.settings).toBeVisible();
    await expect(page.getByText(/^版本 /)).toBeVisible();

    const idle = page.getByLabel(zhCN.settings.fields.idleClearSeconds);
    const shopName = page.getByLabel(zhCN.settings.fields.shopName);
    await shopName.fill('测试门店 E2E');
    await idle.fill('five');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('error-idleClearSeconds')).toHaveText(
      zhCN.settings.fieldErrors['not-an-integer'],
    );
    await expect(idle).toHaveValue('five');
    await expect(shopName).toHaveValue('测试门店 E2E'); // nothing typed is lost

    await idle.fill('2'); // below desk-core's minimum of 5
    await page.getByTestId('save').click();
    await expect(page.getByTestId('error-idleClearSeconds')).toHaveText(
      zhCN.settings.fieldErrors['out-of-range'],
    );
    await expect(idle).toHaveValue('2');

    await idle.fill('5');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-state')).toHaveText(zhCN.settings.saved);
    await expect(page.getByTestId('error-idleClearSeconds')).toHaveCount(0);

    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', /.+/);
    await expect(page.getByTestId('secret-appSecret')).toHaveText(/^(已设置|未设置)$/);
    await cashier.screenshot('settings');

    await page.keyboard.press('Escape');
    await expect(cashier.settings).toHaveCount(0);
  });

  test('idle clear: the answer clears itself after idleClearSeconds with a visible countdown', async ({
    cashier,
  }) => {
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await expect(cashier.countdown).toHaveText(/^[45] 秒后自动清除$/);
    await expect(cashier.idle).toBeVisible({ timeout: 7000 });
    await expect(cashier.usable).toHaveCount(0);
  });

  test('locale switch to English: every string, numbers and dates per locale', async ({ cashier }) => {
    const page = cashier.page;
    await cashier.openSettingsWithF2();
    await cashier.enterPin(MANAGER_PIN);
    await expect(page.getByLabel(zhCN.settings.fields.shopName)).toHaveValue('测试门店 E2E'); // saved before
    await page.getByLabel(zhCN.settings.fields.locale, { exact: true }).selectOption('en');
    await page.getByTestId('save').click();
    await expect(page.getByRole('heading', { name: en.settings.title })).toBeVisible();
    await expect(page.getByTestId('save-state')).toHaveText(en.settings.saved);
    await page.keyboard.press('Escape');
    await expect(page.getByText(en.result.idleTitle)).toBeVisible();
    await expect(cashier.demoBadge).toHaveText('DEMO');
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await expect(page.getByTestId('part-real')).toContainText('Total ¥50.00');
    await expect(cashier.accounts).toContainText('05/20/2024, 10:12');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await cashier.screenshot('result-en');
    // And back, so the language really is a setting, not a one-way door.
    await cashier.openSettingsWithF2();
    await cashier.page.locator('#pin-input').fill(MANAGER_PIN);
    await cashier.page.locator('#pin-input').press('Enter');
    await page.getByLabel(en.settings.fields.locale, { exact: true }).selectOption('zh-CN');
    await page.getByTestId('save').click();
    await expect(page.getByRole('heading', { name: zhCN.settings.title })).toBeVisible();
  });
});
