import type { LookupError, LookupOutcome } from '@balance-desk/contract';
import type { Classified } from './classify';

/** What an error outcome is made of: a classified failure, or one the service decides itself. */
export type Failure = Pick<Classified, 'reason' | 'retriable' | 'detail' | 'cardState'>;

/** Milliseconds since `started` (the monotonic clock), as outcomes and the journal carry them. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}

export function cancelled(cardId: string): LookupOutcome {
  return { kind: 'cancelled', cardId };
}

/** A failure as the cashier's outcome; a `cancelled` classification stays `cancelled`. */
export function errorOutcome(cardId: string, started: number, at: Date, failure: Failure): LookupOutcome {
  if (failure.reason === 'cancelled') return cancelled(cardId);
  const outcome: LookupError = {
    kind: 'error',
    cardId,
    reason: failure.reason,
    retriable: failure.retriable,
    detail: failure.detail,
    latencyMs: elapsedMs(started),
    at: at.toISOString(),
  };
  if (failure.cardState !== undefined) outcome.cardState = failure.cardState;
  return outcome;
}
