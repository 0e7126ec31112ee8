/**
 * Manager PIN hashing: scrypt from node:crypto (no home-made crypto), a random salt
 * per PIN, constant-time comparison. The cost is stored with each hash, so raising it later
 * keeps old hashes verifiable.
 */
import { isPinFormat } from '@balance-desk/contract';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^15, r=8, p=1: 32 MiB and ≈85 ms per hash on this project's 2-core build machine (measured
 * 2^14 ≈ 42 ms, 2^15 ≈ 85 ms, 2^16 ≈ 170+ ms) — the most we can spend and still answer a PIN pad
 * in ≈0.1 s. A PIN's small key space is guarded mostly by the lockout, not by this cost.
 */
export const DEFAULT_PIN_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

export interface PinHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

export type Kdf = (pin: string, salt: Buffer, keyLength: number, cost: ScryptCost) => Promise<Buffer>;

export const scryptKdf: Kdf = (pin, salt, keyLength, cost) =>
  new Promise((resolve, reject) => {
    // scrypt needs ≈128·N·r bytes; Node's default 32 MiB cap leaves no headroom at our default cost.
    const maxmem = 256 * cost.N * cost.r;
    scrypt(pin, salt, keyLength, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Accepts a stored or imported hash only if it is well-formed and its cost is sane (a huge N would hang the PIN pad). */
export function isPinHash(value: unknown): value is PinHash {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const int = (v: unknown, min: number, max: number): boolean =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  return (
    h['algorithm'] === 'scrypt' &&
    int(h['N'], 2 ** 10, 2 ** 20) &&
    ((h['N'] as number) & ((h['N'] as number) - 1)) === 0 &&
    int(h['r'], 1, 32) &&
    int(h['p'], 1, 16) &&
    typeof h['salt'] === 'string' &&
    Buffer.from(h['salt'], 'base64').length >= SALT_BYTES &&
    typeof h['hash'] === 'string' &&
    Buffer.from(h['hash'], 'base64').length >= 16
  );
}

/** Full-width digits (a PIN typed with a Chinese IME in full-width mode) count as the same digits. */
function normalizePin(pin: string): string {
  return pin.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export type PinStrength = 'ok' | 'invalid' | 'weak';

/** Keypad columns: as guessable as 1234 on a PIN pad. */
const COMMON = new Set(['2580', '0852', '147258369', '963852741']);

/**
 * 4–12 digits, and not one of the first PINs anyone tries: a repeated block (1111, 1212, 123123),
 * a run up or down by one, wrapping 9→0 (1234, 7890, 4321, 0987), or a keypad column.
 */
export function checkPinStrength(rawPin: string): PinStrength {
  const pin = normalizePin(rawPin);
  if (!isPinFormat(pin)) return 'invalid';
  if (/^([0-9]+)\1+$/.test(pin)) return 'weak';
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10);
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'weak';
  return COMMON.has(pin) ? 'weak' : 'ok';
}

export async function hashPin(
  pin: string,
  cost: ScryptCost = DEFAULT_PIN_COST,
  kdf: Kdf = scryptKdf,
): Promise<PinHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await kdf(normalizePin(pin), salt, KEY_BYTES, cost);
  return {
    algorithm: 'scrypt',
    N: cost.N,
    r: cost.r,
    p: cost.p,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

/** Always runs the KDF, whatever `pin` is (garbage input costs the same time as a near miss). */
export async function pinMatches(pin: string, stored: PinHash, kdf: Kdf = scryptKdf): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const derived = await kdf(normalizePin(pin), Buffer.from(stored.salt, 'base64'), expected.length, stored);
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}
