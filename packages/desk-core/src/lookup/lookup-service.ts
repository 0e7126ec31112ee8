import { maskCardId, type LookupOutcome } from '@balance-desk/contract';
import type { Journal, Logger, SettingsStore, Vault } from '../ports';
import { noopLogger } from '../logger';
import { errorName } from '../util/error-name';
import { readCardInput } from './card-input';
import { classifyLookupError } from './classify';
import { ClientPool, type ClientFactory } from './client-pool';
import { createConnectivityTracker, type Connectivity } from './connectivity';
import { InFlightCalls, inFlightKey } from './in-flight';
import { lookupRecorder } from './lookup-journal';
import { cancelled, errorOutcome, type Failure } from './lookup-outcome';
import { createRateGuard, type RateGuard, type RateGuardOptions } from './rate-guard';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { callGateway, type AttemptDeps, type Attempted } from './retry-budget';
import { settingsTarget, type ResolveTarget, type TargetResolution } from './target';

export type { Connectivity } from './connectivity';
export { MIN_RETRY_BUDGET_MS } from './retry-budget';

export interface LookupServiceDeps {
  settings: SettingsStore;
  vault: Vault;
  journal: Journal;
  clientFactory?: ClientFactory;
  /** A pool shared with the connection test (the Desk's); the service then leaves closing it to the owner. */
  clients?: ClientPool;
  /** Wall clock for `at` stamps; latency uses the monotonic clock. */
  now?: () => Date;
  logger?: Logger;
  /** Where lookups go; default: the saved settings + vault (the Desk substitutes demo mode). */
  resolveTarget?: ResolveTarget;
  retry?: Partial<RetryPolicy>;
  rateGuard?: RateGuard | RateGuardOptions;
  /** Jitter source (tests). */
  random?: () => number;
}

export interface LookupService {
  /**
   * Every failure of the lookup itself is an outcome (journalled like any other). A bug that
   * throws anyway is dispatchIpc's to answer: it is the one layer that never throws across IPC.
   */
  lookup(rawCardId: string): Promise<LookupOutcome>;
  /** Derived from the last gateway call: a transport failure → offline, any gateway answer → online. */
  connectivity(): Connectivity;
  close(): Promise<void>;
}

const NOT_CONFIGURED = (text: string): Failure => ({
  reason: 'not-configured',
  retriable: false,
  detail: { text },
});

export function createLookupService(deps: LookupServiceDeps): LookupService {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? noopLogger;
  const resolveTarget = deps.resolveTarget ?? settingsTarget(deps.settings, deps.vault);
  const pool = deps.clients ?? new ClientPool(deps.clientFactory);
  const attemptDeps: AttemptDeps = {
    pool,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
    guard: deps.rateGuard && 'tryTake' in deps.rateGuard ? deps.rateGuard : createRateGuard(deps.rateGuard),
    random: deps.random ?? Math.random,
    connectivity: createConnectivityTracker(),
    logger,
    now,
  };
  const calls = new InFlightCalls();
  const record = lookupRecorder(deps.journal, logger, now);
  let closed = false;

  /** Recorded like any answer; a crash while resolving is a target that cannot be had. */
  async function resolve(): Promise<TargetResolution> {
    return resolveTarget().catch((err: unknown): TargetResolution => {
      logger.error('lookup: resolving the gateway target crashed', { error: errorName(err) });
      return { ok: false, text: 'internal' };
    });
  }

  async function lookup(rawCardId: string): Promise<LookupOutcome> {
    const started = performance.now();
    const input = readCardInput(rawCardId);
    if (!input.ok) {
      // A bad scan is still the newest input: nothing older may answer after it.
      calls.begin('');
      const failure: Failure = { reason: 'invalid-card', retriable: false, detail: { text: input.code } };
      const outcome = errorOutcome(input.raw, started, now(), failure);
      record(input.masked, outcome, 0);
      return outcome;
    }
    const { cardId } = input;
    const seq = calls.begin(cardId);
    if (closed) return errorOutcome(cardId, started, now(), NOT_CONFIGURED('closed'));
    const resolved = await resolve();
    if (calls.overtaken(seq, cardId)) {
      // Another card was scanned while this one's target was being read: that one is the current card.
      record(maskCardId(cardId), cancelled(cardId), 0);
      return cancelled(cardId);
    }
    if (!resolved.ok) {
      calls.supersede();
      const outcome = errorOutcome(cardId, started, now(), NOT_CONFIGURED(resolved.text));
      record(maskCardId(cardId), outcome, 0);
      return outcome;
    }
    // The same card, shop and credentials while in flight (a double scan, a second click): one gateway
    // call. If the manager changed the shop or credentials meanwhile, the old answer would be stale.
    const key = inFlightKey(cardId, resolved.target);
    const shared = calls.shared(key);
    if (shared) return shared;
    calls.supersede();
    if (closed) return errorOutcome(cardId, started, now(), NOT_CONFIGURED('closed'));
    const call = (signal: AbortSignal): Promise<Attempted> =>
      callGateway(attemptDeps, cardId, resolved.target, signal, started).catch((err: unknown): Attempted => {
        // Kept although dispatchIpc would answer too: the lookup is journalled and leaves the in-flight slot.
        logger.error('lookup crashed', { error: errorName(err) });
        return [errorOutcome(cardId, started, now(), classifyLookupError(err)), 0];
      });
    return calls.start(cardId, key, call, (outcome, attempts) =>
      record(maskCardId(cardId), outcome, attempts),
    );
  }

  return {
    lookup,
    connectivity: () => attemptDeps.connectivity.current(),
    async close() {
      closed = true;
      calls.supersede();
      if (deps.clients === undefined) await pool.close();
    },
  };
}
