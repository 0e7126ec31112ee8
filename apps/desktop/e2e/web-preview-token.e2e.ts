import { zhCN } from '../src/renderer/i18n/zh-CN';
import { expect, test } from './fixtures';

/**
 * The web preview opened without its token — typically the address copied from the address bar,
 * which the page strips of its `#token=…` once loaded — says exactly that and where the right
 * address is, instead of "cannot read the app status".
 */
test('the address copied from the address bar, opened in a new tab, explains the missing token', async ({
  cashier,
  browser,
}) => {
  // The page removed the fragment: what the address bar shows is not enough on its own.
  const copied = cashier.page.url();
  expect(copied).not.toContain('token=');
  const context = await browser.newContext({ locale: 'zh-CN' }); // a new tab's empty sessionStorage
  const page = await context.newPage();
  await page.goto(copied);
  const banner = page.getByTestId('unreachable-banner');
  await expect(banner).toHaveText(zhCN.status.noAccessToken);
  await expect(banner).toContainText('pnpm demo:web');
  await expect(page.getByText(zhCN.status.unreachable, { exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${__dirname}/screenshots/web-preview-no-token.png` });
  await context.close();
});

test('an address from an earlier run (a wrong token) gets the same explanation', async ({
  preview,
  browser,
}) => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${preview.server.origin}/#token=${'0'.repeat(64)}`);
  // Without settings the page cannot know the terminal's language: zh-CN, the default, is shown.
  await expect(page.getByTestId('unreachable-banner')).toHaveText(zhCN.status.noAccessToken);
  await context.close();
});
