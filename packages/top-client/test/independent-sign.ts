import { createHash } from 'node:crypto';
import type { SignMethod } from '../src/sign';

/**
 * A TOP signer written independently of src/sign.ts: keys sorted by their UTF-8 bytes, the base
 * assembled as Buffers, and HMAC built by hand from its RFC 2104 definition on top of the plain
 * hash instead of createHmac.
 */
export function independentSign(params: Readonly<Record<string, string>>, secret: string, method: SignMethod): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const base = Buffer.concat(keys.flatMap((k) => [Buffer.from(k, 'utf8'), Buffer.from(params[k] ?? '', 'utf8')]));
  const key = Buffer.from(secret, 'utf8');
  if (method === 'md5') return createHash('md5').update(Buffer.concat([key, base, key])).digest('hex').toUpperCase();
  const algo = method === 'hmac' ? 'md5' : 'sha256';
  const block = 64;
  const k0 = Buffer.alloc(block);
  (key.length > block ? createHash(algo).update(key).digest() : key).copy(k0);
  const pad = (byte: number): Buffer => Buffer.from(k0.map((b) => b ^ byte));
  const inner = createHash(algo).update(Buffer.concat([pad(0x36), base])).digest();
  return createHash(algo).update(Buffer.concat([pad(0x5c), inner])).digest('hex').toUpperCase();
}
