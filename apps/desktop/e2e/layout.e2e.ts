import { CARDS, FAULTS } from './cards';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Amounts wider than their box (cut off or spilling over a neighbour): none allowed. */
function noClippedAmounts(page: Page): Promise<string[]> {
  return page.evaluate<
    string[]
  >(`[...document.querySelectorAll('.account__usable, .part__amount, .part__total')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.closest('.account').getBoundingClientRect().right + 1)
    .map((el) => el.textContent)`);
}

test.describe('layout, keyboard-only use and the CSP', () => {
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    test(`${size.width}×${size.height}: the main flow fits without scrolling`, async ({ cashier }) => {
      await cashier.page.setViewportSize(size);
      for (const card of [CARDS.seed, CARDS.large, CARDS.twoAccounts, CARDS.deleted, FAULTS.bizError]) {
        await cashier.scan(card);
        await expect(cashier.answerFor(card)).toBeVisible();
        expect(await cashier.fitsViewport(), card).toBe(true);
        expect(await noClippedAmounts(cashier.page), card).toEqual([]);
        // The usable balance is the largest text on screen.
        if (card === CARDS.seed)
          await expect(cashier.usable).toHaveCSS('font-size', /^(9\d|1\d\d)(\.\d+)?px$/);
      }
    });
  }

  test('800×600: usable, nothing crashes', async ({ cashier }) => {
    const errors: string[] = [];
    cashier.page.on('pageerror', (e) => errors.push(e.message));
    await cashier.page.setViewportSize({ width: 800, height: 600 });
    await cashier.scan(CARDS.large);
    await cashier.expectUsable('¥12,345,678,901.23');
    await expect(cashier.usable).toBeInViewport();
    expect(await noClippedAmounts(cashier.page)).toEqual([]);
    await cashier.screenshot('800x600');
    await cashier.scan(CARDS.twoAccounts);
    await expect(cashier.accounts).toHaveCount(2);
    await cashier.scan(FAULTS.rateLimited);
    await cashier.expectError('rate-limited');
    await cashier.page.getByRole('button', { name: '1', exact: true }).click();
    await expect(cashier.input).toHaveValue('1');
    expect(errors).toEqual([]);
  });

  test('keyboard only: type, Enter, Esc, F2 and back', async ({ cashier }) => {
    const page = cashier.page;
    await expect(cashier.input).toBeFocused(); // ready for typing at start
    await page.keyboard.type('111950000052400125', { delay: 50 });
    await page.keyboard.press('Enter');
    await cashier.expectUsable('¥40.00');
    await page.keyboard.press('Escape');
    await expect(cashier.idle).toBeVisible();
    await page.keyboard.press('F2');
    await expect(cashier.setPinDialog.or(cashier.pinDialog)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(cashier.setPinDialog.or(cashier.pinDialog)).toHaveCount(0);
  });

  test('the strict CSP holds: no violation, no inline style, no network but the bridge', async ({
    cashier,
  }) => {
    const violations: string[] = [];
    const requests: string[] = [];
    cashier.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    cashier.page.on('request', (r) => requests.push(new URL(r.url()).origin));
    await cashier.page.reload();
    await expect(cashier.page.locator('.app')).toHaveAttribute('data-ready', 'true');
    await cashier.scan(CARDS.seed);
    await cashier.expectUsable('¥40.00');
    await cashier.scan(CARDS.deleted);
    await expect(cashier.page.getByTestId('closed-banner')).toBeVisible();
    expect(violations).toEqual([]);
    expect(await cashier.page.locator('[style]').count()).toBe(0);
    expect(new Set(requests)).toEqual(new Set([new URL(cashier.page.url()).origin]));
    const csp = await cashier.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
  });
});
