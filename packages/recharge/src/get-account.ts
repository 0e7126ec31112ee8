import type { TopCallOptions, TopExecutor } from '@balance-desk/top-client';
import { parseRechargeResponse } from './parse';
import { buildRechargeParams } from './query';
import { RECHARGE_ACCOUNT_GET, type RechargeAccount, type RechargeAccountQuery } from './query-types';

export interface RechargeCallOptions {
  /** Aborts the call (a newer scan superseded it); the client rejects with TopAbortError. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/** The accounts found and the envelope's request id, which support asks for when a lookup went wrong. */
export interface RechargeAccountAnswer {
  accounts: RechargeAccount[];
  requestId: string | undefined;
}

/**
 * Looks up the stored-value account(s) for a card, account or customer in one brand and shop.
 * Resolves with at least one account and the request id of the answer. Rejects with RechargeQueryError (invalid query, checked
 * before any network traffic), RechargeBizError, RechargeNotFoundError, RechargeResponseError,
 * or the client's own TopError subclasses unchanged (transport, timeout, abort, `error_response`).
 */
export async function getRechargeAccount(
  client: TopExecutor,
  query: RechargeAccountQuery,
  options: RechargeCallOptions = {},
): Promise<RechargeAccountAnswer> {
  // buildRechargeParams re-validates at run time: the type cannot stop blank or malformed values
  // coming from settings or IPC, and an invalid query must fail before any network traffic.
  const params = buildRechargeParams(query);
  const callOptions: TopCallOptions = {};
  if (options.signal) callOptions.signal = options.signal;
  if (options.timeoutMs !== undefined) callOptions.timeoutMs = options.timeoutMs;
  const response = await client.execute(RECHARGE_ACCOUNT_GET, params, callOptions);
  return {
    accounts: parseRechargeResponse(response.body, response.requestId),
    requestId: response.requestId,
  };
}
