import { foldFullWidth, normalizeCardText, trimEdges } from '@balance-desk/contract/model';
import type { QueryIssueCode } from './query-types';

export type Normalized = { ok: true; value: string } | { ok: false; code: QueryIssueCode; message: string };

/** Longest card id we accept. ALSC card ids are 18 digits in practice; 64 leaves room for other issuers. */
const MAX_CARD_ID_LENGTH = 64;
/** Platform ids (brand, shop, account, customer) are short ASCII tokens; merchant `out_*` ids get more room. */
const MAX_PLATFORM_ID_LENGTH = 64;
export const MAX_OUT_ID_LENGTH = 128;

// One copy of the text rules, shared with the renderer: the contract's model.
export { foldFullWidth, trimEdges };

const CARD_ID = /^[A-Za-z0-9_-]+$/;
const PLATFORM_ID = /^[\x21-\x7E]+$/; // printable ASCII, no space
const HAS_WHITESPACE = /\s/;
// Control (Cc), format/invisible (Cf), private-use (Co), lone surrogates (Cs), unassigned (Cn).
const HAS_NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;

/** Why a token with a character outside its alphabet is wrong, said for a log reader. */
function badCharsMessage(what: string, value: string, alphabet: string): string {
  if (HAS_NON_PRINTABLE.test(value)) return `${what} contains control or invisible characters`;
  if (HAS_WHITESPACE.test(value)) return `${what} contains whitespace`;
  return `${what} contains characters other than ${alphabet}`;
}

/**
 * Card id rule: after trimming and full-width folding, 1–64 characters from `[A-Za-z0-9_-]`.
 * ALSC card ids are all digits in practice; letters, `-` and `_` are kept for other card ranges.
 * Digit groups as printed on a card (`1119 5000 0052 4001 25`, `1119-5000-…`) are joined, the
 * same rule the renderer applies (contract's joinCardDigitGroups); nothing else (inner spaces
 * among letters, punctuation, emoji or control characters) is guessed away.
 */
export function normalizeCard(raw: unknown): Normalized {
  if (typeof raw !== 'string')
    return { ok: false, code: 'card-invalid-chars', message: 'card id is not a string' };
  const value = normalizeCardText(raw);
  if (value === '') return { ok: false, code: 'card-empty', message: 'card id is empty' };
  if (!CARD_ID.test(value)) {
    return {
      ok: false,
      code: 'card-invalid-chars',
      message: badCharsMessage('card id', value, 'A-Z a-z 0-9 - _'),
    };
  }
  if (value.length > MAX_CARD_ID_LENGTH) {
    return {
      ok: false,
      code: 'card-too-long',
      message: `card id is longer than ${MAX_CARD_ID_LENGTH} characters`,
    };
  }
  return { ok: true, value };
}

/**
 * Platform-issued ids (brand, shop, account, customer): trimmed, full-width folded, then 1–64
 * printable ASCII characters without spaces. `undefined` means blank (treated as absent).
 */
export function normalizePlatformId(raw: unknown, what: string): Normalized | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return { ok: false, code: 'id-invalid', message: `${what} is not a string` };
  const value = trimEdges(foldFullWidth(raw));
  if (value === '') return undefined;
  if (!PLATFORM_ID.test(value)) {
    return { ok: false, code: 'id-invalid', message: badCharsMessage(what, value, 'printable ASCII') };
  }
  if (value.length > MAX_PLATFORM_ID_LENGTH) {
    return {
      ok: false,
      code: 'id-invalid',
      message: `${what} is longer than ${MAX_PLATFORM_ID_LENGTH} characters`,
    };
  }
  return { ok: true, value };
}

/**
 * Merchant-defined `out_brand_id` / `out_shop_id`: the merchant chose them, so they are only
 * trimmed (not folded) and may be any printable Unicode without whitespace, up to 128 code points.
 */
export function normalizeOutId(raw: unknown, what: string): Normalized | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return { ok: false, code: 'id-invalid', message: `${what} is not a string` };
  const value = trimEdges(raw);
  if (value === '') return undefined;
  if (HAS_WHITESPACE.test(value) || HAS_NON_PRINTABLE.test(value)) {
    return { ok: false, code: 'id-invalid', message: badCharsMessage(what, value, 'printable characters') };
  }
  if ([...value].length > MAX_OUT_ID_LENGTH) {
    return {
      ok: false,
      code: 'id-invalid',
      message: `${what} is longer than ${MAX_OUT_ID_LENGTH} characters`,
    };
  }
  return { ok: true, value };
}
