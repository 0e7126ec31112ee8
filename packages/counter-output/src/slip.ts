import type { AccountView, Locale, LookupOutcome } from '@balance-desk/contract';
import { maskCardLast4, printable } from './mask';
import { formatFen, SLIP_YUAN, toFen } from './money';
import { outputStrings } from './strings';

/**
 * One balance slip, already in the cashier's language, from which both printer paths render
 * (ESC/POS bytes and the HTML document). Built main-side from a lookup outcome; it carries the
 * masked card only, so no renderer of it can print the full number.
 */
export interface SlipContext {
  storeName: string;
  shopId: string;
  terminalName: string;
  locale: Locale;
  now: Date;
  /** IANA zone of the shop, e.g. "Asia/Shanghai". */
  timeZone: string;
}

interface SlipAmount {
  fen: bigint;
  /** "￥1,234.56" */
  text: string;
}

interface SlipPart {
  label: string;
  amount: SlipAmount;
  totalLabel: string;
  total: SlipAmount;
}

interface SlipAccount {
  /** 1-based position, as on the cashier screen. */
  index: number;
  state: 'active' | 'deleted';
  stateText: string;
  /** A sentence for a deleted account, null otherwise. */
  note: string | null;
  usableLabel: string;
  usable: SlipAmount;
  parts: SlipPart[];
}

export interface BalanceSlip {
  locale: Locale;
  title: string;
  notice: string;
  storeName: string;
  shop: { label: string; value: string };
  terminal: { label: string; value: string };
  /** Local date and time in the shop's zone, "2026-11-29 21:15:31". */
  time: { label: string; value: string };
  card: { label: string; value: string };
  accountLabel: string;
  stateLabel: string;
  accounts: SlipAccount[];
  /**
   * A card the CRM refused because of its state (frozen, lost…): there are no accounts, and the
   * slip says what the card is instead. Null for a slip with balances.
   */
  cardState: { label: string; text: string; note: string } | null;
  /** The gateway's request id, for support; null when the answer had none. */
  reference: { label: string; value: string } | null;
}

type SlipRefusalReason =
  /** The outcome is an error or a cancelled lookup: there are no balances to print. */
  | 'no-balances'
  /** An amount is not a safe integer: better no slip than a wrong one. */
  | 'invalid-amount'
  /** The context is unusable (an unknown time zone, an invalid date). */
  | 'invalid-context';

export type SlipBuild =
  { kind: 'slip'; slip: BalanceSlip } | { kind: 'refused'; reason: SlipRefusalReason; detail: string };

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm:ss" in `timeZone`: one unambiguous shape for both languages. */
function formatLocalDateTime(now: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

function amount(value: number, unit: 'fen' | 'yuan'): SlipAmount {
  const fen = toFen(value, unit);
  return { fen, text: formatFen(fen, SLIP_YUAN) };
}

function slipAccount(account: AccountView, index: number, unit: 'fen' | 'yuan', locale: Locale): SlipAccount {
  const s = outputStrings(locale);
  const part = (label: string, current: number, total: number): SlipPart => ({
    label,
    amount: amount(current, unit),
    totalLabel: s.total,
    total: amount(total, unit),
  });
  return {
    index,
    state: account.deleted ? 'deleted' : 'active',
    stateText: account.deleted ? s.deleted : s.active,
    note: account.deleted ? s.deletedNote : null,
    usableLabel: s.usable,
    usable: amount(account.usable, unit),
    parts: [
      part(s.real, account.real, account.realTotal),
      part(s.gift, account.gift, account.giftTotal),
      part(s.preStored, account.preStored, account.preStoredTotal),
    ],
  };
}

/**
 * The slip for a lookup result. Only an `ok` outcome (one with accounts) makes a slip; anything
 * else is a typed refusal the app shows instead of printing. Never throws.
 */
export function buildBalanceSlip(outcome: LookupOutcome, context: SlipContext): SlipBuild {
  const cardState = outcome.kind === 'error' && outcome.reason === 'card-state';
  if (!cardState && (outcome.kind !== 'ok' || outcome.accounts.length === 0)) {
    return { kind: 'refused', reason: 'no-balances', detail: `a ${outcome.kind} outcome has no balances` };
  }
  let time: string;
  try {
    if (Number.isNaN(context.now.getTime())) throw new RangeError('invalid date');
    time = formatLocalDateTime(context.now, context.timeZone);
  } catch (error) {
    return {
      kind: 'refused',
      reason: 'invalid-context',
      detail: `cannot show the time in zone "${context.timeZone}": ${(error as Error).message}`,
    };
  }
  let accounts: SlipAccount[] = [];
  try {
    if (outcome.kind === 'ok')
      accounts = outcome.accounts.map((a, i) => slipAccount(a, i + 1, outcome.amountUnit, context.locale));
  } catch (error) {
    return { kind: 'refused', reason: 'invalid-amount', detail: (error as Error).message };
  }
  const s = outputStrings(context.locale);
  const requestId = printable(
    (outcome.kind === 'ok' ? outcome.requestId : outcome.kind === 'error' ? outcome.detail.requestId : '') ??
      '',
  );
  return {
    kind: 'slip',
    slip: {
      locale: context.locale,
      title: s.title,
      notice: s.notice,
      storeName: printable(context.storeName),
      shop: { label: s.shop, value: printable(context.shopId) },
      terminal: { label: s.terminal, value: printable(context.terminalName) },
      time: { label: s.time, value: time },
      card: { label: s.card, value: maskCardLast4(outcome.cardId) },
      accountLabel: s.account,
      stateLabel: s.state,
      accounts,
      cardState:
        outcome.kind === 'error'
          ? {
              label: s.cardState,
              text: s.cardStates[outcome.cardState ?? 'other'],
              note: s.cardStateNote,
            }
          : null,
      reference: requestId === '' ? null : { label: s.reference, value: requestId },
    },
  };
}

/** A made-up result for the settings' Test print: every line of a real slip, with sample figures. */
const SAMPLE_OUTCOME: LookupOutcome = {
  kind: 'ok',
  cardId: '0000000000000000',
  accounts: [
    {
      accountId: 'sample',
      cardId: '0000000000000000',
      deleted: false,
      usable: 123_456,
      real: 100_000,
      realTotal: 200_000,
      gift: 23_456,
      giftTotal: 30_000,
      preStored: 0,
      preStoredTotal: 0,
    },
  ],
  amountUnit: 'fen',
  requestId: 'test-print',
  latencyMs: 0,
  at: '1970-01-01T00:00:00.000Z',
};

/** The Test print slip: a sample that says it is a test in its title, so nobody takes it for a balance. */
export function buildTestSlip(context: SlipContext): SlipBuild {
  const build = buildBalanceSlip(SAMPLE_OUTCOME, context);
  if (build.kind === 'slip') build.slip.title = outputStrings(context.locale).testTitle;
  return build;
}
