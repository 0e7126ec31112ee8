import { CARDS, FAULTS } from './cards';
import { expect, test } from './fixtures';

test.describe('scanning and reading the result', () => {
  test('a scan at 2 ms/key with focus elsewhere shows the seed account’s balances', async ({ cashier }) => {
    await cashier.blurField();
    await cashier.scan(CARDS.seed, { intervalMs: 2 });
    await cashier.expectUsable('¥40.00');
    await expect(cashier.page.getByTestId('part-real')).toContainText('¥30.00');
    await expect(cashier.page.getByTestId('part-real')).toContainText('累计 ¥50.00');
    await expect(cashier.page.getByTestId('part-gift')).toContainText('¥20.00');
    await expect(cashier.page.getByTestId('part-gift')).toContainText('累计 ¥30.00');
    await expect(cashier.page.getByTestId('part-pre')).toContainText('¥2.00');
    await expect(cashier.page.getByTestId('part-pre')).toContainText('累计 ¥10.00');
    await expect(cashier.page.getByTestId('masked-card')).toHaveText('•••• 0125');
    await expect(cashier.accounts).toContainText('2024/05/20 10:12'); // gmt_modified, GMT+8
    await expect(cashier.announcer).toHaveText('可用余额 ¥40.00');
    await expect(cashier.page.locator('body')).not.toContainText(CARDS.seed); // only masked on screen
    expect(await cashier.scanLog()).toEqual([CARDS.seed]);
    await cashier.screenshot('result');
  });

  test('a scan into the focused field leaves it clean; Tab also terminates; jittery timing is fine', async ({
    cashier,
  }) => {
    await cashier.input.focus();
    await cashier.scan(CARDS.giftOnly, { intervalMs: [1, 10] });
    await cashier.expectUsable('¥50.00');
    await expect(cashier.input).toHaveValue('');
    await cashier.input.focus();
    await cashier.scan(CARDS.zero, { terminator: 'Tab' });
    await cashier.expectUsable('¥0.00');
    // Nothing to spend is not dressed in the success green of a real balance.
    await expect(cashier.usable).not.toHaveCSS('color', 'rgb(10, 92, 43)');
    await expect(cashier.input).toHaveValue('');
    await expect(cashier.input).toBeFocused(); // the Tab was the scanner's, not a focus move
  });

  test('a person typing in the field (60 ms/key) and pressing Enter', async ({ cashier }) => {
    await cashier.input.focus();
    await cashier.input.pressSequentially('11195000005240012', { delay: 60 });
    await cashier.input.press('Backspace');
    await cashier.input.pressSequentially('25', { delay: 60 });
    await expect(cashier.input).toHaveValue('111950000052400125');
    await expect(cashier.pending).toHaveCount(0); // typing alone never looks anything up
    await cashier.page.keyboard.press('Enter');
    await cashier.expectUsable('¥40.00');
    expect(await cashier.scanLog()).toEqual([]); // a person, not a scan
  });

  test('rapid scans: slow card A, then B — only B is ever shown', async ({ cashier }) => {
    await cashier.scan(FAULTS.slow);
    await expect(cashier.pending).toBeVisible();
    await cashier.scan(CARDS.giftOnly);
    await expect(cashier.result).toHaveAttribute('data-card', '•••• 0402');
    await cashier.expectUsable('¥50.00');
    // A's answer (after 1.5 s) must not replace B.
    await cashier.page.waitForTimeout(1800);
    await expect(cashier.result).toHaveAttribute('data-card', '•••• 0402');
    await cashier.expectUsable('¥50.00');
  });

  test('Esc clears the screen; recent lookups look a card up again with one tap', async ({ cashier }) => {
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await cashier.scan(CARDS.giftOnly);
    await cashier.expectUsable('¥50.00');
    await cashier.page.keyboard.press('Escape');
    await expect(cashier.idle).toBeVisible();
    await expect(cashier.usable).toHaveCount(0);
    const recent = cashier.recent.getByRole('button');
    await expect(recent).toHaveCount(2);
    await expect(recent.first()).toContainText('•••• 0402');
    await cashier.recent.getByRole('button', { name: '再次查询 •••• 0125' }).click();
    await cashier.expectUsable('¥40.00');
    // Focus went back to the card field: a person's digits and Enter go there, not to the tapped row.
    await expect(cashier.input).toBeFocused();
    await cashier.page.keyboard.type('111950000052400402', { delay: 60 });
    await cashier.page.keyboard.press('Enter');
    await cashier.expectUsable('¥50.00');
  });

  test('a deleted account is an unmistakable warning, never money', async ({ cashier }) => {
    await cashier.scan(CARDS.deleted);
    await expect(cashier.page.getByTestId('closed-banner')).toHaveText('账户已注销 — 余额不可使用');
    await expect(cashier.accounts).toHaveAttribute('data-deleted', 'true');
    await expect(cashier.usable).toHaveClass(/amount--void/);
    await expect(cashier.usable.locator('s')).toHaveText('¥15.00');
    await expect(cashier.usable).toHaveCSS('color', 'rgb(75, 85, 99)'); // grey, not the money green
    await cashier.screenshot('deleted-account');
  });

  test('several accounts for one card are listed, each complete', async ({ cashier }) => {
    await cashier.scan(CARDS.twoAccounts);
    await expect(cashier.accounts).toHaveCount(2);
    await expect(cashier.page.getByRole('heading', { name: '找到 2 个账户' })).toBeVisible();
    for (const account of await cashier.accounts.all()) {
      await expect(account.getByTestId('usable')).toHaveText(/^¥[\d,]+\.\d\d$/);
      for (const part of ['part-real', 'part-gift', 'part-pre'])
        await expect(account.getByTestId(part)).toContainText('累计');
      await expect(account.getByTestId('masked-card')).toHaveText('•••• 0606');
    }
    await cashier.screenshot('several-accounts');
  });

  test('demo mode: a permanent DEMO badge and the demo card list for trainers', async ({ cashier }) => {
    await expect(cashier.demoBadge).toHaveText('演示 DEMO');
    await cashier.page.getByTestId('demo-tab').click();
    await cashier.page.getByTestId('demo-cards').getByRole('button', { name: /大额/ }).click();
    await cashier.expectUsable('¥12,345,678,901.23');
    await expect(cashier.demoBadge).toBeVisible();
  });
});
