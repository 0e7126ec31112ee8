/**
 * The manager PIN (DESIGN.md "Settings": scrypt hash, lockout after repeated failures). It gates
 * leaving kiosk mode and the settings screen. State lives in `pin.json` (atomic writes), so
 * restarting the app neither resets the failure count nor lifts a lockout.
 */
import type { Notice } from '@balance-desk/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger, PinStore } from '../ports';
import { parseJsonSafely, readIfExists, writeFileAtomic } from './atomic-file';
import { DEFAULT_PIN_COST, type Kdf, type PinHash, type ScryptCost, checkPinStrength, hashPin, isPinHash, pinMatches, scryptKdf } from './pin-hash';
import { SerialQueue } from './serial-queue';

export const PIN_FILE_NAME = 'pin.json';
export const PIN_MAX_FAILURES = 5;
export const PIN_LOCKOUT_MS = 60_000;

export interface PinStoreOptions {
  dir: string;
  now?: () => Date;
  logger?: Logger;
  /** Cost of new hashes (tests use a cheap one; verification always uses the stored hash's own cost). */
  cost?: ScryptCost;
  /** The key derivation; tests wrap scrypt to count calls. */
  kdf?: Kdf;
}

/** The PinStore port plus what provisioning needs: install a hash computed ahead of time. */
export interface ManagerPinStore extends PinStore {
  /** Installs a ready hash (provisioning hashes first so that applying cannot fail on a weak PIN). Resets failures and lockout. */
  setHash(hash: PinHash): Promise<void>;
  /** Hashes with this store's cost, or reports the PIN weak/invalid. */
  hash(pin: string): Promise<{ ok: true; hash: PinHash } | { ok: false; reason: 'weak-pin' }>;
  /** `secret-unreadable-reprovision` when pin.json exists but cannot be read. */
  notices(): Notice[];
}

interface PinState {
  version: 1;
  hash?: PinHash;
  failures: number;
  /** Epoch ms. */
  lockedUntil?: number;
}

type Loaded = { kind: 'ok'; state: PinState } | { kind: 'unreadable' };

function parseState(text: string): Loaded {
  const json = parseJsonSafely(text);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return { kind: 'unreadable' };
  const v = json.value as Record<string, unknown>;
  const failures = v['failures'];
  const lockedUntil = v['lockedUntil'];
  if (v['version'] !== 1 || (v['hash'] !== undefined && !isPinHash(v['hash']))) return { kind: 'unreadable' };
  const state: PinState = {
    version: 1,
    failures: typeof failures === 'number' && Number.isInteger(failures) && failures >= 0 ? failures : 0,
  };
  if (v['hash'] !== undefined) state.hash = v['hash'] as PinHash;
  if (typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)) state.lockedUntil = lockedUntil;
  return { kind: 'ok', state };
}

export async function openPinStore(options: PinStoreOptions): Promise<ManagerPinStore> {
  const now = options.now ?? (() => new Date());
  const kdf = options.kdf ?? scryptKdf;
  const cost = options.cost ?? DEFAULT_PIN_COST;
  const file = path.join(options.dir, PIN_FILE_NAME);
  const queue = new SerialQueue();
  const openedAt = now().toISOString();
  const data = await readIfExists(file).catch(() => Buffer.from('unreadable'));
  const loaded: Loaded = data === undefined ? { kind: 'ok', state: { version: 1, failures: 0 } } : parseState(data.toString('utf8'));
  /*
   * Fail closed: a pin.json we cannot read still counts as "a PIN is set" and nothing matches it,
   * so damaging the file cannot open the settings screen. IT resets it with a provisioning file
   * (`managerPin`), which overwrites the file. The file itself is left in place for inspection.
   */
  const unreadable = loaded.kind === 'unreadable';
  if (unreadable) options.logger?.error('pin: pin.json is unreadable; manager PIN blocked until re-provisioned');
  let state: PinState = loaded.kind === 'ok' ? loaded.state : { version: 1, failures: 0 };
  let blocked = unreadable;
  const dummy = unreadable ? await hashPin('0', cost, kdf) : undefined;

  async function save(next: PinState): Promise<void> {
    await fs.mkdir(options.dir, { recursive: true });
    // In memory only while blocked: writing would replace the unreadable file with a "no PIN" one.
    if (!blocked) await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    state = next;
  }

  async function install(hash: PinHash): Promise<void> {
    blocked = false;
    await save({ version: 1, hash, failures: 0 });
  }

  async function hash(pin: string): Promise<{ ok: true; hash: PinHash } | { ok: false; reason: 'weak-pin' }> {
    // The IPC edge already rejects non-digits (contract `pin`); anything else here is as bad as weak.
    if (checkPinStrength(pin) !== 'ok') return { ok: false, reason: 'weak-pin' };
    return { ok: true, hash: await hashPin(pin, cost, kdf) };
  }

  return {
    isSet: () => blocked || state.hash !== undefined,

    // Serialized: parallel guesses must not all pass the lockout check before any failure is counted.
    verify: (pin) =>
      queue.run(async () => {
        const stored = blocked ? dummy : state.hash;
        if (!stored) return { ok: false as const, reason: 'not-set' as const };
        const t = now().getTime();
        const { lockedUntil } = state;
        if (lockedUntil !== undefined && t < lockedUntil) {
          if (lockedUntil - t > PIN_LOCKOUT_MS) {
            // The clock was set backwards: the lockout must not stretch beyond its length.
            await save({ ...state, lockedUntil: t + PIN_LOCKOUT_MS });
            return { ok: false as const, reason: 'locked' as const, retryAfterMs: PIN_LOCKOUT_MS };
          }
          return { ok: false as const, reason: 'locked' as const, retryAfterMs: lockedUntil - t };
        }
        // A lockout that has run out starts a fresh count.
        let failures = lockedUntil === undefined ? state.failures : 0;
        // The KDF runs for every unlocked attempt, even while blocked, so timing says nothing.
        const matched = (await pinMatches(pin, stored, kdf)) && !blocked;
        const base = { version: 1 as const, ...(state.hash ? { hash: state.hash } : {}) };
        if (matched) {
          if (state.failures !== 0 || state.lockedUntil !== undefined) await save({ ...base, failures: 0 });
          return { ok: true as const };
        }
        failures += 1;
        if (failures >= PIN_MAX_FAILURES) {
          await save({ ...base, failures: 0, lockedUntil: t + PIN_LOCKOUT_MS });
          return { ok: false as const, reason: 'locked' as const, attemptsLeft: 0, retryAfterMs: PIN_LOCKOUT_MS };
        }
        await save({ ...base, failures });
        return { ok: false as const, reason: 'wrong-pin' as const, attemptsLeft: PIN_MAX_FAILURES - failures };
      }),

    set: (newPin) =>
      queue.run(async () => {
        const result = await hash(newPin);
        if (!result.ok) return result;
        await install(result.hash);
        return { ok: true as const };
      }),

    setHash: (ready) =>
      queue.run(async () => {
        if (!isPinHash(ready)) throw new Error('not a valid PIN hash');
        await install(ready);
      }),

    hash: (pin) => hash(pin),

    notices: () =>
      blocked ? [{ code: 'secret-unreadable-reprovision', detail: `${PIN_FILE_NAME} is unreadable; provision a managerPin to reset it`, at: openedAt }] : [],
  };
}
