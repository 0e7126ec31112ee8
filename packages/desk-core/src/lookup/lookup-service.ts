import { createHash } from 'node:crypto';
import {
  maskCardForLog,
  type JournalEntry,
  type LookupError,
  type LookupOutcome,
} from '@balance-desk/contract';
import {
  getRechargeAccount,
  normalizeCardId,
  RechargeQueryError,
  validateRechargeQuery,
} from '@balance-desk/recharge';
import type { TopExecutor } from '@balance-desk/top-client';
import type { Journal, Logger, SettingsStore, Vault } from '../ports';
import { noopLogger } from '../logger';
import { toAccountView } from './account-view';
import { classifyLookupError, type Classified } from './classify';
import { ClientPool, type ClientFactory } from './client-pool';
import { createRateGuard, type RateGuard, type RateGuardOptions } from './rate-guard';
import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep, type RetryPolicy } from './retry';
import { settingsTarget, type GatewayTarget, type ResolveTarget, type TargetResolution } from './target';

export type Connectivity = 'online' | 'offline' | 'unknown';

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
  /** Never throws: every failure is an outcome, since nothing may throw across IPC. */
  lookup(rawCardId: string): Promise<LookupOutcome>;
  /** Derived from the last gateway call: a transport failure → offline, any gateway answer → online. */
  connectivity(): Connectivity;
  close(): Promise<void>;
}

interface InFlight {
  cardId: string;
  /** Card + where it is asked: a double scan shares a call only if nothing it depends on changed. */
  key: string;
  controller: AbortController;
  promise: Promise<LookupOutcome>;
}

/** Do not start a retry with less than this left of the cashier's one timeout: it could not finish. */
export const MIN_RETRY_BUDGET_MS = 300;

