import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the customer-facing view (`/customer` of the web preview). */
export class CustomerPage {
  readonly view: Locator;
  readonly card: Locator;
  readonly usable: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('main.customer');
    this.card = page.getByTestId('customer-card');
    this.usable = page.getByTestId('customer-usable');
  }

  /** Opens `/customer#token=…` and waits for the resting view. */
  async open(origin: string, token: string): Promise<void> {
    await this.page.goto(`${origin}/customer#token=${token}`);
    await this.expectKind('rest');
  }

  async expectKind(kind: 'rest' | 'balance' | 'error'): Promise<void> {
    await expect(this.view).toHaveAttribute('data-view', kind);
  }

  /** Whether the element lies wholly inside the viewport, and its font size in px. */
  async measure(locator: Locator): Promise<{ inside: boolean; fontPx: number; pageScrolls: boolean }> {
    const box = await locator.boundingBox();
    const viewport = this.page.viewportSize() ?? { width: 0, height: 0 };
    const fontPx = Number.parseFloat(
      await locator.evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(
            el,
          ).fontSize,
      ),
    );
    const pageScrolls = await this.page.evaluate<boolean>(
      '(() => { const d = document.documentElement; return d.scrollHeight > innerHeight + 1 || d.scrollWidth > innerWidth + 1; })()',
    );
    const inside =
      box !== null &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= viewport.width + 0.5 &&
      box.y + box.height <= viewport.height + 0.5;
    return { inside, fontPx, pageScrolls };
  }

  /** Saved every run to apps/desktop/e2e/screenshots/ (gitignored). */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(__dirname, '..', 'screenshots', `${name}.png`) });
  }
}
