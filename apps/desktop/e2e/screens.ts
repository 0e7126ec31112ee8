import type { Locale } from '@balance-desk/contract';
import { en } from '../src/renderer/i18n/en';
import { zhCN } from '../src/renderer/i18n/zh-CN';
import { CARDS, FAULTS } from './cards';
import { expect, MANAGER_PIN, type Preview } from './fixtures';
import type { CashierPage } from './pages/cashier-page';

/**
 * Every state of the cashier screen a cashier or manager can meet, reached the way they reach it
 * (scans, taps, F2). The layout and accessibility gates walk this list at each screen size and in
 * each language, and call `check` once the state is on screen.
 */
export interface ScreenState {
  name: string;
  show(cashier: CashierPage, locale: Locale): Promise<void>;
  /** The state ends by itself soon after `show` (pending): a walk that looks at it more than once shows it again. */
  transient?: true;
}

const NOT_FOUND_CARD = '111950000099990999';

const LOOKUP_FAULTS = Object.entries(FAULTS).filter(([name]) => name !== 'slow' && name !== 'neverEnds');

function answer(name: string, cardId: string): ScreenState {
  return {
    name,
    async show(cashier) {
      await cashier.scan(cardId);
      await expect(cashier.answerFor(cardId), name).toBeVisible();
    },
  };
}

function dict(locale: Locale): typeof zhCN {
  return locale === 'en' ? en : zhCN;
}

/** Closes whatever manager dialog is open and waits for the cashier screen. */
async function closeDialogs(cashier: CashierPage): Promise<void> {
  await cashier.page.keyboard.press('Escape');
  await expect(cashier.page.locator('.overlay')).toHaveCount(0);
}

export const CASHIER_STATES: readonly ScreenState[] = [
  {
    name: 'idle',
    async show(cashier) {
      await cashier.page.keyboard.press('Escape');
      await expect(cashier.idle).toBeVisible();
    },
  },
  {
    name: 'pending',
    transient: true,
    async show(cashier) {
      // The sandbox answers this card after 1.5 s: long enough to look at the pending state.
      await cashier.scan(FAULTS.slow);
      await expect(cashier.pending).toBeVisible();
    },
  },
  answer('balance', CARDS.seed),
  answer('zero', CARDS.zero),
  answer('gift-only', CARDS.giftOnly),
  answer('large', CARDS.large),
  answer('deleted', CARDS.deleted),
  answer('two-accounts', CARDS.twoAccounts),
  answer('other-shop', CARDS.otherShop),
  answer('not-found', NOT_FOUND_CARD),
  ...LOOKUP_FAULTS.map(([name, cardId]) => answer(`error-${name}`, cardId)),
  {
    name: 'bridge-failure',
    async show(cashier) {
      const call = /\/ipc\/balance(:|%3A)lookup$/;
      await cashier.page.route(call, (route) => route.abort('connectionreset'));
      await cashier.scan(CARDS.giftOnly);
      await expect(cashier.error).toHaveAttribute('data-reason', 'bridge');
      await cashier.page.unroute(call);
    },
  },
];

/**
 * A card with `count` accounts: the real answer for the two-account card, its accounts repeated
 * (the demo data has no card with more). Layout only: every figure still comes from the CRM.
 */
export function manyAccounts(count: number): ScreenState {
  return {
    name: `${count}-accounts`,
    async show(cashier) {
      const call = /\/ipc\/balance(:|%3A)lookup$/;
      await cashier.page.route(call, async (route) => {
        const response = await route.fetch();
        const reply = (await response.json()) as { value: { accounts: { accountId: string }[] } };
        const real = reply.value.accounts;
        reply.value.accounts = Array.from({ length: count }, (_, i) => ({
          ...real[i % real.length],
          accountId: `RA-${i + 1}`,
        }));
        await route.fulfill({ response, json: reply });
      });
      // Once in a full run the same card scanned right after the previous state came back
      // unrouted (the real two accounts): scan again rather than fail on the test's own stub.
      await expect(async () => {
        await cashier.scan(CARDS.twoAccounts);
        await expect(cashier.accounts).toHaveCount(count, { timeout: 3_000 });
      }).toPass({ timeout: 15_000 });
      await cashier.page.unroute(call);
    },
  };
}

/** The manager's dialogs: the set-PIN dialog (no PIN yet), the PIN prompt, the settings form. */
export const DIALOG_STATES: readonly ScreenState[] = [
  {
    name: 'set-pin',
    async show(cashier) {
      await cashier.openSettingsWithF2();
      await expect(cashier.setPinDialog.or(cashier.pinDialog)).toBeVisible();
    },
  },
  {
    name: 'settings',
    async show(cashier, locale) {
      if (await cashier.setPinDialog.isVisible()) {
        const t = dict(locale);
        await cashier.page.getByLabel(t.pin.newPin).fill(MANAGER_PIN);
        await cashier.page.getByLabel(t.pin.confirmPin).fill(MANAGER_PIN);
        await cashier.page.getByLabel(t.pin.confirmPin).press('Enter');
      } else {
        await cashier.enterPin(MANAGER_PIN);
      }
      await expect(cashier.settings).toBeVisible();
    },
  },
  {
    name: 'pin-prompt',
    async show(cashier) {
      await closeDialogs(cashier);
      await cashier.openSettingsWithF2();
      await expect(cashier.pinDialog).toBeVisible();
    },
  },
  {
    name: 'pin-wrong',
    async show(cashier) {
      await cashier.enterPin('000111');
      await expect(cashier.page.getByTestId('pin-message')).toBeVisible();
    },
  },
];

/** Back to the cashier screen after the dialogs. */
export async function leaveDialogs(cashier: CashierPage): Promise<void> {
  await closeDialogs(cashier);
}

/** The preview in the given language (the terminal's setting, as a manager would save it). */
export async function useLocale(cashier: CashierPage, preview: Preview, locale: Locale): Promise<void> {
  // zh-CN is the default: a new terminal has no manager PIN yet, so the set-PIN dialog is reachable.
  if (locale !== 'zh-CN') {
    await preview.configure({ locale });
    // A new document (not a same-page hash change) so the app reads its settings again.
    await cashier.page.goto('about:blank');
    await cashier.open(preview.url);
  }
  await expect(cashier.page.locator('html')).toHaveAttribute('lang', locale);
}
