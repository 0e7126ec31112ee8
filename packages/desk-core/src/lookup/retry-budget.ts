import type { LookupOutcome } from '@balance-desk/contract';
import {
  getRechargeAccount,
  RechargeQueryError,
  validateRechargeQuery,
  type RechargeAccountQuery,
} from '@balance-desk/recharge';
import type { Logger } from '../ports';
import { errorName } from '../util/error-name';
import { toAccountView } from './account-view';
import { classifyLookupError, type Classified } from './classify';
import type { ClientPool } from './client-pool';
import type { ConnectivityTracker } from './connectivity';
import { cancelled, elapsedMs, errorOutcome } from './lookup-outcome';
import type { RateGuard } from './rate-guard';
import { retryDelayMs, sleep, type RetryPolicy } from './retry';
import type { GatewayTarget } from './target';

/** Do not start a retry with less than this left of the cashier's one timeout: it could not finish. */
const MIN_RETRY_BUDGET_MS = 300;

/** What the attempts share: the pool, the retry policy and rate guard, and where results are noted. */
export interface AttemptDeps {
  pool: ClientPool;
  policy: RetryPolicy;
  guard: RateGuard;
  random: () => number;
  connectivity: ConnectivityTracker;
  logger: Logger;
  now: () => Date;
}

/** One lookup call as it ends: its outcome and how many gateway calls it took. */
export type Attempted = [LookupOutcome, number];

interface Call {
  cardId: string;
  query: RechargeAccountQuery;
  target: GatewayTarget;
  signal: AbortSignal;
  started: number;
}

/** One gateway call: an answer, or the classified failure (`cancelled` when superseded meanwhile). */
async function attemptOnce(
  deps: AttemptDeps,
  call: Call,
  timeoutMs: number,
): Promise<{ outcome: LookupOutcome } | { failed: Classified }> {
  const { cardId, target, signal, started } = call;
  const lease = deps.pool.acquire(target);
  try {
    const { accounts, requestId } = await getRechargeAccount(lease.client, call.query, { signal, timeoutMs });
    if (signal.aborted) return { outcome: cancelled(cardId) };
    deps.connectivity.note('online');
    const ok: LookupOutcome = {
      kind: 'ok',
      cardId,
      accounts: accounts.map(toAccountView),
      amountUnit: target.amountUnit,
      latencyMs: elapsedMs(started),
      at: deps.now().toISOString(),
    };
    if (requestId !== undefined) ok.requestId = requestId;
    return { outcome: ok };
  } catch (err) {
    if (signal.aborted) return { outcome: cancelled(cardId) };
    const failed = classifyLookupError(err);
    deps.connectivity.note(failed.reached);
    if (failed.reason === 'unexpected-response' && failed.detail.text === 'internal') {
      deps.logger.error('lookup failed unexpectedly', { error: errorName(err) });
    }
    return { failed };
  } finally {
    lease.release();
  }
}

/**
 * Retries what may be retried within the cashier's one timeout: each attempt gets what is left of
 * it, not a fresh one, and a retry also needs a token from the rate guard.
 */
async function attemptWithinBudget(deps: AttemptDeps, call: Call): Promise<Attempted> {
  const { cardId, target, signal, started } = call;
  let last: Classified | undefined;
  let attempts = 0;
  const remaining = (): number => target.timeoutMs - (performance.now() - started);
  for (let attempt = 0; attempt <= deps.policy.maxRetries; attempt += 1) {
    if (attempt > 0) {
      const delay = retryDelayMs(deps.policy, attempt, deps.random);
      if (remaining() - delay < MIN_RETRY_BUDGET_MS || !deps.guard.tryTake()) break;
      if (!(await sleep(delay, signal))) return [cancelled(cardId), attempt];
    }
    attempts = attempt + 1;
    const result = await attemptOnce(deps, call, Math.max(1, Math.floor(remaining())));
    if ('outcome' in result) return [result.outcome, attempts];
    last = result.failed;
    if (!last.autoRetry) return [errorOutcome(cardId, started, deps.now(), last), attempts];
  }
  return [errorOutcome(cardId, started, deps.now(), last ?? classifyLookupError(undefined)), attempts];
}

/** The gateway part of a lookup: the local rate guard, the query check, then the attempts. */
export async function callGateway(
  deps: AttemptDeps,
  cardId: string,
  target: GatewayTarget,
  signal: AbortSignal,
  started: number,
): Promise<Attempted> {
  if (!deps.guard.tryTake()) {
    const detail = { text: 'local-rate-guard' };
    return [
      errorOutcome(cardId, started, deps.now(), { reason: 'rate-limited', retriable: true, detail }),
      0,
    ];
  }
  const checked = validateRechargeQuery({ cardId, ...target.scope });
  if (!checked.ok) {
    const failure = classifyLookupError(new RechargeQueryError(checked.issues));
    return [errorOutcome(cardId, started, deps.now(), failure), 0];
  }
  return attemptWithinBudget(deps, { cardId, query: checked.query, target, signal, started });
}
