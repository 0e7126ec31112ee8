import type { Locale, LookupOutcome } from '@balance-desk/contract';
import { maskCardLast4, printable } from './mask';
import { formatFen, SCREEN_YUAN, toFen } from './money';
import { outputStrings } from './strings';

/**
 * What the customer-facing display shows, built main-side and sent to its window as is: text
 * only, already in the customer's language, the card masked to its last four. It never carries an
 * error code or reason — the customer sees a neutral line and the cashier explains.
 */
export interface CustomerViewOptions {
  storeName: string;
  locale: Locale;
  /** Show real / gift / pre-stored under the usable balance. */
  showParts: boolean;
}

interface CustomerAccountView {
  usableLabel: string;
  /** "¥1,234.56" */
  usable: string;
  /** A closed account says so instead of offering its balance. */
  closed: boolean;
  stateText: string;
  parts: Array<{ label: string; amount: string }>;
}

export type CustomerView =
  | { kind: 'rest'; locale: Locale; storeName: string; welcome: string }
  | {
      kind: 'balance';
      locale: Locale;
      storeName: string;
      cardLabel: string;
      card: string;
      accounts: CustomerAccountView[];
    }
  | { kind: 'error'; locale: Locale; storeName: string; line: string };

/**
 * `null` (nothing on the cashier screen) and a cancelled lookup give the resting view. An amount
 * that is not a safe integer gives the neutral line, never a wrong figure.
 */
export function buildCustomerView(outcome: LookupOutcome | null, options: CustomerViewOptions): CustomerView {
  const s = outputStrings(options.locale);
  const locale = options.locale;
  const storeName = printable(options.storeName);
  if (outcome === null || outcome.kind === 'cancelled')
    return { kind: 'rest', locale, storeName, welcome: s.welcome };
  const neutral: CustomerView = { kind: 'error', locale, storeName, line: s.pleaseWait };
  if (outcome.kind === 'error') return neutral;
  const money = (value: number): string => formatFen(toFen(value, outcome.amountUnit), SCREEN_YUAN);
  try {
    const accounts = outcome.accounts.map((a): CustomerAccountView => ({
      usableLabel: s.usable,
      usable: money(a.usable),
      closed: a.deleted,
      stateText: a.deleted ? s.deletedNote : s.active,
      parts: options.showParts
        ? [
            { label: s.real, amount: money(a.real) },
            { label: s.gift, amount: money(a.gift) },
            { label: s.preStored, amount: money(a.preStored) },
          ]
        : [],
    }));
    return {
      kind: 'balance',
      locale,
      storeName,
      cardLabel: s.card,
      card: maskCardLast4(outcome.cardId),
      accounts,
    };
  } catch {
    return neutral;
  }
}
