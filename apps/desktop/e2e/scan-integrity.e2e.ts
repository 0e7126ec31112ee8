import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS, FAULTS } from './cards';
import { expect, test, MANAGER_PIN } from './fixtures';

/**
 * A scan is looked up whole or not at all, and never types into a manager dialog. Scanner keys
 * are trusted CDP key events stamped with scanner timing, stalls included (keyboard-wedge.ts).
 */

// One terminal, one story: the set-PIN dialog needs a terminal without a PIN, later tests have one.
test.describe.configure({ mode: 'serial' });

const HEAD = CARDS.seed.slice(0, 10);
const TAIL = CARDS.seed.slice(10);

test.describe('scans never type into dialogs', () => {
  test('set-PIN dialog, then the settings form: a scan changes no field and is announced', async ({
    cashier,
  }) => {
    const page = cashier.page;
    await cashier.openSettingsWithF2();
    await expect(cashier.setPinDialog).toBeVisible();
    const newPin = page.getByLabel(zhCN.pin.newPin);
    await expect(newPin).toBeFocused();
    await cashier.scan(CARDS.seed);
    await expect(page.getByTestId('dialog-scan-notice')).toHaveText(zhCN.scan.inDialog);
    await expect(newPin).toHaveValue('');
    await expect(cashier.setPinDialog).toBeVisible(); // its Enter did not submit either
    await cashier.screenshot('set-pin-after-scan');
    // A person typing works as before.
    await page.keyboard.type(MANAGER_PIN, { delay: 120 });
    await page.getByLabel(zhCN.pin.confirmPin).focus();
    await page.keyboard.type(MANAGER_PIN, { delay: 120 });
    await expect(newPin).toHaveValue(MANAGER_PIN);
    await page.keyboard.press('Enter');
    await expect(cashier.settings).toBeVisible();

    const shopName = page.getByLabel(zhCN.settings.fields.shopName);
    const idle = page.getByLabel(zhCN.settings.fields.idleClearSeconds);
    const shopBefore = await shopName.inputValue();
    await shopName.focus();
    await cashier.scan(CARDS.giftOnly);
    await idle.focus();
    await cashier.scan(CARDS.zero, { intervalMs: [1, 10] });
    // A scan that stalls in the middle, into the same field.
    await cashier.scan(HEAD, { intervalMs: 3, terminator: 'none' });
    await cashier.scan(TAIL, { intervalMs: 3, pauseBeforeMs: 300 });
    await expect(page.getByTestId('dialog-scan-notice')).toHaveText(zhCN.scan.inDialog);
    await cashier.screenshot('settings-after-scan');
    await page.waitForTimeout(1200); // past the stall window: nothing given back to the field later
    await expect(shopName).toHaveValue(shopBefore);
    await expect(idle).toHaveValue('30');
    // Typing into the same field by hand still lands, first key included.
    await idle.press('End');
    await page.keyboard.type('0', { delay: 120 });
    await expect(idle).toHaveValue('300');
    await page.keyboard.press('Escape');
    await expect(cashier.settings).toHaveCount(0);
    // Nothing scanned in the dialog was looked up after it closed.
    await expect(cashier.idle).toBeVisible();
    expect(await cashier.scanLog()).toEqual([]);
  });

  test('PIN prompt: a scan first, then the correct PIN typed by hand is accepted and no attempt used', async ({
    cashier,
  }) => {
    const page = cashier.page;
    const pinCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/ipc\/[^/]*pin/i.test(r.url())) pinCalls.push(r.url());
    });
    await cashier.openSettingsWithF2();
    await expect(cashier.pinDialog).toBeVisible();
    const pin = page.locator('#pin-input');
    await expect(pin).toBeFocused();
    await cashier.scan(CARDS.seed);
    await expect(page.getByTestId('dialog-scan-notice')).toHaveText(zhCN.scan.inDialog);
    await expect(pin).toHaveValue('');
    expect(pinCalls).toEqual([]); // neither typed as a PIN nor submitted
    await page.keyboard.type(MANAGER_PIN, { delay: 120 });
    await page.keyboard.press('Enter');
    await expect(cashier.settings).toBeVisible();
    await expect(page.getByTestId('pin-message')).toHaveCount(0);
    expect(pinCalls).toHaveLength(1); // one attempt, the right one
    await page.keyboard.press('Escape');
    await expect(cashier.settings).toHaveCount(0);
    // Scanning works again once the dialog is closed.
    await cashier.scan(CARDS.giftOnly);
    await cashier.expectUsable('¥50.00');
  });
});

