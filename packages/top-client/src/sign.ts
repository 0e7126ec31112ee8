import { createHash, createHmac } from 'node:crypto';

/** The three sign methods TOP accepts (TOP-PROTOCOL.md §2.1). */
export type SignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export const SIGN_METHODS: readonly SignMethod[] = ['md5', 'hmac', 'hmac-sha256'];

/**
 * The string TOP signs: every parameter except `sign`, keys in ascending ASCII (code unit) order,
 * `key1value1key2value2…` with no separators. Values are signed raw, before URL encoding.
 * Empty values are skipped because they are never sent either (TOP-PROTOCOL.md §2.1 step 1).
 */
export function topSignBase(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '' && params[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let base = '';
  for (const key of keys) base += key + params[key];
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
      return createHash('md5')
        .update(secret + base + secret, 'utf8')
        .digest('hex')
        .toUpperCase();
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
