import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../apps/desktop/e2e/demo-server';
import {
  DEFAULT_CLIENT_FILE,
  DEFAULT_CUSTOMER_CLIENT_FILE,
  DEFAULT_STATIC_DIR,
  ensureBuilt,
} from '../demo-web-lib';

export interface BenchPreview {
  web: DemoServer;
  /** The cashier screen at 1024×768, ready, with focus off the card field (scans arrive as a wedge's keys). */
  page: Page;
  close(): Promise<void>;
}

/**
 * What `bench:ui` and `bench:soak` both measure against: the built renderer served by `demo:web`
 * on a fresh data directory (demo mode), in Debian's Chromium.
 */
export async function openBenchPreview(name: string, browserArgs: string[] = []): Promise<BenchPreview> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `${name}-`));
  const built = {
    staticDir: DEFAULT_STATIC_DIR,
    clientFile: DEFAULT_CLIENT_FILE,
    customerClientFile: DEFAULT_CUSTOMER_CLIENT_FILE,
  };
  await ensureBuilt(built, 'auto', process.stderr, {
    info: () => undefined,
    warn: console.warn,
    error: console.error,
  });
  const web = await startDemoServer(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: browserArgs,
  });
  const close = async (): Promise<void> => {
    await browser.close();
    await web.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${web.origin}/#token=${web.token}`);
    await page.locator('.app[data-ready="true"]').waitFor();
    return { web, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
