import { createHmac, hash } from 'node:crypto';

/** The three sign methods TOP accepts (docs/TOP-PROTOCOL.md §2.1). */
export const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;

export type SignMethod = (typeof SIGN_METHODS)[number];

/**
 * The string TOP signs: every parameter except `sign`, keys in ascending ASCII (code unit) order,
 * `key1value1key2value2…` with no separators. Values are signed raw, before URL encoding.
 * Empty values are skipped because they are never sent either (docs/TOP-PROTOCOL.md §2.1 step 1).
 */
export function topSignBase(params: Readonly<Record<string, string>>): string {
  // Array#sort without a comparator orders strings by UTF-16 code units: ASCII order for TOP's keys.
  const keys = Object.keys(params).sort();
  let base = '';
  for (const key of keys) {
    const value = params[key];
    if (key !== 'sign' && value !== '' && value !== undefined) base += key + value;
  }
  return base;
}

/** Signs TOP request parameters; returns upper-case hex (32 chars for md5/hmac, 64 for hmac-sha256). */
export function signTopParams(
  params: Record<string, string>,
  secret: string,
  signMethod: SignMethod,
): string {
  const base = topSignBase(params);
  switch (signMethod) {
    case 'md5':
      // One-shot hash (strings are hashed as UTF-8): no Hash object per call.
      return hash('md5', secret + base + secret, 'hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(base, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(base, 'utf8').digest('hex').toUpperCase();
    default: {
      const never: never = signMethod;
      throw new TypeError(`unsupported sign method: ${String(never)}`);
    }
  }
}
