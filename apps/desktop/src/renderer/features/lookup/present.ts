import type { Locale, LookupOk } from '@balance-desk/contract';
import type { Dictionary } from '../../i18n';
import { formatMoney } from '../../lib/money';
import type { Display } from './lookup-store';

type Problem = Extract<Display, { kind: 'error' | 'failed' }>;

/** One plain sentence: what happened and what to do next. */
export function errorSentence(t: Dictionary, display: Problem): string {
  if (display.kind === 'failed') return t.errors.bridge;
  const { reason, detail } = display.outcome;
  if (reason === 'rejected' && detail.text !== undefined && detail.text.trim() !== '')
    return t.errors.rejectedWith(detail.text.trim());
  return t.errors.reasons[reason];
}

export interface SupportLine {
  label: string;
  value: string;
}

/** The small print for the manager and support: code, sub_code, request id (never a secret). */
export function supportLines(t: Dictionary, display: Problem): SupportLine[] {
  const lines: SupportLine[] = [];
  if (display.kind === 'failed') {
    lines.push({ label: t.errors.code, value: `${display.failure.code}: ${display.failure.message}` });
    return lines;
  }
  const { detail, reason } = display.outcome;
  lines.push({
    label: t.errors.code,
    value: detail.code === undefined ? reason : `${detail.code} (${reason})`,
  });
  if (detail.subCode !== undefined) lines.push({ label: t.errors.subCode, value: detail.subCode });
  if (detail.requestId !== undefined) lines.push({ label: t.errors.requestId, value: detail.requestId });
  if (detail.text !== undefined && reason !== 'rejected')
    lines.push({ label: t.errors.detail, value: detail.text });
  return lines;
}

/** What the aria-live region says when an answer arrives. */
export function announcement(t: Dictionary, display: Display, locale: Locale): string {
  switch (display.kind) {
    case 'idle':
      return '';
    case 'pending':
      return t.result.pending;
    case 'error':
    case 'failed':
      return errorSentence(t, display);
    case 'ok':
      return announceOk(t, display.outcome, locale);
  }
}

function announceOk(t: Dictionary, outcome: LookupOk, locale: Locale): string {
  if (outcome.accounts.length > 1) return t.result.announceMany(outcome.accounts.length);
  const [account] = outcome.accounts;
  if (!account || account.deleted) return t.result.announceClosed;
  return t.result.announce(formatMoney(account.usable, outcome.amountUnit, locale));
}

/**
 * The big number shrinks for long amounts so ¥12,345,678,901.23 still fits its card: each size
 * is capped in container units (result.css) for the longest text of its bucket.
 */
export function amountSizeClass(text: string): string {
  if (text.length <= 7) return 'amount--xxl';
  if (text.length <= 10) return 'amount--xl';
  if (text.length <= 13) return 'amount--l';
  if (text.length <= 16) return 'amount--m';
  if (text.length <= 19) return 'amount--s';
  return 'amount--xs';
}

/** The real / gift / pre-stored amounts: never broken mid-number, smaller when long. */
export function partSizeClass(text: string): string {
  return text.length <= 11 ? 'part__amount' : 'part__amount part__amount--long';
}

/** Amounts this long do not fit three side by side: the parts stack as full-width rows. */
export function hasLongAmounts(texts: readonly string[]): boolean {
  return texts.some((text) => text.length > 11);
}
