import { parseTopTimestamp } from '@balance-desk/top-client';
import { RechargeBizError, RechargeNotFoundError, RechargeResponseError } from './errors';
import type { RechargeAccount } from './query-types';
import { type FieldRef, isAbsent, isRecord, readAmount, readFlag, readId, readText } from './wire-values';

/*
 * The wire names of RechargeAccountOpenInfo (docs/TOP-PROTOCOL.md §5 "Response") live only in this file
 * and wire-values.ts; everything returned uses the cashier's names (`usable`, not `usable_value`).
 */
const ACCOUNT_WIRE_KEYS = [
  'account_id',
  'card_id',
  'customer_id',
  'opt_plan_id',
  'deleted',
  'usable_value',
  'real_value',
  'real_value_total',
  'gift_value',
  'gift_value_total',
  'pre_value',
  'pre_value_total',
  'gmt_create',
  'gmt_modified',
] as const;

type AmountField = 'usable' | 'real' | 'realTotal' | 'gift' | 'giftTotal' | 'preStored' | 'preStoredTotal';

/**
 * `usable_value` is the balance the cashier acts on: an account without it is refused rather than
 * shown as ¥0. The parts and running totals default to 0 when absent, because TOP serializers omit
 * null fields and an account that never received gift or pre-stored value may carry none.
 */
const AMOUNTS: readonly [AmountField, string, boolean][] = [
  ['usable', 'usable_value', true],
  ['real', 'real_value', false],
  ['realTotal', 'real_value_total', false],
  ['gift', 'gift_value', false],
  ['giftTotal', 'gift_value_total', false],
  ['preStored', 'pre_value', false],
  ['preStoredTotal', 'pre_value_total', false],
];

/** How many single-key wrappers we peel: `{list: {item: [...]}}` is two (docs/TOP-PROTOCOL.md §3 "List wrapping"). */
const MAX_WRAPPER_DEPTH = 3;

function shapeError(message: string, requestId: string | undefined): RechargeResponseError {
  return new RechargeResponseError(message, { requestId, field: 'result' });
}

/**
 * Finds ALSC's CommonResult (`biz_success`, `result_code`, `result_desc`, `result_view`, `result`).
 * It is normally `body.result` (docs/TOP-PROTOCOL.md §3 "ALSC business layer"); a body that already is
 * the CommonResult (clients that unwrap `result` themselves) is accepted too.
 */
function findCommonResult(body: unknown, requestId: string | undefined): Record<string, unknown> {
  if (!isRecord(body)) throw shapeError('the response body is not an object', requestId);
  if (isRecord(body.result) && 'biz_success' in body.result) return body.result;
  if ('biz_success' in body) return body;
  if (body.result === undefined) throw shapeError('the response has no result', requestId);
  throw shapeError('the result has no biz_success', requestId);
}

/** `biz_success` is a JSON boolean, or the text `true`/`false` in XML (docs/TOP-PROTOCOL.md §3). */
function isBizSuccess(value: unknown, requestId: string | undefined): boolean {
  if (value === true || value === false) return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw shapeError('biz_success is neither true nor false', requestId);
}

const looksLikeAccount = (value: Record<string, unknown>): boolean =>
  ACCOUNT_WIRE_KEYS.some((key) => key in value);

/**
 * `result.result` as a list of raw accounts. It may be one object (the documented type), an array
 * (several accounts, simplified JSON), or a wrapped list `{ item: [...] }` / `{ item: {...} }`
 * (standard JSON, and XML where one repeated element comes back as a lone object) — §3 and §5.
 */
function accountRecords(
  payload: unknown,
  requestId: string | undefined,
  depth = 0,
): Record<string, unknown>[] {
  if (isAbsent(payload)) return [];
  if (Array.isArray(payload)) {
    return payload.map((item, i) => {
      if (!isRecord(item)) throw shapeError(`list item ${i + 1} is not an object`, requestId);
      return item;
    });
  }
  if (!isRecord(payload))
    throw shapeError(`the account payload is a ${typeof payload}, not an object`, requestId);
  if (looksLikeAccount(payload)) return [payload];
  const keys = Object.keys(payload);
  if (keys.length === 0) return [];
  if (keys.length === 1 && depth < MAX_WRAPPER_DEPTH) {
    return accountRecords(payload[keys[0] as string], requestId, depth + 1);
  }
  throw shapeError('the account payload is neither an account nor a list of accounts', requestId);
}

function toAccount(
  raw: Record<string, unknown>,
  where: string,
  requestId: string | undefined,
): RechargeAccount {
  const ref = (field: string, wire: string): FieldRef => ({ where, field, wire, requestId });
  const amounts = {} as Record<AmountField, number>;
  for (const [field, wire, required] of AMOUNTS)
    amounts[field] = readAmount(raw[wire], ref(field, wire), required);
  const account: RechargeAccount = {
    accountId: readId(raw.account_id, ref('accountId', 'account_id'), true),
    cardId: readId(raw.card_id, ref('cardId', 'card_id'), true),
    deleted: readFlag(raw.deleted, ref('deleted', 'deleted')),
    ...amounts,
  };
  const customerId = readId(raw.customer_id, ref('customerId', 'customer_id'), false);
  if (customerId !== undefined) account.customerId = customerId;
  const optPlanId = readId(raw.opt_plan_id, ref('optPlanId', 'opt_plan_id'), false);
  if (optPlanId !== undefined) account.optPlanId = optPlanId;
  // Dates are display metadata: a malformed one is dropped rather than hiding the balance.
  const createdAt = typeof raw.gmt_create === 'string' ? parseTopTimestamp(raw.gmt_create) : undefined;
  if (createdAt) account.createdAt = createdAt;
  const modifiedAt = typeof raw.gmt_modified === 'string' ? parseTopTimestamp(raw.gmt_modified) : undefined;
  if (modifiedAt) account.modifiedAt = modifiedAt;
  return account;
}

/**
 * Turns a TOP success body (envelope already removed by the client) into accounts, or throws:
 * RechargeBizError when `biz_success` is false, RechargeNotFoundError when there is no account,
 * RechargeResponseError when the payload cannot be trusted. Always returns at least one account.
 */
export function parseRechargeResponse(body: Record<string, unknown>, requestId?: string): RechargeAccount[] {
  const reqId = requestId ?? (isRecord(body) ? readText(body.request_id) : undefined);
  const common = findCommonResult(body, reqId);
  if (!isBizSuccess(common.biz_success, reqId)) {
    throw new RechargeBizError({
      resultCode: readText(common.result_code),
      resultDesc: readText(common.result_desc),
      resultView: readText(common.result_view),
      requestId: reqId,
    });
  }
  const records = accountRecords(common.result, reqId);
  if (records.length === 0) throw new RechargeNotFoundError(reqId);
  return records.map((raw, i) =>
    toAccount(raw, records.length === 1 ? 'account' : `account ${i + 1} of ${records.length}`, reqId),
  );
}
