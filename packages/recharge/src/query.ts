import { RechargeQueryError } from './errors';
import {
  type Normalized,
  foldFullWidth,
  normalizeCard,
  normalizeOutId,
  normalizePlatformId,
  trimEdges,
} from './normalize';
import type { QueryIssue, QueryIssueCode, RechargeAccountQuery, RechargeQueryInput } from './query-types';

type Field = keyof RechargeQueryInput;

/** See normalizeCard for the rule: trimmed, full-width folded, 1–64 of `[A-Za-z0-9_-]`. */
export function normalizeCardId(
  raw: string,
): { ok: true; cardId: string } | { ok: false; code: QueryIssueCode; message: string } {
  const result = normalizeCard(raw);
  return result.ok ? { ok: true, cardId: result.value } : result;
}

const LABEL: Record<Field, string> = {
  accountId: 'account id',
  cardId: 'card id',
  customerId: 'customer id',
  brandId: 'brand id',
  outBrandId: 'out brand id',
  shopId: 'shop id',
  outShopId: 'out shop id',
};

function normalizeField(field: Field, raw: unknown): Normalized | undefined {
  if (field === 'cardId') {
    // A blank card is absent here; validateRechargeQuery reports it as card-empty when it was the only target.
    const blank =
      raw === undefined || raw === null || (typeof raw === 'string' && trimEdges(foldFullWidth(raw)) === '');
    return blank ? undefined : normalizeCard(raw);
  }
  if (field === 'outBrandId' || field === 'outShopId') return normalizeOutId(raw, LABEL[field]);
  return normalizePlatformId(raw, LABEL[field]);
}

/**
 * Picks the one present field of a group. Blank values (undefined, null, '', spaces) count as
 * absent: an empty settings field means "not configured", never "send an empty id" (§2.1).
 */
function pickOne<F extends Field>(
  input: RechargeQueryInput,
  fields: readonly F[],
  missing: QueryIssueCode,
  ambiguous: QueryIssueCode,
  issues: QueryIssue[],
): { field: F; value: string } | undefined {
  const present: { field: F; result: Normalized }[] = [];
  for (const field of fields) {
    const raw: unknown = input[field]; // run time may hold anything (IPC, settings)
    const result = normalizeField(field, raw);
    if (result) present.push({ field, result });
  }
  const names = fields.join(' / ');
  if (present.length === 0) {
    issues.push({ field: 'query', code: missing, message: `one of ${names} is required` });
    return undefined;
  }
  if (present.length > 1) {
    issues.push({ field: 'query', code: ambiguous, message: `only one of ${names} may be given` });
    return undefined;
  }
  const [only] = present as [{ field: F; result: Normalized }];
  if (!only.result.ok) {
    issues.push({ field: only.field, code: only.result.code, message: only.result.message });
    return undefined;
  }
  return { field: only.field, value: only.result.value };
}

const TARGETS = ['accountId', 'cardId', 'customerId'] as const;

/**
 * Checks a loose query and returns it normalized (trimmed, full-width folded), or every issue
 * found. Exactly one of accountId / cardId / customerId, one of brandId / outBrandId, one of
 * shopId / outShopId (docs/TOP-PROTOCOL.md §5 "Request").
 */
export function validateRechargeQuery(
  input: RechargeQueryInput,
): { ok: true; query: RechargeAccountQuery } | { ok: false; issues: QueryIssue[] } {
  const issues: QueryIssue[] = [];
  if (typeof input !== 'object' || input === null) {
    return {
      ok: false,
      issues: [{ field: 'query', code: 'missing-target', message: 'query is not an object' }],
    };
  }
  const brand = pickOne(input, ['brandId', 'outBrandId'], 'missing-brand', 'ambiguous-brand', issues);
  const shop = pickOne(input, ['shopId', 'outShopId'], 'missing-shop', 'ambiguous-shop', issues);
  const targetIssues: QueryIssue[] = [];
  const target = pickOne(input, TARGETS, 'missing-target', 'ambiguous-target', targetIssues);
  if (targetIssues[0]?.code === 'missing-target' && typeof input.cardId === 'string') {
    // The cashier scanned or submitted an empty card field: say so, not "no target".
    issues.push({ field: 'cardId', code: 'card-empty', message: 'card id is empty' });
  } else {
    issues.push(...targetIssues);
  }
  if (!brand || !shop || !target || issues.length > 0) return { ok: false, issues };
  const query = { [target.field]: target.value, [brand.field]: brand.value, [shop.field]: shop.value };
  // Built from exactly one member of each group above, so it is one of the allowed combinations.
  return { ok: true, query: query as RechargeAccountQuery };
}

/** Like validateRechargeQuery, but throws RechargeQueryError. */
function assertRechargeQuery(input: RechargeQueryInput): RechargeAccountQuery {
  const result = validateRechargeQuery(input);
  if (!result.ok) throw new RechargeQueryError(result.issues);
  return result.query;
}

/** Wire order: brand, shop, then the target, as in the doc example (docs/TOP-PROTOCOL.md §2.2). */
const WIRE_KEYS: readonly [Field, string][] = [
  ['brandId', 'brand_id'],
  ['outBrandId', 'out_brand_id'],
  ['shopId', 'shop_id'],
  ['outShopId', 'out_shop_id'],
  ['accountId', 'account_id'],
  ['cardId', 'card_id'],
  ['customerId', 'customer_id'],
];

/**
 * The one business parameter, serialized once as compact snake_case JSON so the signed string
 * is the sent string (docs/TOP-PROTOCOL.md §2.2). The query is validated and normalized first
 * (throws RechargeQueryError), so no empty value is ever sent.
 */
export function buildRechargeParams(query: RechargeAccountQuery): {
  param_query_recharge_account_open_req: string;
} {
  const valid: RechargeQueryInput = assertRechargeQuery(query);
  const wire: Record<string, string> = {};
  for (const [field, key] of WIRE_KEYS) {
    const value = valid[field];
    if (value !== undefined && value !== '') wire[key] = value;
  }
  return { param_query_recharge_account_open_req: JSON.stringify(wire) };
}
