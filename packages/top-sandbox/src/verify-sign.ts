import { createHash, timingSafeEqual, type Hash } from 'node:crypto';

/*
 * The sandbox's own TOP signer (docs/TOP-PROTOCOL.md §2.1), written independently of top-client's
 * sign.ts so that a client↔sandbox test checks one implementation against another, not a signer
 * against itself: keys sorted by code point, i.e. by their UTF-8 bytes (not by UTF-16 code units),
 * and HMAC built from its RFC 2104 definition on the plain hash instead of createHmac. It is on the
 * gateway's hot path (bench/hot-path.ts), hence the cached key pads and a single hash update.
 */

/** The sign methods the gateway verifies (docs/TOP-PROTOCOL.md §2.1). */
export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export function isTopSignMethod(value: string): value is TopSignMethod {
  return value === 'md5' || value === 'hmac' || value === 'hmac-sha256';
}

const HMAC_BLOCK_BYTES = 64; // MD5 and SHA-256 both hash 64-byte blocks.
const MAX_CACHED_KEYS = 32;

/** A hash that has already absorbed one key pad; `copy()` it per request. */
interface KeyPads {
  inner: Hash;
  outer: Hash;
}
/** Per (method, secret): a sandbox serves a handful of apps, so this stays tiny (cleared if not). */
const padCache = new Map<string, KeyPads>();

function keyPads(algorithm: 'md5' | 'sha256', secret: string): KeyPads {
  const id = `${algorithm}\0${secret}`;
  let pads = padCache.get(id);
  if (pads === undefined) {
    const key = Buffer.from(secret, 'utf8');
    const k0 = Buffer.alloc(HMAC_BLOCK_BYTES);
    (key.length > HMAC_BLOCK_BYTES ? createHash(algorithm).update(key).digest() : key).copy(k0);
    const xor = (byte: number): Buffer => Buffer.from(k0.map((b) => b ^ byte));
    pads = { inner: createHash(algorithm).update(xor(0x36)), outer: createHash(algorithm).update(xor(0x5c)) };
    if (padCache.size >= MAX_CACHED_KEYS) padCache.clear();
    padCache.set(id, pads);
  }
  return pads;
}

/** UTF-8 byte order is code point order (unlike `<` on strings, which compares UTF-16 code units). */
function byCodePoint(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** Feeds `k1v1k2v2…` (UTF-8) to `hash`: every parameter but `sign`, empty values skipped (§2.1 step 1). */
function feedBase(hash: Hash, params: Readonly<Record<string, string>>): Hash {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort(byCodePoint);
  // One update of the joined base: each `update` call crosses into C++, which the hot path feels.
  let base = '';
  for (const k of keys) base += k + params[k];
  return hash.update(base, 'utf8');
}

/** The upper-case hex signature TOP expects for `params` (32 chars for md5/hmac, 64 for hmac-sha256). */
export function topSign(
  params: Readonly<Record<string, string>>,
  secret: string,
  method: TopSignMethod,
): string {
  if (method === 'md5') {
    const key = Buffer.from(secret, 'utf8');
    return feedBase(createHash('md5').update(key), params).update(key).digest('hex').toUpperCase();
  }
  const pads = keyPads(method === 'hmac' ? 'md5' : 'sha256', secret);
  const inner = feedBase(pads.inner.copy(), params).digest();
  return pads.outer.copy().update(inner).digest('hex').toUpperCase();
}

/** Whether `sign` is the signature of `params` (exact upper-case hex, compared in constant time). */
export function verifyTopSign(
  params: Readonly<Record<string, string>>,
  secret: string,
  method: TopSignMethod,
  sign: string,
): boolean {
  const expected = Buffer.from(topSign(params, secret, method), 'latin1');
  const given = Buffer.from(sign, 'latin1');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
