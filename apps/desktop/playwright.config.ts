import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(__dirname, '../..');

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
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
