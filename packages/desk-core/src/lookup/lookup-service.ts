import { maskCardForLog, type LookupOutcome } from '@balance-desk/contract';
import type { Journal, Logger, SettingsStore, Vault } from '../ports';
import { noopLogger } from '../logger';
import { errorName } from '../util/error-name';
import { readCardInput, type CardInput } from './card-input';
import { classifyLookupError } from './classify';
import { ClientPool, type ClientFactory } from './client-pool';
import { createConnectivityTracker, type Connectivity } from './connectivity';
import { InFlightCalls, inFlightKey } from './in-flight';
import { lookupRecorder, type RecordLookup } from './lookup-journal';
import { cancelled, errorOutcome, type Failure } from './lookup-outcome';
import { createRateGuard, type RateGuard, type RateGuardOptions } from './rate-guard';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { callGateway, type AttemptDeps, type Attempted } from './retry-budget';
import { settingsTarget, type GatewayTarget, type ResolveTarget, type TargetResolution } from './target';

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

/** What one service instance keeps between lookups. */
interface ServiceState {
  now: () => Date;
  logger: Logger;
  resolveTarget: ResolveTarget;
  attempts: AttemptDeps;
  calls: InFlightCalls;
  record: RecordLookup;
  closed: boolean;
}

/** A crash while resolving is a target that cannot be had: recorded and answered like any other. */
function resolve(state: ServiceState): Promise<TargetResolution> {
  return state.resolveTarget().catch((err: unknown): TargetResolution => {
    state.logger.error('lookup: resolving the gateway target crashed', { error: errorName(err) });
    return { ok: false, text: 'internal' };
  });
}

/** A bad scan is still the newest input: nothing older may answer after it. */
function answerInvalid(
  state: ServiceState,
  input: Extract<CardInput, { ok: false }>,
  started: number,
): LookupOutcome {
  state.calls.begin('');
  const failure: Failure = { reason: 'invalid-card', retriable: false, detail: { text: input.code } };
  const outcome = errorOutcome(input.raw, started, state.now(), failure);
  state.record(input.masked, outcome, 0);
  return outcome;
}

/** The gateway call for a resolved target, in flight until it answers; journalled when it does. */
function startCall(
  state: ServiceState,
  cardId: string,
  target: GatewayTarget,
  key: string,
  started: number,
): Promise<LookupOutcome> {
  const call = (signal: AbortSignal): Promise<Attempted> =>
    callGateway(state.attempts, cardId, target, signal, started).catch((err: unknown): Attempted => {
      // Kept although dispatchIpc would answer too: the lookup is journalled and leaves the in-flight slot.
      state.logger.error('lookup crashed', { error: errorName(err) });
      return [errorOutcome(cardId, started, state.now(), classifyLookupError(err)), 0];
    });
  const settle = (outcome: LookupOutcome, attempts: number): void =>
    state.record(maskCardForLog(cardId), outcome, attempts);
  return state.calls.start(cardId, key, call, settle);
}

async function lookupCard(state: ServiceState, rawCardId: string): Promise<LookupOutcome> {
  const started = performance.now();
  const input = readCardInput(rawCardId);
  if (!input.ok) return answerInvalid(state, input, started);
  const { cardId } = input;
  const seq = state.calls.begin(cardId);
  if (state.closed) return errorOutcome(cardId, started, state.now(), NOT_CONFIGURED('closed'));
  const resolved = await resolve(state);
  if (state.calls.overtaken(seq, cardId)) {
    // Another card was scanned while this one's target was being read: that one is the current card.
    state.record(maskCardForLog(cardId), cancelled(cardId), 0);
    return cancelled(cardId);
  }
  if (!resolved.ok) {
    state.calls.supersede();
    const outcome = errorOutcome(cardId, started, state.now(), NOT_CONFIGURED(resolved.text));
    state.record(maskCardForLog(cardId), outcome, 0);
    return outcome;
  }
  // The same card, shop and credentials while in flight (a double scan, a second click): one gateway
  // call. If the manager changed the shop or credentials meanwhile, the old answer would be stale.
  const key = inFlightKey(cardId, resolved.target);
  const shared = state.calls.shared(key);
  if (shared) return shared;
  state.calls.supersede();
  if (state.closed) return errorOutcome(cardId, started, state.now(), NOT_CONFIGURED('closed'));
  return startCall(state, cardId, resolved.target, key, started);
}

export function createLookupService(deps: LookupServiceDeps): LookupService {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? noopLogger;
  const pool = deps.clients ?? new ClientPool(deps.clientFactory);
  const state: ServiceState = {
    now,
    logger,
    resolveTarget: deps.resolveTarget ?? settingsTarget(deps.settings, deps.vault),
    attempts: {
      pool,
      policy: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
      guard: deps.rateGuard && 'tryTake' in deps.rateGuard ? deps.rateGuard : createRateGuard(deps.rateGuard),
      random: deps.random ?? Math.random,
      connectivity: createConnectivityTracker(),
      logger,
      now,
    },
    calls: new InFlightCalls(),
    record: lookupRecorder(deps.journal, logger, now),
    closed: false,
  };
  return {
    lookup: (rawCardId) => lookupCard(state, rawCardId),
    connectivity: () => state.attempts.connectivity.current(),
    async close() {
      state.closed = true;
      state.calls.supersede();
      if (deps.clients === undefined) await pool.close();
    },
  };
}
