import AxeBuilder from '@axe-core/playwright';
import type { Locale } from '@balance-desk/contract';
import { expect, test } from './fixtures';
import type { CashierPage } from './pages/cashier-page';
import { CASHIER_STATES, DIALOG_STATES, useLocale } from './screens';

/**
 * The accessibility gate: axe-core (injected over the protocol by AxeBuilder, since the app's CSP
 * blocks inline scripts) with the WCAG 2.0/2.1 A and AA rules and 2.2 AA (which adds target size).
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * axe-core on the page as it is now. The first audit of a document injects axe-core through
 * AxeBuilder in legacy mode (the page has no frames, so there is nothing to aggregate in a blank
 * page); later audits of the same document run the already injected `axe.run` with the same
 * options. Same rules, same results, a fraction of the time: AxeBuilder's default mode evaluates
 * the 600 kB axe source twice and opens and closes a page on every call.
 */
async function runAxe(cashier: CashierPage): Promise<AxeResults> {
  const { page } = cashier;
  if (!(await page.evaluate('typeof window.axe?.run === "function"')))
    return new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
  return page.evaluate<AxeResults>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  );
}

async function axeViolations(cashier: CashierPage, state: string): Promise<string[]> {
  const results = await runAxe(cashier);
  // Not vacuous: the WCAG 2.2 AA tag is applied (target-size runs) and rules found something to check.
  const ran = [...results.passes, ...results.violations, ...results.incomplete].map((r) => r.id);
  expect(ran, `${state}: axe ran the target-size rule`).toContain('target-size');
  return results.violations.map(
    (v) =>
      `${state}: ${v.id} (${v.impact ?? '?'}) ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        .join(' | ')}`,
  );
}

/** Fault cards whose screen is another card's with other words (same reason, same view). */
const SAME_VIEW_AS_ANOTHER = new Set([
  'error-serviceUnavailable',
  'error-http503',
  'error-malformedJson',
  'error-truncatedJson',
  'error-oversized',
]);

/**
 * Zero violations in every state of the cashier screen (each kind of answer and of error) and the
 * manager's dialogs, in `locale`.
 */
export function axeGate(locale: Locale): void {
  test(`${locale}: no axe violation in any state`, async ({ cashier, preview }) => {
    test.setTimeout(240_000);
    await useLocale(cashier, preview, locale);
    // Not a WCAG rule in axe (best practice), but a screen reader's first jump: one h1 per page.
    await expect(cashier.page.getByRole('heading', { level: 1 })).toHaveCount(1);
    const found: string[] = [];
    const states = [...CASHIER_STATES, ...DIALOG_STATES].filter((s) => !SAME_VIEW_AS_ANOTHER.has(s.name));
    for (const state of states) {
      await state.show(cashier, locale);
      found.push(...(await axeViolations(cashier, state.name)));
    }
    expect(found).toEqual([]);
  });
}
