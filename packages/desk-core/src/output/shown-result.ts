import type { LookupOutcome } from '@balance-desk/contract';

type Answered = Exclude<LookupOutcome, { kind: 'cancelled' }>;

/**
 * The lookup answer the cashier screen is showing, as main knows it: the answer of the newest
 * lookup started. A lookup that starts hides the previous answer at once (the screen shows
 * "pending"), and an answer to an older lookup never becomes current. Print asks for a result by
 * its `at`; anything else is not on screen.
 */
export class ShownResult {
  private started = 0;
  private current: { outcome: Answered; shownAtMs: number } | undefined;

  /** A lookup starts; returns its ticket for `answered`. */
  start(): number {
    this.started += 1;
    this.current = undefined;
    return this.started;
  }

  answered(ticket: number, outcome: LookupOutcome, nowMs: number): void {
    if (ticket !== this.started || outcome.kind === 'cancelled') return;
    this.current = { outcome, shownAtMs: nowMs };
  }

  /**
   * The answer on screen now, or undefined once it has cleared itself (the screen's idle clear,
   * `maxAgeMs`) or a newer lookup started.
   */
  latest(nowMs: number, maxAgeMs: number): Answered | undefined {
    if (!this.current || nowMs - this.current.shownAtMs > maxAgeMs) return undefined;
    return this.current.outcome;
  }
}
