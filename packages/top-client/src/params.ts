import type { SignMethod } from './sign';
import { formatTopTimestamp } from './timestamp';
import type { TopFormat, TopParamValue } from './types';

/** System parameter names (docs/TOP-PROTOCOL.md §2): a business parameter may not shadow them. */
const RESERVED = new Set([
  'method',
  'app_key',
  'timestamp',
  'v',
  'sign',
  'sign_method',
  'format',
  'simplify',
  'session',
  'partner_id',
]);

/** The per-client part of the system parameters, fixed at construction. */
export interface SystemParams {
  appKey: string;
  signMethod: SignMethod;
  format: TopFormat;
  simplify: boolean;
  session: string | undefined;
  partnerId: string;
}

/**
 * One value as it is sent AND signed, or `undefined` when it must be left out.
 * Objects become compact JSON exactly once, so the signed string is byte-for-byte the sent one
 * (docs/TOP-PROTOCOL.md §2.2); empty values are neither sent nor signed (§2.1 step 1).
 */
export function wireValue(value: TopParamValue): string | undefined {
  switch (typeof value) {
    case 'string':
      return value === '' ? undefined : value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`TOP parameter value must be finite, got ${value}`);
      return String(value);
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return undefined;
      // TOP dates are GMT+8 `yyyy-MM-dd HH:mm:ss`, like `timestamp`.
      if (value instanceof Date) return formatTopTimestamp(value);
      const json = JSON.stringify(value);
      return json === '' ? undefined : json;
    }
    case 'undefined':
      return undefined;
    default:
      throw new TypeError(`unsupported TOP parameter type: ${typeof value}`);
  }
}

/** Every parameter of one call except `sign`, as strings. */
export function buildTopParams(
  method: string,
  business: Readonly<Record<string, TopParamValue>>,
  system: SystemParams,
  timestamp: string,
): Record<string, string> {
  const params: Record<string, string> = {
    method,
    app_key: system.appKey,
    timestamp,
    v: '2.0',
    sign_method: system.signMethod,
    format: system.format,
    partner_id: system.partnerId,
  };
  // `simplify` only means something for JSON (§2); sent only when on, since false is the default.
  if (system.simplify && system.format === 'json') params.simplify = 'true';
  if (system.session) params.session = system.session;
  for (const key of Object.keys(business)) {
    if (RESERVED.has(key))
      throw new TypeError(`"${key}" is a TOP system parameter, not a business parameter`);
    const value = wireValue(business[key]);
    if (value !== undefined) params[key] = value;
  }
  return params;
}

/** `application/x-www-form-urlencoded` body, UTF-8 percent-encoding (docs/TOP-PROTOCOL.md §1). */
export function encodeForm(params: Readonly<Record<string, string>>): string {
  let out = '';
  for (const key in params) {
    if (out !== '') out += '&';
    out += `${encodeURIComponent(key)}=${encodeURIComponent(params[key] as string)}`;
  }
  return out;
}

const RESPONSE_KEYS = new Map<string, string>();

/**
 * The standard-JSON wrapper key and XML root name: dots → underscores plus `_response`, with a
 * leading `taobao.` dropped (docs/TOP-PROTOCOL.md §3).
 */
export function responseKey(method: string): string {
  let key = RESPONSE_KEYS.get(method);
  if (key === undefined) {
    const name = method.startsWith('taobao.') ? method.slice(7) : method;
    key = `${name.replace(/\./g, '_')}_response`;
    // An app calls a handful of methods; the bound only guards against a caller inventing names.
    if (RESPONSE_KEYS.size >= 256) RESPONSE_KEYS.clear();
    RESPONSE_KEYS.set(method, key);
  }
  return key;
}
