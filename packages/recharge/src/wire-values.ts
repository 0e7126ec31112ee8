import { RechargeResponseError } from './errors';
import { trimEdges } from './normalize';

/** Where a value sits, for error messages: `account 2 of 3`, cashier name `usable`, wire name `usable_value`. */
export interface FieldRef {
  where: string;
  field: string;
  wire: string;
  requestId: string | undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON `null`, a missing key and an empty XML element (`<gift_value/>` → '') all mean "not sent". */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && trimEdges(value) === '');
}

function fail(ref: FieldRef, problem: string): never {
  throw new RechargeResponseError(`${ref.where}: ${ref.field} (${ref.wire}) ${problem}`, {
    requestId: ref.requestId,
    field: ref.field,
  });
}

/** A short, escaped rendering of a bad value for the log (amounts and flags only, never ids). */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const INTEGER_TEXT = /^-?\d+$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An amount in integer minor units (fen; docs/TOP-PROTOCOL.md §5 "Money unit"). JSON numbers must be
 * safe integers; XML (and some JSON) sends numeric strings, which must be plain decimal integers
 * (`"4000"`, `"-150"`; no `"40.5"`, `"1e3"`, `"+5"`, `"0x10"`) and are parsed through BigInt so a
 * value beyond 2^53−1 is detected instead of rounded. A float never becomes a balance.
 * Negative values are accepted: a stored-value account can be driven below zero by a refund or a
 * reversal, and the cashier must see that debt rather than no account at all.
 */
export function readAmount(value: unknown, ref: FieldRef, required: boolean): number {
  if (isAbsent(value)) {
    if (required) fail(ref, 'is missing');
    return 0;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) fail(ref, `is not a safe integer: ${show(value)}`);
    return value + 0; // -0 → 0
  }
  if (typeof value === 'string') {
    const text = trimEdges(value);
    if (!INTEGER_TEXT.test(text)) fail(ref, `is not an integer: ${show(value)}`);
    const big = BigInt(text);
    if (big > MAX || big < -MAX) fail(ref, `is beyond the safe integer range: ${show(value)}`);
    return Number(big) + 0;
  }
  if (typeof value === 'bigint') {
    if (value > MAX || value < -MAX) fail(ref, `is beyond the safe integer range: ${show(value)}`);
    return Number(value) + 0;
  }
  return fail(ref, `has the wrong type (${Array.isArray(value) ? 'array' : typeof value})`);
}

/** `deleted`: a JSON boolean or XML's `'true'`/`'false'`; a missing flag means not deleted (TOP omits null fields). */
export function readFlag(value: unknown, ref: FieldRef): boolean {
  if (isAbsent(value)) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = trimEdges(value).toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return fail(ref, `is not a boolean: ${show(value)}`);
}

/**
 * An id: a non-empty string, or a JSON number that is a safe non-negative integer (a larger one
 * already lost digits in JSON.parse, so it is refused). Never echoed in messages.
 */
export function readId(value: unknown, ref: FieldRef, required: true): string;
export function readId(value: unknown, ref: FieldRef, required: false): string | undefined;
export function readId(value: unknown, ref: FieldRef, required: boolean): string | undefined {
  if (isAbsent(value)) {
    if (required) fail(ref, 'is missing');
    return undefined;
  }
  if (typeof value === 'string') return trimEdges(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return fail(
    ref,
    typeof value === 'number'
      ? 'is a number that cannot be an exact id'
      : `has the wrong type (${typeof value})`,
  );
}

/** Free text such as result_code / result_view: strings as sent, numbers stringified; blank or anything else → undefined. */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return trimEdges(value) === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
