import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CASHIER_STATES, DIALOG_STATES, leaveDialogs, manyAccounts, type ScreenState } from './screens';

/**
 * Every screen size, every state, without page scrolling: the cashier never scrolls to find a
 * balance, the countdown or "clear". Up to three accounts, every usable balance is on screen;
 * more scroll inside their own panel. Screenshots of each size and state go to
 * apps/desktop/e2e/screenshots/ (gitignored) to be looked at.
 */
const VIEWPORTS = [
  { width: 800, height: 600 },
  { width: 1024, height: 768 },
  { width: 1280, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
];

interface Fit {
  page: { height: number; width: number };
  /** How far the result panel itself would scroll (its lists may, it may not). */
  result: number;
  usable: { text: string; fontPx: number; visible: boolean; void: boolean }[];
  clipped: string[];
  smallTargets: string[];
  /** Which screen is up (idle, pending, result, error and its reason, accounts, dialog). */
  screen: string;
}

/** What the cashier would have to scroll for, and what is cut off. A string: e2e code has no DOM lib. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate<Fit>(`(() => {
    const doc = document.scrollingElement;
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const b = p.getBoundingClientRect();
        if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
      }
      return true;
    };
    const label = (el) => (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 30);
    return {
      page: { height: doc.scrollHeight - innerHeight, width: doc.scrollWidth - innerWidth },
      result: (() => { const r = document.querySelector('.result'); return r ? r.scrollHeight - r.clientHeight : 0; })(),
      usable: [...document.querySelectorAll('[data-testid="usable"]')].map((el) => ({
        text: el.textContent, fontPx: parseFloat(getComputedStyle(el).fontSize), visible: shown(el),
        void: el.classList.contains('amount--void'),
      })),
      clipped: [...document.querySelectorAll('.account__usable, .part__amount, .part__total, .problem__message')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
      smallTargets: [...document.querySelectorAll('button, input, select, [role="tab"]')]
        .filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0 && el.type !== 'checkbox')
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width < 44 - 0.5 || r.height < 44 - 0.5; })
        .map((el) => label(el) + ' ' + Math.round(el.getBoundingClientRect().width) + '×' + Math.round(el.getBoundingClientRect().height)),
      screen: ['idle', 'pending', 'result', 'error', 'pin-dialog', 'set-pin-dialog', 'settings']
        .filter((id) => document.querySelector('[data-testid="' + id + '"]'))
        .concat(document.querySelectorAll('[data-testid="account"]').length + ' accounts',
          document.querySelector('[data-testid="error"]')?.getAttribute('data-reason') ?? '')
        .join(' '),
    };
  })()`);
}

const STATES = [...CASHIER_STATES, manyAccounts(3), manyAccounts(5)];

/**
 * One walk through the states, each looked at in every size: the page is resized, not reloaded,
 * between sizes. The layout is CSS alone (media and container queries, no script reads the window
 * size), so a resized page lays out as one opened at that size, and each state is reached once
 * instead of once per size. A state that ends by itself (pending) is reached again for each size.
 */
test('every screen size, every state: no page scrolling, every balance on screen', async ({ cashier }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  /** `accounts` null: a dialog covers the screen; what is behind it is not checked. Returns which screen was up. */
  const check = async (name: string, state: string, accounts: number | null): Promise<string> => {
    // Measured first: pending lasts 1.5 s, and a screenshot on a busy machine can take most of that.
    const fit = await measure(cashier.page);
    await cashier.screenshot(`${name}/${state}`);
    const at = `${name} ${state}`;
    if (fit.page.height > 0 || fit.page.width > 0)
      problems.push(`${at}: page scrolls ${fit.page.width}×${fit.page.height} px`);
    if (accounts === null) {
      if (fit.smallTargets.length > 0)
        problems.push(`${at}: targets < 44 px: ${fit.smallTargets.join(', ')}`);
      return fit.screen;
    }
    if (fit.result > 1) problems.push(`${at}: result panel scrolls ${fit.result} px`);
    const mustShow = accounts <= 3 ? fit.usable : fit.usable.slice(0, 1);
    for (const u of mustShow) if (!u.visible) problems.push(`${at}: usable ${u.text} not on screen`);
    // Readable from 1.5 m: one balance large (a 12-digit one as large as its width allows), two or
    // three side by side still well above body text. A closed account's figure is struck, not money.
    for (const u of fit.usable) {
      const minPx = accounts > 1 ? 24 : (u.text?.length ?? 0) > 12 ? 34 : 64;
      if (!u.void && u.fontPx < minPx) problems.push(`${at}: usable ${u.text} only ${u.fontPx} px`);
    }
    if (fit.clipped.length > 0) problems.push(`${at}: cut off ${fit.clipped.join(', ')}`);
    if (fit.smallTargets.length > 0) problems.push(`${at}: targets < 44 px: ${fit.smallTargets.join(', ')}`);
    return fit.screen;
  };
  const eachSize = async (state: ScreenState, accounts: () => Promise<number | null>): Promise<void> => {
    if (!state.transient) await state.show(cashier, 'zh-CN');
    let first: string | undefined;
    for (const size of VIEWPORTS) {
      await cashier.page.setViewportSize(size);
      const at = `${size.width}x${size.height}`;
      let screen: string;
      if (state.transient) {
        // From the idle screen, as the walk reaches it, not over its own answer at the last size. It
        // ends by itself (pending: 1.5 s), so a loaded machine may measure what followed it: then it
        // is shown again, at most three times, and what was measured last is what counts.
        for (let attempt = 1; ; attempt++) {
          await cashier.page.keyboard.press('Escape');
          await expect(cashier.idle).toBeVisible();
          await state.show(cashier, 'zh-CN');
          screen = await check(at, state.name, await accounts());
          if (screen.split(' ')[0] === state.name || attempt === 3) break;
        }
      } else screen = await check(at, state.name, await accounts());
      // Every size must see the state itself, not what followed it (the idle clear, say).
      first ??= screen;
      if (screen !== first)
        problems.push(`${state.name}: the screen changed between sizes: ${first} → ${screen}`);
    }
  };
  for (const state of STATES) await eachSize(state, () => cashier.accounts.count());
  for (const state of DIALOG_STATES) await eachSize(state, () => Promise.resolve(null));
  await leaveDialogs(cashier);
  expect(problems).toEqual([]);
});
