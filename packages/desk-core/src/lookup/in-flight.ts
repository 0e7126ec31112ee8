import { createHash } from 'node:crypto';
import type { LookupOutcome } from '@balance-desk/contract';
import { cancelled } from './lookup-outcome';
import type { GatewayTarget } from './target';

interface InFlight {
  cardId: string;
  /** Card + where it is asked: a double scan shares a call only if nothing it depends on changed. */
  key: string;
  controller: AbortController;
  promise: Promise<LookupOutcome>;
}

/** Hashed: the key must not be one more copy of the secret in memory. */
export function inFlightKey(cardId: string, target: GatewayTarget): string {
  const { gatewayUrl, appKey, appSecret, session, signMethod, scope, amountUnit, mode } = target;
  return createHash('sha256')
    .update(
      JSON.stringify([
        cardId,
        mode,
        gatewayUrl,
        appKey,
        appSecret,
        session ?? '',
        signMethod,
        scope,
        amountUnit,
        target.network?.key ?? '',
      ]),
    )
    .digest('hex');
}

/**
 * The one gateway call in flight and the newest input. A new card supersedes the call in flight
 * (aborted, it answers `cancelled`); the same card asked the same way shares it.
 */
export class InFlightCalls {
  private current: InFlight | undefined;
  /** The newest lookup call and its card: a call still resolving its target when another card comes is superseded. */
  private latest = { seq: 0, cardId: '' };

  /**
   * Numbers a new input and returns its number. Another card (or an invalid input, `''`)
   * supersedes the call in flight at once; the same card may still share it (`shared`).
   */
  begin(cardId: string): number {
    const seq = this.latest.seq + 1;
    this.latest = { seq, cardId };
    if (this.current !== undefined && this.current.cardId !== cardId) this.supersede();
    return seq;
  }

  /** Another card was scanned after input `seq` (of `cardId`): that one is the current card. */
  overtaken(seq: number, cardId: string): boolean {
    return this.latest.seq !== seq && this.latest.cardId !== cardId;
  }

  /** The call in flight for exactly this key (a double scan, a second click), if any. */
  shared(key: string): Promise<LookupOutcome> | undefined {
    return this.current?.key === key ? this.current.promise : undefined;
  }

  /** Aborts the call in flight, which then resolves `cancelled`. */
  supersede(): void {
    const current = this.current;
    this.current = undefined;
    current?.controller.abort();
  }

  /** Starts the call for a key; `settle` runs once it has answered and is no longer in flight. */
  start(
    cardId: string,
    key: string,
    call: (signal: AbortSignal) => Promise<[LookupOutcome, number]>,
    settle: (outcome: LookupOutcome, attempts: number) => void,
  ): Promise<LookupOutcome> {
    const controller = new AbortController();
    const entry: InFlight = { cardId, key, controller, promise: Promise.resolve(cancelled(cardId)) };
    entry.promise = call(controller.signal).then(([outcome, attempts]) => {
      if (this.current === entry) this.current = undefined;
      settle(outcome, attempts);
      return outcome;
    });
    this.current = entry;
    return entry.promise;
  }
}
