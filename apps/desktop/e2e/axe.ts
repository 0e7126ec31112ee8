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

async function axeViolations(cashier: CashierPage, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page: cashier.page }).withTags(AXE_TAGS).analyze();
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
