import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_COST, type Kdf, checkPinStrength, scryptKdf } from './pin-hash';
import {
  PIN_LOCKOUT_MS,
  PIN_MAX_FAILURES,
  PIN_MAX_LOCKOUT_MS,
  openPinStore,
  pinLockoutMs,
} from './pin-store';
import { manualClock, recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
/** Cheap for speed; one test below runs the real default cost and measures it. */
const cost = { N: 2 ** 10, r: 8, p: 1 };

function countingKdf(): Kdf & { calls: number } {
  const kdf = Object.assign(
    (...args: Parameters<Kdf>) => {
      kdf.calls += 1;
      return scryptKdf(...args);
    },
    { calls: 0 },
  );
  return kdf;
}

async function open(dir: string, clock = manualClock(), kdf: Kdf = scryptKdf) {
  return openPinStore({ dir, now: clock.now, cost, kdf });
}

describe('PIN strength', () => {
  it.each([
    '0000',
    '1111',
    '999999',
    '1212',
    '123123',
    '12341234',
    '1234',
    '123456',
    '0123',
    '7890',
    '4321',
    '9876',
    '0987',
    '3210',
    '2580',
    '123456789012',
  ])('%s is weak', (pin) => expect(checkPinStrength(pin)).toBe('weak'));
  it.each(['123', '1234567890123', '12a4', '', ' 4821', '48 21'])('%j is invalid', (pin) =>
    expect(checkPinStrength(pin)).toBe('invalid'),
  );
  it.each(['4821', '1357', '135790', '20250115', '9724', '000123'])('%s is ok', (pin) =>
    expect(checkPinStrength(pin)).toBe('ok'),
  );
});

describe('manager PIN store', () => {
  it('is not set at first; verify says not-set', async () => {
    const pins = await open(await tempDir());
    expect(pins.isSet()).toBe(false);
    expect(await pins.verify('4821')).toEqual({ ok: false, reason: 'not-set' });
  });

  it('rejects weak and malformed PINs with weak-pin and stores nothing', async () => {
    const dir = await tempDir();
    const pins = await open(dir);
    for (const pin of ['1234', '1111', '4321', '12ab', '123'])
      expect(await pins.set(pin)).toEqual({ ok: false, reason: 'weak-pin' });
    expect(pins.isSet()).toBe(false);
    await expect(readFile(path.join(dir, 'pin.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sets and verifies; pin.json holds a salted scrypt hash, never the PIN', async () => {
    const dir = await tempDir();
    const pins = await open(dir);
    expect(await pins.set('482913')).toEqual({ ok: true });
    expect(pins.isSet()).toBe(true);
    expect(await pins.verify('482913')).toEqual({ ok: true });
    expect(await pins.verify('482914')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    const text = await readFile(path.join(dir, 'pin.json'), 'utf8');
    expect(text).not.toContain('482913');
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      hash: { algorithm: 'scrypt', N: cost.N, r: 8, p: 1 },
      failures: 1,
    });
    // Survives a restart.
    expect(await (await open(dir)).verify('482913')).toEqual({ ok: true });
  });

  it('accepts full-width digits typed through an IME', async () => {
    const pins = await open(await tempDir());
    await pins.set('482913');
    expect(await pins.verify('４８２９１３')).toEqual({ ok: true });
  });

  it('locks for 60 s after 5 consecutive failures, across a restart, without running scrypt while locked', async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const kdf = countingKdf();
    const pins = await open(dir, clock, kdf);
    await pins.set('482913');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await pins.verify('000000'));
    expect(results.map((r) => (r.ok ? 'ok' : r.attemptsLeft))).toEqual([4, 3, 2, 1]);

    // A restart does not reset the count: the 5th failure after re-opening locks.
    const reopened = await open(dir, clock, kdf);
    expect(await reopened.verify('000001')).toEqual({
      ok: false,
      reason: 'locked',
      attemptsLeft: 0,
      retryAfterMs: PIN_LOCKOUT_MS,
    });

    const callsAtLock = kdf.calls;
    clock.advance(20_000);
    expect(await reopened.verify('482913')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 40_000 }); // even the right PIN
    const again = await open(dir, clock, kdf); // and across another restart
    clock.advance(39_999);
    expect(await again.verify('482913')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 1 });
    expect(kdf.calls).toBe(callsAtLock);

    clock.advance(1);
    expect(await again.verify('482913')).toEqual({ ok: true });
    expect(kdf.calls).toBe(callsAtLock + 1);
    // A fresh count after a good PIN.
    expect(await again.verify('111112')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('after a lockout runs out, a wrong PIN starts a fresh count', async () => {
    const clock = manualClock();
    const pins = await open(await tempDir(), clock);
    await pins.set('482913');
    for (let i = 0; i < 5; i++) await pins.verify('000000');
    clock.advance(PIN_LOCKOUT_MS);
    expect(await pins.verify('000000')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it('each further lockout without a correct PIN doubles (60 s, 120 s, 240 s …, at most 1 h), across restarts', async () => {
    const dir = await tempDir();
    const clock = manualClock();
    let pins = await open(dir, clock);
    await pins.set('482913');
    const lockOnce = async (): Promise<unknown> => {
      for (let i = 0; i < PIN_MAX_FAILURES - 1; i++) await pins.verify('000000');
      return pins.verify('000000');
    };
    expect(await lockOnce()).toEqual({ ok: false, reason: 'locked', attemptsLeft: 0, retryAfterMs: 60_000 });
    clock.advance(60_000);
    expect(await lockOnce()).toEqual({ ok: false, reason: 'locked', attemptsLeft: 0, retryAfterMs: 120_000 });
    clock.advance(119_999);
    expect(await pins.verify('482913')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 1 });
    clock.advance(1);
    pins = await open(dir, clock); // the lockout count is in pin.json
    expect(await lockOnce()).toEqual({ ok: false, reason: 'locked', attemptsLeft: 0, retryAfterMs: 240_000 });
    expect(JSON.parse(await readFile(path.join(dir, 'pin.json'), 'utf8'))).toMatchObject({ lockouts: 3 });
    for (let i = 0; i < 5; i++) {
      clock.advance(PIN_MAX_LOCKOUT_MS);
      await lockOnce();
    }
    clock.advance(PIN_MAX_LOCKOUT_MS);
    expect(await lockOnce()).toMatchObject({ reason: 'locked', retryAfterMs: PIN_MAX_LOCKOUT_MS });
    expect(pinLockoutMs(1)).toBe(PIN_LOCKOUT_MS);
    expect(pinLockoutMs(100)).toBe(PIN_MAX_LOCKOUT_MS);

    // A correct PIN ends the streak: the next lockout is 60 s again.
    clock.advance(PIN_MAX_LOCKOUT_MS);
    expect(await pins.verify('482913')).toEqual({ ok: true });
    expect(await lockOnce()).toMatchObject({ reason: 'locked', retryAfterMs: 60_000 });
  });

  it('a pin.json that cannot be written still counts every failure and locks; verify never throws', async () => {
    const dir = await tempDir();
    const logger = recordingLogger();
    const clock = manualClock();
    const pins = await openPinStore({ dir, now: clock.now, cost, logger });
    await pins.set('482913');
    // A real write failure even for root: pin.json is now a (non-empty) directory, so the rename fails.
    const file = path.join(dir, 'pin.json');
    await rm(file);
    await mkdir(path.join(file, 'blocker'), { recursive: true });
    const results = [];
    for (let i = 0; i < PIN_MAX_FAILURES; i++) results.push(await pins.verify('000000'));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason === 'locked' ? 'locked' : r.attemptsLeft))).toEqual([
      4,
      3,
      2,
      1,
      'locked',
    ]);
    expect(await pins.verify('482913')).toMatchObject({ ok: false, reason: 'locked' });
    expect(
      logger.lines.filter((l) => l.level === 'error' && l.message.includes('pin.json cannot be written'))
        .length,
    ).toBeGreaterThan(0);
    expect(logger.text()).not.toContain('482913');
    clock.advance(PIN_LOCKOUT_MS);
    expect(await pins.verify('482913')).toEqual({ ok: true });
  });

  it('serializes parallel guesses: 10 at once cannot slip past the lockout', async () => {
    const kdf = countingKdf();
    const pins = await open(await tempDir(), manualClock(), kdf);
    await pins.set('482913');
    const before = kdf.calls;
    const results = await Promise.all(Array.from({ length: 10 }, () => pins.verify('000000')));
    expect(kdf.calls - before).toBe(5);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(6);
  });

  it('runs scrypt for every unlocked attempt, whatever the input', async () => {
    const kdf = countingKdf();
    const pins = await open(await tempDir(), manualClock(), kdf);
    await pins.set('482913');
    const before = kdf.calls;
    await pins.verify('482913');
    await pins.verify('');
    await pins.verify('not a pin at all');
    await pins.verify('9'.repeat(64));
    expect(kdf.calls - before).toBe(4);
  });

  it('caps a lockout when the clock was set backwards', async () => {
    const clock = manualClock();
    const pins = await open(await tempDir(), clock);
    await pins.set('482913');
    for (let i = 0; i < 5; i++) await pins.verify('000000');
    clock.advance(-3_600_000);
    expect(await pins.verify('482913')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterMs: PIN_LOCKOUT_MS,
    });
    clock.advance(PIN_LOCKOUT_MS);
    expect(await pins.verify('482913')).toEqual({ ok: true });
  });

  it('installs a hash computed ahead of time (provisioning) and resets a lockout', async () => {
    const clock = manualClock();
    const pins = await open(await tempDir(), clock);
    await pins.set('482913');
    for (let i = 0; i < 5; i++) await pins.verify('000000');
    const hashed = await pins.hash('731846');
    expect(hashed.ok).toBe(true);
    if (!hashed.ok) return;
    expect(await pins.hash('2222')).toEqual({ ok: false, reason: 'weak-pin' });
    await pins.setHash(hashed.hash);
    expect(await pins.verify('731846')).toEqual({ ok: true });
    await expect(pins.setHash({ ...hashed.hash, N: 3 })).rejects.toThrow('not a valid PIN hash');
  });

  it('fails closed on an unreadable pin.json until re-provisioned', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'pin.json'), '{"version":1,"hash":');
    const kdf = countingKdf();
    const pins = await open(dir, manualClock(), kdf);
    expect(pins.isSet()).toBe(true);
    expect(pins.notices()).toMatchObject([{ code: 'secret-unreadable-reprovision' }]);
    const before = kdf.calls;
    expect(await pins.verify('0')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    expect(kdf.calls - before).toBe(1);
    expect(await readFile(path.join(dir, 'pin.json'), 'utf8')).toBe('{"version":1,"hash":'); // left for inspection
    const hashed = await pins.hash('731846');
    if (hashed.ok) await pins.setHash(hashed.hash);
    expect(await pins.verify('731846')).toEqual({ ok: true });
    expect((await open(dir)).notices()).toEqual([]);
  });

  it('uses the default scrypt cost and verifies with it (its speed is a benchmark figure, not a test)', async () => {
    expect(DEFAULT_PIN_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const pins = await openPinStore({ dir: await tempDir() });
    await pins.set('482913');
    expect(await pins.verify('482913')).toEqual({ ok: true });
    expect(await pins.verify('482914')).toMatchObject({ ok: false });
  });
});