/** Hashed: the key must not be one more copy of the secret in memory. */
function inFlightKey(cardId: string, target: GatewayTarget): string {
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

/** Card text for the journal and logs when the input was not even a valid card id. */
function maskRaw(raw: string): string {
  return maskCardForLog(raw.trim().replace(/[^\x21-\x7E]/g, '?'));
}

export function createLookupService(deps: LookupServiceDeps): LookupService {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? noopLogger;
  const resolveTarget = deps.resolveTarget ?? settingsTarget(deps.settings, deps.vault);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const guard =
    deps.rateGuard && 'tryTake' in deps.rateGuard ? deps.rateGuard : createRateGuard(deps.rateGuard);
  const random = deps.random ?? Math.random;
  const pool = deps.clients ?? new ClientPool(deps.clientFactory);
  let inFlight: InFlight | undefined;
  /** The newest lookup call and its card: a call still resolving its target when another card comes is superseded. */
  let latest = { seq: 0, cardId: '' };
  let connectivity: Connectivity = 'unknown';
  let closed = false;

  const elapsed = (started: number): number => Math.round(performance.now() - started);

  function errorOutcome(
    cardId: string,
    started: number,
    c: Pick<Classified, 'reason' | 'retriable' | 'detail' | 'cardState'>,
  ): LookupOutcome {
    if (c.reason === 'cancelled') return { kind: 'cancelled', cardId };
    const outcome: LookupError = {
      kind: 'error',
      cardId,
      reason: c.reason,
      retriable: c.retriable,
      detail: c.detail,
      latencyMs: elapsed(started),
      at: now().toISOString(),
    };
    if (c.cardState !== undefined) outcome.cardState = c.cardState;
    return outcome;
  }

  function record(card: string, outcome: LookupOutcome, attempts: number): void {
    const entry: JournalEntry = { at: now().toISOString(), card, kind: outcome.kind };
    if (outcome.kind === 'ok') {
      entry.latencyMs = outcome.latencyMs;
      entry.accounts = outcome.accounts.length;
      if (outcome.requestId !== undefined) entry.requestId = outcome.requestId;
    } else if (outcome.kind === 'error') {
      entry.reason = outcome.reason;
      entry.latencyMs = outcome.latencyMs;
      if (outcome.detail.code !== undefined) entry.code = outcome.detail.code;
      if (outcome.detail.subCode !== undefined) entry.subCode = outcome.detail.subCode;
      if (outcome.detail.requestId !== undefined) entry.requestId = outcome.detail.requestId;
    }
    deps.journal.record(entry);
    const { at: _at, ...fields } = entry;
    logger.info('lookup', { ...fields, attempts });
  }

  async function attemptLoop(
    cardId: string,
    target: GatewayTarget,
    signal: AbortSignal,
    started: number,
  ): Promise<[LookupOutcome, number]> {
    const checked = validateRechargeQuery({ cardId, ...target.scope });
    if (!checked.ok)
      return [errorOutcome(cardId, started, classifyLookupError(new RechargeQueryError(checked.issues))), 0];
    let last: Classified | undefined;
    let attempts = 0;
    // The cashier waits one timeout in all: each attempt gets what is left of it, not a fresh one.
    const remaining = (): number => target.timeoutMs - (performance.now() - started);
    for (let attempt = 0; attempt <= policy.maxRetries; attempt += 1) {
      if (attempt > 0) {
        const delay = retryDelayMs(policy, attempt, random);
        if (remaining() - delay < MIN_RETRY_BUDGET_MS || !guard.tryTake()) break;
        if (!(await sleep(delay, signal))) return [{ kind: 'cancelled', cardId }, attempt];
      }
      const timeoutMs = Math.max(1, Math.floor(remaining()));
      const lease = pool.acquire(target);
      attempts = attempt + 1;
      try {
        // getRechargeAccount returns accounts only; the wrapper keeps the envelope's request id for support.
        let requestId: string | undefined;
        const executor: TopExecutor = {
          execute: async (method, params, options) => {
            const response = await lease.client.execute(method, params, options);
            requestId = response.requestId;
            return response;
          },
        };
        const accounts = await getRechargeAccount(executor, checked.query, { signal, timeoutMs });
        if (signal.aborted) return [{ kind: 'cancelled', cardId }, attempt + 1];
        connectivity = 'online';
        const ok: LookupOutcome = {
          kind: 'ok',
          cardId,
          accounts: accounts.map(toAccountView),
          amountUnit: target.amountUnit,
          latencyMs: elapsed(started),
          at: now().toISOString(),
        };
        if (requestId !== undefined) ok.requestId = requestId;
        return [ok, attempt + 1];
      } catch (err) {
        if (signal.aborted) return [{ kind: 'cancelled', cardId }, attempt + 1];
        last = classifyLookupError(err);
        if (last.reached !== 'local') connectivity = last.reached;
        if (last.reason === 'unexpected-response' && last.detail.text === 'internal') {
          logger.error('lookup failed unexpectedly', { error: err instanceof Error ? err.name : typeof err });
        }
        if (!last.autoRetry) return [errorOutcome(cardId, started, last), attempt + 1];
      } finally {
        lease.release();
      }
    }
    return [errorOutcome(cardId, started, last ?? classifyLookupError(undefined)), attempts];
  }

  async function run(
    cardId: string,
    target: GatewayTarget,
    signal: AbortSignal,
    started: number,
  ): Promise<[LookupOutcome, number]> {
    if (!guard.tryTake()) {
      const detail = { text: 'local-rate-guard' };
      return [errorOutcome(cardId, started, { reason: 'rate-limited', retriable: true, detail }), 0];
    }
    return attemptLoop(cardId, target, signal, started);
  }

  /** A new card supersedes the one in flight: abort it, it resolves `cancelled`. */
  function supersede(): void {
    const current = inFlight;
    inFlight = undefined;
    current?.controller.abort();
  }

  async function lookup(rawCardId: string): Promise<LookupOutcome> {
    const started = performance.now();
    const raw = typeof rawCardId === 'string' ? rawCardId : '';
    const normalized = normalizeCardId(raw);
    if (!normalized.ok) {
      // A bad scan is still the newest input: nothing older may answer after it.
      latest = { seq: latest.seq + 1, cardId: '' };
      supersede();
      const outcome = errorOutcome(raw, started, {
        reason: 'invalid-card',
        retriable: false,
        detail: { text: normalized.code },
      });
      record(maskRaw(raw), outcome, 0);
      return outcome;
    }
    const { cardId } = normalized;
    const seq = latest.seq + 1;
    latest = { seq, cardId };
    // Another card supersedes the one in flight at once; the same card may still share its call (below).
    if (inFlight !== undefined && inFlight.cardId !== cardId) supersede();
    if (closed)
      return errorOutcome(cardId, started, {
        reason: 'not-configured',
        retriable: false,
        detail: { text: 'closed' },
      });
    const resolved = await resolveTarget().catch((err: unknown): TargetResolution => {
      logger.error('lookup: resolving the gateway target crashed', {
        error: err instanceof Error ? err.name : typeof err,
      });
      return { ok: false, text: 'internal' };
    });
    if (latest.seq !== seq && latest.cardId !== cardId) {
      // Another card was scanned while this one's target was being read: that one is the current card.
      const cancelled: LookupOutcome = { kind: 'cancelled', cardId };
      record(maskCardForLog(cardId), cancelled, 0);
      return cancelled;
    }
    if (!resolved.ok) {
      supersede();
      const outcome = errorOutcome(cardId, started, {
        reason: 'not-configured',
        retriable: false,
        detail: { text: resolved.text },
      });
      record(maskCardForLog(cardId), outcome, 0);
      return outcome;
    }
    // The same card, shop and credentials while in flight (a double scan, a second click): one gateway
    // call. If the manager changed the shop or credentials meanwhile, the old answer would be stale.
    const key = inFlightKey(cardId, resolved.target);
    if (inFlight?.key === key) return inFlight.promise;
    supersede();
    if (closed)
      return errorOutcome(cardId, started, {
        reason: 'not-configured',
        retriable: false,
        detail: { text: 'closed' },
      });
    const controller = new AbortController();
    const entry: InFlight = {
      cardId,
      key,
      controller,
      promise: Promise.resolve({ kind: 'cancelled', cardId }),
    };
    entry.promise = run(cardId, resolved.target, controller.signal, started)
      .catch((err: unknown): [LookupOutcome, number] => {
        logger.error('lookup crashed', { error: err instanceof Error ? err.name : typeof err });
        return [errorOutcome(cardId, started, classifyLookupError(err)), 0];
      })
      .then(([outcome, attempts]) => {
        if (inFlight === entry) inFlight = undefined;
        record(maskCardForLog(cardId), outcome, attempts);
        return outcome;
      });
    inFlight = entry;
    return entry.promise;
  }

  return {
    async lookup(rawCardId) {
      try {
        return await lookup(rawCardId);
      } catch (err) {
        logger.error('lookup crashed', { error: err instanceof Error ? err.name : typeof err });
        return {
          kind: 'error',
          cardId: '',
          reason: 'unexpected-response',
          retriable: false,
          detail: { text: 'internal' },
          latencyMs: 0,
          at: now().toISOString(),
        };
      }
    },
    connectivity: () => connectivity,
    async close() {
      closed = true;
      supersede();
      if (deps.clients === undefined) await pool.close();
    },
  };
}
