import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(__dirname, '../..');

/**
 * Debian's headless shell (`apt-get install chromium-headless-shell`) when it is there: the same
 * Chromium build, Blink and V8 as `chromium`, without the desktop browser around them. It is what
 * Playwright itself runs for headless tests, and the suite takes a quarter less time in it on a
 * 2-core machine. `CHROMIUM_PATH=/usr/bin/chromium` runs the suite in the full browser.
 */
function chromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  const shell = '/usr/bin/chromium-headless-shell';
  return existsSync(shell) ? shell : '/usr/bin/chromium';
}

/**
 * Cashier-screen e2e in Debian Chromium (apps/desktop/e2e/README.md): the built renderer served by
 * the web bridge (scripts/demo-web-lib.ts) against desk-core and the in-process sandbox gateway.
 * No browser download: Playwright drives the system chromium.
 */
export default defineConfig({
  testDir: path.join(__dirname, 'e2e'),
  testMatch: '*.e2e.ts',
  outputDir: path.join(root, 'test-results', 'e2e'),
  globalSetup: path.join(__dirname, 'e2e', 'global-setup.ts'),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: path.join(root, 'reports', 'playwright.json') }]],
  use: {
    headless: true,
    viewport: { width: 1024, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: chromiumPath() },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