test.describe('a scan is looked up whole or not at all', () => {
  for (const pauseMs of [60, 105, 200, 400]) {
    test(`a scan that stalls ${pauseMs} ms after 10 digits is looked up whole`, async ({ cashier }) => {
      await cashier.scan(HEAD, { intervalMs: 3, terminator: 'none' });
      await cashier.scan(TAIL, { intervalMs: 3, pauseBeforeMs: pauseMs });
      await cashier.expectUsable('¥40.00');
      await expect(cashier.page.getByTestId('masked-card')).toHaveText('•••• 0125');
      expect(await cashier.scanLog()).toEqual([CARDS.seed]);
      await expect(cashier.input).toHaveValue('');
    });
  }

  test('a scan that stalls past the stall window is dropped: "scan incomplete", no lookup, previous card gone', async ({
    cashier,
  }) => {
    await cashier.scan(CARDS.giftOnly);
    await cashier.expectUsable('¥50.00');
    await cashier.input.focus();
    await cashier.scan(HEAD, { intervalMs: 3, terminator: 'none' });
    await cashier.scan(TAIL, { intervalMs: 3, pauseBeforeMs: 1500, realTime: true });
    const notice = cashier.page.getByTestId('scan-notice');
    await expect(notice).toHaveAttribute('data-kind', 'incomplete');
    await expect(notice).toContainText(zhCN.scan.incomplete);
    // Nothing of the previous customer's balance stays beside the notice, and the field is clean.
    await expect(cashier.usable).toHaveCount(0);
    await expect(cashier.input).toHaveValue('');
    await cashier.page.waitForTimeout(300);
    await expect(cashier.pending).toHaveCount(0);
    expect(await cashier.scanLog()).toEqual([CARDS.giftOnly]);
    await cashier.screenshot('scan-incomplete');
    // The next whole scan is looked up as usual.
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await expect(notice).toHaveCount(0);
  });

  test('a 5-digit scanner read is "scan incomplete", never sent to the CRM as "not found"', async ({
    cashier,
  }) => {
    const lookups: string[] = [];
    cashier.page.on('request', (r) => {
      if (r.url().includes('/ipc/lookup')) lookups.push(r.url());
    });
    await cashier.scan('12345', { intervalMs: 3 });
    await expect(cashier.page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'incomplete');
    await cashier.page.waitForTimeout(300);
    expect(lookups).toEqual([]);
    expect(await cashier.scanLog()).toEqual([]);
    // The 16-digit cards of the other range are whole cards.
    await cashier.scan(FAULTS.permission);
    await expect(cashier.answerFor(FAULTS.permission)).toBeVisible();
    expect(await cashier.scanLog()).toEqual([FAULTS.permission]);
  });

  test('a card number typed with spaces or dashes, as printed, is looked up', async ({ cashier }) => {
    await cashier.typeAndEnter('1119 5000 0052 4001 25', 60);
    await cashier.expectUsable('¥40.00');
    await cashier.typeAndEnter('1119-5000-0052-4004-02', 60);
    await cashier.expectUsable('¥50.00');
    // Scanned with spaces too.
    await cashier.scan('1119 5000 0052 4001 25');
    await cashier.expectUsable('¥40.00');
    expect(await cashier.scanLog()).toEqual([CARDS.seed]);
    // Anything else is refused with a sentence that says what to remove.
    await cashier.typeAndEnter('1119.5000.0052', 60);
    await expect(cashier.errorMessage).toHaveText(zhCN.scan.cardChars);
  });
});
