/**
 * The manager PIN (a scrypt hash, lockout after repeated failures). It gates
 * leaving kiosk mode and the settings screen. State lives in `pin.json` (atomic writes), so
 * restarting the app neither resets the failure count nor lifts a lockout.
 */
import type { Notice } from '@balance-desk/contract';
import path from 'node:path';
import type { Logger, PinStore, Restorable } from '../../ports';
import { captureFiles, parseJsonSafely, readIfExists, writeFileAtomic } from '../files/atomic-file';
import { type FsPort, nodeFs } from '../files/fs-port';
import {
  DEFAULT_PIN_COST,
  type Kdf,
  type PinHash,
  type ScryptCost,
  checkPinStrength,
  hashPin,
  isPinHash,
  pinMatches,
  scryptKdf,
} from './pin-hash';
import { SerialQueue } from '../files/serial-queue';

const PIN_FILE_NAME = 'pin.json';
export const PIN_MAX_FAILURES = 5;
/** The first lockout. Each further one without a correct PIN in between doubles, up to PIN_MAX_LOCKOUT_MS. */
export const PIN_LOCKOUT_MS = 60_000;
export const PIN_MAX_LOCKOUT_MS = 60 * 60_000;

/** How long the n-th lockout in a row (1-based) lasts: 1, 2, 4 … minutes, at most an hour. */
export function pinLockoutMs(lockouts: number): number {
  const doublings = Math.min(Math.max(lockouts - 1, 0), 16);
  return Math.min(PIN_MAX_LOCKOUT_MS, PIN_LOCKOUT_MS * 2 ** doublings);
}

export interface PinStoreOptions {
  dir: string;
  now?: () => Date;
  logger?: Logger;
  /** Cost of new hashes (tests use a cheap one; verification always uses the stored hash's own cost). */
  cost?: ScryptCost;
  /** The key derivation; tests wrap scrypt to count calls. */
  kdf?: Kdf;
  /** Tests and `pnpm drill`: a file-system port that fails chosen writes. */
  fs?: FsPort;
}

/** The PinStore port plus what provisioning needs: install a hash computed ahead of time. */
export interface ManagerPinStore extends PinStore, Restorable {
  /**
   * Installs a ready hash (provisioning hashes first so that applying cannot fail on a weak PIN).
   * Resets failures and lockouts. `fromProvisioning` also remembers it as the provisioned PIN.
   */
  setHash(hash: PinHash, options?: { fromProvisioning?: boolean }): Promise<void>;
  /**
   * Is `pin` the managerPin the last provisioning file installed? Compared with a scrypt hash kept
   * in pin.json (never the PIN, never a fast digest of it), so a file that could not be rewritten
   * does not undo a manager's PIN change at every start. False while pin.json is unreadable.
   */
  isProvisionedPin(pin: string): Promise<boolean>;
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
  /** Lockouts since the last correct PIN; the next one lasts pinLockoutMs(lockouts + 1). */
  lockouts: number;
  /** The hash of the last managerPin applied from a provisioning file. */
  provisioned?: PinHash;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

type Loaded = { kind: 'ok'; state: PinState } | { kind: 'unreadable' };

function parseState(text: string): Loaded {
  const json = parseJsonSafely(text);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return { kind: 'unreadable' };
  const v = json.value as Record<string, unknown>;
  const lockedUntil = v['lockedUntil'];
  if (v['version'] !== 1 || (v['hash'] !== undefined && !isPinHash(v['hash']))) return { kind: 'unreadable' };
  const state: PinState = { version: 1, failures: count(v['failures']), lockouts: count(v['lockouts']) };
  if (v['hash'] !== undefined) state.hash = v['hash'];
  if (typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)) state.lockedUntil = lockedUntil;
  if (isPinHash(v['provisioned'])) state.provisioned = v['provisioned'];
  return { kind: 'ok', state };
}

