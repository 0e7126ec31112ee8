import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { KeyboardWedge, type WedgeScanOptions } from '../keyboard-wedge';

/** Page object for the cashier screen: locators by role, label and data-testid, no CSS paths. */
export class CashierPage {
  readonly input: Locator;
  readonly result: Locator;
  readonly accounts: Locator;
  readonly usable: Locator;
  readonly error: Locator;
  readonly errorMessage: Locator;
  readonly pending: Locator;
  readonly idle: Locator;
  readonly countdown: Locator;
  readonly recent: Locator;
  readonly demoBadge: Locator;
  readonly connection: Locator;
  readonly shop: Locator;
  readonly pinDialog: Locator;
  readonly setPinDialog: Locator;
  readonly settings: Locator;
  readonly announcer: Locator;
  private wedge: KeyboardWedge | undefined;

  constructor(readonly page: Page) {
    this.input = page.locator('#card-input');
    this.result = page.getByTestId('result');
    this.accounts = page.getByTestId('account');
    this.usable = page.getByTestId('usable');
    this.error = page.getByTestId('error');
    this.errorMessage = page.getByTestId('error-message');
    this.pending = page.getByTestId('pending');
    this.idle = page.getByTestId('idle');
    this.countdown = page.getByTestId('countdown');
    this.recent = page.getByTestId('recent');
    this.demoBadge = page.getByTestId('demo-badge');
    this.connection = page.getByTestId('connection');
    this.shop = page.getByTestId('shop');
    this.pinDialog = page.getByTestId('pin-dialog');
    this.setPinDialog = page.getByTestId('set-pin-dialog');
    this.settings = page.getByTestId('settings');
    this.announcer = page.getByTestId('announcer');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.idle).toBeVisible();
    await expect(this.page.locator('.app')).toHaveAttribute('data-ready', 'true');
  }

  /** Moves focus off the card field (to the page body), the way a cashier's screen often is. */
  async blurField(): Promise<void> {
    await this.input.blur();
    await expect(this.input).not.toBeFocused();
  }

  /** A keyboard-wedge scan (2 ms/key and Enter unless told otherwise): trusted key events, wherever focus is. */
  async scan(payload: string, options: WedgeScanOptions = {}): Promise<void> {
    this.wedge ??= await KeyboardWedge.attach(this.page);
    await this.wedge.scan(payload, options);
  }

  /** Card ids the lookup store received from the scanner (the page runs with `?e2e`). */
  async scanLog(): Promise<string[]> {
    // A string expression: e2e code is type-checked without the DOM lib.
    return this.page.evaluate<string[]>('window.__balanceDeskScanLog ?? []');
  }

  /** A person typing into the field (≥ 40 ms per key) and pressing Enter. */
  async typeAndEnter(cardId: string, delayMs = 60): Promise<void> {
    await this.input.focus();
    await this.input.pressSequentially(cardId, { delay: delayMs });
    await this.page.keyboard.press('Enter');
  }

  async expectUsable(text: string): Promise<void> {
    await expect(this.usable.first()).toHaveText(text);
  }

  /**
   * The answer (balances, error or the card's state) for this card, by its masked id: unlike `result.or(error)`, it
   * never matches the previous card's answer still on screen.
   */
  answerFor(cardId: string): Locator {
    const masked = `•••• ${cardId.slice(-4)}`;
    return this.page.locator(
      ['result', 'error', 'card-state']
        .map((id) => `[data-testid="${id}"][data-card="${masked}"]`)
        .join(', '),
    );
  }

  async expectError(reason: string): Promise<void> {
    await expect(this.error).toBeVisible();
    await expect(this.error).toHaveAttribute('data-reason', reason);
  }

  async openSettingsWithF2(): Promise<void> {
    await this.page.keyboard.press('F2');
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.locator('#pin-input').fill(pin);
    await this.page.locator('#pin-input').press('Enter');
  }

  /** Saved every run to apps/desktop/e2e/screenshots/ (gitignored). */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(__dirname, '..', 'screenshots', `${name}.png`) });
  }

  /** True when neither the page nor the result area needs scrolling at the current viewport. */
  async fitsViewport(): Promise<boolean> {
    return this.page.evaluate<boolean>(`(() => {
      const doc = document.documentElement;
      const result = document.querySelector('.result');
      return doc.scrollHeight <= innerHeight && doc.scrollWidth <= innerWidth && (!result || result.scrollHeight <= result.clientHeight + 1);
    })()`);
  }
}
