import type { Locale, LookupError, LookupOk } from '@balance-desk/contract';
import type { Dictionary } from '../../i18n';
import { formatMoney } from '../../lib/money';
import type { Display } from './lookup-store';

type Problem = Extract<Display, { kind: 'error' | 'failed' }>;

/**
 * The CRM called a parameter invalid although the card passed the local checks (a gateway code is
 * set): the card or the shop setting may be wrong, and the sentence says both.
 */
function isGatewayInvalidCard(outcome: LookupError): boolean {
  return outcome.reason === 'invalid-card' && outcome.detail.code !== undefined;
}

/** A refusal about the card itself (frozen, lost…): shown as the card's state, not as a fault. */
export function isCardState(display: Display): display is Extract<Display, { kind: 'error' }> {
  return display.kind === 'error' && display.outcome.reason === 'card-state';
}

/** The card's state in two parts: what it is (title) and what the cashier does (action). */
export function cardStateText(t: Dictionary, outcome: LookupError): { title: string; action: string } {
  const state = outcome.cardState ?? 'other';
  return { title: t.cardState.titles[state], action: t.cardState.actions[state] };
}

/**
 * One plain sentence: what happened and what to do next. It asks for a retry only when the
 * screen offers one: a fault that retrying would not fix has its own wording.
 */
export function errorSentence(t: Dictionary, display: Problem): string {
  if (display.kind === 'failed') return t.errors.bridge;
  const { outcome } = display;
  const { reason, detail } = outcome;
  if (reason === 'card-state') {
    const { title, action } = cardStateText(t, outcome);
    return `${title} — ${action}`;
  }
  // desk-core's check names the problem: say what to remove (digit groups are already joined).
  if (reason === 'invalid-card' && detail.text === 'card-invalid-chars') return t.scan.cardChars;
  if (reason === 'rejected' && detail.text !== undefined && detail.text.trim() !== '')
    return t.errors.rejectedWith(detail.text.trim());
  if (isGatewayInvalidCard(outcome)) return t.errors.invalidParameter;
  if (!outcome.retriable) {
    const final = (t.errors.reasonsFinal as Partial<Record<typeof reason, string>>)[reason];
    if (final !== undefined) return final;
  }
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
  // The CRM's own words are the sentence already for a refusal and an unrecognised card state.
  const textShown =
    reason === 'rejected' || (reason === 'card-state' && display.outcome.cardState === 'other');
  if (detail.text !== undefined && !textShown) lines.push({ label: t.errors.detail, value: detail.text });
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
