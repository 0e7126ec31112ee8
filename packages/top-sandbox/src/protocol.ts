import type { RechargeQuery } from './catalog';
import { RECHARGE_ACCOUNT_GET } from './demo-data';
import { parseGmt8 } from './gmt8';
import type { Shape, TopErrorSpec } from './render';
import { isTopSignMethod, verifyTopSign } from './verify-sign';

/*
 * The gateway's request checks, in the order this sandbox applies them (docs/TOP-PROTOCOL.md §2, §4):
 * verb 9 → method 21/22 → format 23 → app_key 28/29 → timestamp 30/31 → v 32/34 → sign 24/25
 * → session 26/27 → business parameter 40/41. The real gateway's order is not documented; the
 * timestamp comes before the signature so that a terminal with a wrong clock is told so (31)
 * rather than "invalid signature".
 */

export interface SandboxApp {
  appKey: string;
  appSecret: string;
  /** When set, the app needs `session` equal to this value (26 when missing, 27 when different). */
  requireSession?: string | undefined;
}

/** Messages as in TOP's error-code table (docs/TOP-PROTOCOL.md §4). Never echo a secret, session or sign. */
export const ERRORS = {
  httpAction: { code: 9, msg: 'Http Action Not Allowed', subMsg: 'use POST or GET (upper case)' },
  missingMethod: { code: 21, msg: 'Missing Method' },
  invalidMethod: { code: 22, msg: 'Invalid Method' },
  invalidFormat: { code: 23, msg: 'Invalid Format', subMsg: 'format must be json or xml' },
  missingSignature: { code: 24, msg: 'Missing Signature' },
  invalidSignature: { code: 25, msg: 'Invalid Signature' },
  missingSession: { code: 26, msg: 'Missing Session' },
  invalidSession: {
    code: 27,
    msg: 'Invalid Session',
    subCode: 'invalid-sessionkey',
    subMsg: 'SessionKey非法',
  },
  missingAppKey: { code: 28, msg: 'Missing App Key' },
  invalidAppKey: { code: 29, msg: 'Invalid App Key' },
  missingTimestamp: { code: 30, msg: 'Missing Timestamp' },
  invalidTimestamp: {
    code: 31,
    msg: 'Invalid Timestamp',
    subMsg: 'timestamp must be "yyyy-MM-dd HH:mm:ss" in GMT+8 and within the allowed clock skew',
  },
  missingVersion: { code: 32, msg: 'Missing Version' },
  unsupportedVersion: { code: 34, msg: 'Unsupported Version', subMsg: 'v must be 2.0' },
} as const satisfies Record<string, TopErrorSpec>;

const missingArgument = (subMsg: string): TopErrorSpec => ({
  code: 40,
  msg: 'Missing Required Arguments',
  subCode: 'isv.missing-parameter',
  subMsg,
});

const invalidArgument = (subMsg: string): TopErrorSpec => ({
  code: 41,
  msg: 'Invalid Arguments',
  subCode: 'isv.invalid-parameter',
  subMsg,
});

export const BIZ_PARAM = 'param_query_recharge_account_open_req';

/** The envelope shape a request asked for; `undefined` for a bad `format` (answered 23 in XML, the default). */
export function shapeOf(params: Readonly<Record<string, string>>): Shape | undefined {
  const format = params.format;
  if (format === undefined || format === '' || format === 'xml') return 'xml';
  if (format !== 'json') return undefined;
  return params.simplify === 'true' ? 'json-simple' : 'json';
}

export interface CheckContext {
  apps: ReadonlyMap<string, SandboxApp>;
  nowMs: number;
  skewMs: number;
}

const QUERY_FIELDS = [
  ['brand_id', 'brandId'],
  ['out_brand_id', 'outBrandId'],
  ['shop_id', 'shopId'],
  ['out_shop_id', 'outShopId'],
  ['account_id', 'accountId'],
  ['card_id', 'cardId'],
  ['customer_id', 'customerId'],
] as const;

/** `param_query_recharge_account_open_req`: a JSON object of string fields (docs/TOP-PROTOCOL.md §2.2, §5). */
function parseQuery(raw: string | undefined): RechargeQuery | TopErrorSpec {
  if (raw === undefined || raw === '') return missingArgument(`${BIZ_PARAM} is required`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return invalidArgument(`${BIZ_PARAM} is not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return invalidArgument(`${BIZ_PARAM} must be a JSON object`);
  }
  const input = json as Record<string, unknown>;
  const query: RechargeQuery = {};
  for (const [wire, field] of QUERY_FIELDS) {
    const value = input[wire];
    if (value === undefined || value === null || value === '') continue;
    // A number would lose digits of an 18-digit card id on the way: the API types these as String.
    if (typeof value !== 'string') return invalidArgument(`${wire} must be a string`);
    query[field] = value;
  }
  if (query.brandId === undefined && query.outBrandId === undefined)
    return missingArgument('brand_id or out_brand_id is required');
  if (query.shopId === undefined && query.outShopId === undefined)
    return missingArgument('shop_id or out_shop_id is required');
  if (query.accountId === undefined && query.cardId === undefined && query.customerId === undefined) {
    return invalidArgument('one of account_id, card_id, customer_id is required');
  }
  return query;
}

/**
 * Runs every check on a request's merged parameters (query string + form body). Returns the
 * business query of a valid request, or the error to answer with.
 */
export function checkRequest(
  verb: string | undefined,
  params: Readonly<Record<string, string>>,
  ctx: CheckContext,
): { query: RechargeQuery; app: SandboxApp } | { error: TopErrorSpec } {
  if (verb !== 'POST' && verb !== 'GET') return { error: ERRORS.httpAction };
  const method = params.method;
  if (!method) return { error: ERRORS.missingMethod };
  if (method !== RECHARGE_ACCOUNT_GET) return { error: ERRORS.invalidMethod };
  if (shapeOf(params) === undefined) return { error: ERRORS.invalidFormat };

  const appKey = params.app_key;
  if (!appKey) return { error: ERRORS.missingAppKey };
  const app = ctx.apps.get(appKey);
  if (!app) return { error: ERRORS.invalidAppKey };

  const timestamp = params.timestamp;
  if (!timestamp) return { error: ERRORS.missingTimestamp };
  const at = parseGmt8(timestamp);
  if (at === undefined || Math.abs(at - ctx.nowMs) > ctx.skewMs) return { error: ERRORS.invalidTimestamp };

  const v = params.v;
  if (!v) return { error: ERRORS.missingVersion };
  if (v !== '2.0') return { error: ERRORS.unsupportedVersion };

  const sign = params.sign;
  if (!sign) return { error: ERRORS.missingSignature };
  // Older gateways default to md5 when sign_method is absent; an unknown method cannot verify (25).
  const signMethod = params.sign_method || 'md5';
  if (!isTopSignMethod(signMethod)) return { error: ERRORS.invalidSignature };
  // Verified with the sandbox's own signer (verify-sign.ts), never the client's: see that file.
  if (!verifyTopSign(params, app.appSecret, signMethod, sign)) return { error: ERRORS.invalidSignature };

  if (app.requireSession !== undefined) {
    if (!params.session) return { error: ERRORS.missingSession };
    if (params.session !== app.requireSession) return { error: ERRORS.invalidSession };
  }

  const query = parseQuery(params[BIZ_PARAM]);
  return 'code' in query ? { error: query } : { query, app };
}