export async function openPinStore(options: PinStoreOptions): Promise<ManagerPinStore> {
  const now = options.now ?? (() => new Date());
  const kdf = options.kdf ?? scryptKdf;
  const cost = options.cost ?? DEFAULT_PIN_COST;
  const port = options.fs ?? nodeFs;
  const file = path.join(options.dir, PIN_FILE_NAME);
  const queue = new SerialQueue();
  const openedAt = now().toISOString();
  const data = await readIfExists(file, port).catch(() => Buffer.from('unreadable'));
  const loaded: Loaded =
    data === undefined
      ? { kind: 'ok', state: { version: 1, failures: 0, lockouts: 0 } }
      : parseState(data.toString('utf8'));
  /*
   * Fail closed: a pin.json we cannot read still counts as "a PIN is set" and nothing matches it,
   * so damaging the file cannot open the settings screen. IT resets it with a provisioning file
   * (`managerPin`), which overwrites the file. The file itself is left in place for inspection.
   */
  const unreadable = loaded.kind === 'unreadable';
  if (unreadable)
    options.logger?.error('pin: pin.json is unreadable; manager PIN blocked until re-provisioned');
  let state: PinState = loaded.kind === 'ok' ? loaded.state : { version: 1, failures: 0, lockouts: 0 };
  let blocked = unreadable;
  const dummy = unreadable ? await hashPin('0', cost, kdf) : undefined;

  async function write(next: PinState): Promise<void> {
    await port.mkdir(options.dir);
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, fs: port });
  }

  /**
   * An attempt's result: in memory first, then on disk. A pin.json that cannot be written (read-only
   * folder, disk full) must not make failures free — they still count and lock until a restart.
   */
  async function record(next: PinState): Promise<void> {
    state = next;
    // In memory only while blocked: writing would replace the unreadable file with a "no PIN" one.
    if (blocked) return;
    try {
      await write(next);
    } catch (error) {
      options.logger?.error(
        'pin: pin.json cannot be written; failures and lockouts are kept in memory only',
        {
          code: (error as NodeJS.ErrnoException).code,
        },
      );
    }
  }

  /** A new PIN: on disk first (the caller — a manager, provisioning — must learn that it did not take). */
  async function install(hash: PinHash, fromProvisioning: boolean): Promise<void> {
    // A manager's own PIN keeps the provisioned one on record, so the file's PIN is not re-applied over it.
    const provisioned = fromProvisioning ? hash : blocked ? undefined : state.provisioned;
    const next: PinState = {
      version: 1,
      hash,
      failures: 0,
      lockouts: 0,
      ...(provisioned ? { provisioned } : {}),
    };
    await write(next);
    blocked = false;
    state = next;
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
        const { lockedUntil, lockouts } = state;
        if (lockedUntil !== undefined && t < lockedUntil) {
          const length = pinLockoutMs(lockouts);
          if (lockedUntil - t > length) {
            // The clock was set backwards: the lockout must not stretch beyond its length.
            await record({ ...state, lockedUntil: t + length });
            return { ok: false as const, reason: 'locked' as const, retryAfterMs: length };
          }
          return { ok: false as const, reason: 'locked' as const, retryAfterMs: lockedUntil - t };
        }
        // A lockout that has run out starts a fresh count.
        let failures = lockedUntil === undefined ? state.failures : 0;
        // The KDF runs for every unlocked attempt, even while blocked, so timing says nothing.
        const matched = (await pinMatches(pin, stored, kdf)) && !blocked;
        const { failures: _failures, lockedUntil: _lockedUntil, ...base } = state;
        if (matched) {
          if (state.failures !== 0 || lockedUntil !== undefined || lockouts !== 0)
            await record({ ...base, failures: 0, lockouts: 0 });
          return { ok: true as const };
        }
        failures += 1;
        if (failures >= PIN_MAX_FAILURES) {
          // Each lockout in a row doubles: 5 guesses a minute would otherwise try every 4-digit PIN in 1.4 days.
          const length = pinLockoutMs(lockouts + 1);
          await record({ ...base, failures: 0, lockouts: lockouts + 1, lockedUntil: t + length });
          return { ok: false as const, reason: 'locked' as const, attemptsLeft: 0, retryAfterMs: length };
        }
        await record({ ...base, failures });
        return {
          ok: false as const,
          reason: 'wrong-pin' as const,
          attemptsLeft: PIN_MAX_FAILURES - failures,
        };
      }),

    set: (newPin, setOptions) =>
      queue.run(async () => {
        // Checked inside the queue, with the write: of two first-run calls exactly one installs its PIN.
        if (setOptions?.ifUnset && (blocked || state.hash !== undefined))
          return { ok: false as const, reason: 'already-set' as const };
        const result = await hash(newPin);
        if (!result.ok) return result;
        if (setOptions?.ifUnset && (blocked || state.hash !== undefined))
          return { ok: false as const, reason: 'already-set' as const };
        await install(result.hash, false);
        return { ok: true as const };
      }),

    capture: () =>
      queue.run(async () => {
        const restoreFile = await captureFiles([file], port, 0o600);
        const saved = { state, blocked };
        return {
          name: PIN_FILE_NAME,
          restore: () =>
            queue.run(async () => {
              await restoreFile();
              state = saved.state;
              blocked = saved.blocked;
            }),
        };
      }),

    setHash: (ready, setOptions) =>
      queue.run(async () => {
        if (!isPinHash(ready)) throw new Error('not a valid PIN hash');
        await install(ready, setOptions?.fromProvisioning === true);
      }),

    isProvisionedPin: (pin) =>
      queue.run(async () => {
        const provisioned = blocked ? undefined : state.provisioned;
        return provisioned !== undefined && (await pinMatches(pin, provisioned, kdf));
      }),

    hash: (pin) => hash(pin),

    notices: () =>
      blocked
        ? [
            {
              code: 'secret-unreadable-reprovision',
              detail: `${PIN_FILE_NAME} is unreadable; provision a managerPin to reset it`,
              at: openedAt,
            },
          ]
        : [],
  };
}
