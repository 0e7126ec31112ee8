import type { IpcReply, LookupOutcome } from '@balance-desk/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, failure, installFakeBridge, ok, SEED, type FakeBridge } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { RECENT_LIMIT, useLookupStore } from './lookup-store';

const store = () => useLookupStore.getState();
let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
});
afterEach(() => {
  vi.useRealTimers();
  resetStores();
});

describe('lookup store', () => {
  it('shows pending at once, then the answer', async () => {
    const answer = deferred<IpcReply<LookupOutcome>>();
    bridge.lookupBalance.mockReturnValueOnce(answer.promise);
    const done = store().lookup(SEED, 'scan');
    expect(store().display).toEqual({ kind: 'pending', seq: expect.any(Number), cardId: SEED });
    answer.resolve({ ok: true, value: ok() });
    await done;
    expect(store().display.kind).toBe('ok');
    expect(bridge.lookupBalance).toHaveBeenCalledWith({ cardId: SEED });
  });

  it('never shows the first answer after a second scan replaced it', async () => {
    const slow = deferred<IpcReply<LookupOutcome>>();
    bridge.lookupBalance.mockReturnValueOnce(slow.promise);
    const first = store().lookup('9999000000000001', 'scan');
    await store().lookup('111950000052400301', 'scan');
    expect(store().display).toMatchObject({ kind: 'ok', cardId: '111950000052400301' });
    slow.resolve({ ok: true, value: ok('9999000000000001') });
    await first;
    expect(store().display).toMatchObject({ kind: 'ok', cardId: '111950000052400301' });
  });

  it('drops a cancelled outcome (and goes idle rather than staying stuck when it is the current one)', async () => {
    bridge.lookupBalance.mockReturnValueOnce(
      Promise.resolve({ ok: true, value: { kind: 'cancelled', cardId: SEED } }),
    );
    await store().lookup(SEED, 'scan');
    expect(store().display.kind).toBe('idle');
    expect(store().clearAt).toBeNull();
  });

  it('a superseded lookup’s cancelled answer leaves the newer lookup pending, then shows its answer', async () => {
    const first = deferred<IpcReply<LookupOutcome>>();
    const second = deferred<IpcReply<LookupOutcome>>();
    bridge.lookupBalance.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const a = store().lookup('9999000000000001', 'scan');
    const b = store().lookup(SEED, 'scan');
    first.resolve({ ok: true, value: { kind: 'cancelled', cardId: '9999000000000001' } });
    await a;
    expect(store().display).toMatchObject({ kind: 'pending', cardId: SEED });
    second.resolve({ ok: true, value: ok() });
    await b;
    expect(store().display).toMatchObject({ kind: 'ok', cardId: SEED });
  });

  it('a late answer for card A that arrives after card B’s answer is never shown', async () => {
    const first = deferred<IpcReply<LookupOutcome>>();
    bridge.lookupBalance.mockReturnValueOnce(first.promise);
    const a = store().lookup('9999000000000001', 'scan');
    await store().lookup(SEED, 'scan');
    first.resolve({ ok: true, value: failure('timeout', '9999000000000001') });
    await a;
    expect(store().display).toMatchObject({ kind: 'ok', cardId: SEED });
  });

  it('never shows an answer about another card as this card', async () => {
    bridge.lookupBalance.mockReturnValueOnce(Promise.resolve({ ok: true, value: ok('111950000052400200') }));
    await store().lookup(SEED, 'scan');
    expect(store().display).toMatchObject({ kind: 'failed', cardId: SEED });
  });

  it('accepts the answer for the normalised id of full-width input', async () => {
    await store().lookup('１１１９５０００００５２４００１２５ ', 'typed');
    expect(bridge.lookupBalance).toHaveBeenCalledWith({ cardId: SEED });
    expect(store().display.kind).toBe('ok');
  });

  it('turns a bridge failure (IpcReply ok:false) into a retriable failure', async () => {
    bridge.lookupBalance.mockReturnValueOnce(
      Promise.resolve({ ok: false, error: { code: 'internal', message: 'boom' } }),
    );
    await store().lookup(SEED, 'scan');
    expect(store().display).toMatchObject({ kind: 'failed', failure: { code: 'internal' } });
    bridge.lookupBalance.mockReturnValueOnce(Promise.reject(new Error('socket hang up')));
    await store().lookup(SEED, 'scan');
    expect(store().display).toMatchObject({ kind: 'failed', failure: { message: 'socket hang up' } });
  });

  it('Enter with an empty field retries a retriable error, not a final one', async () => {
    bridge.lookupBalance.mockReturnValueOnce(Promise.resolve({ ok: true, value: failure('timeout') }));
    await store().lookup(SEED, 'scan');
    store().enter();
    await vi.waitFor(() => expect(store().display.kind).toBe('ok'));
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(2);

    bridge.lookupBalance.mockReturnValueOnce(
      Promise.resolve({ ok: true, value: failure('not-found', SEED, false) }),
    );
    await store().lookup(SEED, 'scan');
    store().enter();
    expect(bridge.lookupBalance).toHaveBeenCalledTimes(3);
  });

  it('Enter looks up the typed draft and empties the field', async () => {
    store().setDraft(' 111950000052400125');
    store().enter();
    expect(store().draft).toBe('');
    await vi.waitFor(() => expect(store().display.kind).toBe('ok'));
  });

  it('keypad keys edit the draft', () => {
    store().typeKey('1');
    store().typeKey('2');
    store().typeKey('3');
    store().backspace();
    expect(store().draft).toBe('12');
    store().clearDraft();
    expect(store().draft).toBe('');
  });

  it('clears itself after idleClearSeconds, with the deadline exposed for the countdown', async () => {
    vi.useFakeTimers();
    store().configure({ idleClearSeconds: 5, requestTimeoutMs: 8000 });
    await store().lookup(SEED, 'scan');
    expect(store().clearAt).toBe(Date.now() + 5000);
    vi.advanceTimersByTime(4999);
    expect(store().display.kind).toBe('ok');
    vi.advanceTimersByTime(1);
    expect(store().display.kind).toBe('idle');
    expect(store().clearAt).toBeNull();
  });

  it('the idle clear keeps a card number half-typed for the next customer; Esc clears it', async () => {
    vi.useFakeTimers();
    store().configure({ idleClearSeconds: 5, requestTimeoutMs: 8000 });
    await store().lookup(SEED, 'scan');
    store().typeKey('1119');
    vi.advanceTimersByTime(5000);
    expect(store().display.kind).toBe('idle');
    expect(store().draft).toBe('1119');
    store().clear();
    expect(store().draft).toBe('');
  });

  it('tells main when the screen clears, so the customer display clears with it (idle clear, Esc)', async () => {
    vi.useFakeTimers();
    store().configure({ idleClearSeconds: 5, requestTimeoutMs: 8000 });
    await store().lookup(SEED, 'scan');
    expect(bridge.clearCustomerView).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5000);
    expect(bridge.clearCustomerView).toHaveBeenCalledTimes(1);
    await store().lookup(SEED, 'scan');
    store().clear();
    expect(bridge.clearCustomerView).toHaveBeenCalledTimes(2);
  });

  it('Esc (clear) also drops an answer still in flight', async () => {
    const answer = deferred<IpcReply<LookupOutcome>>();
    bridge.lookupBalance.mockReturnValueOnce(answer.promise);
    const done = store().lookup(SEED, 'scan');
    store().clear();
    answer.resolve({ ok: true, value: ok() });
    await done;
    expect(store().display.kind).toBe('idle');
  });

  it('gives up waiting after the request timeout plus a margin: never stuck pending', () => {
    vi.useFakeTimers();
    bridge.lookupBalance.mockReturnValueOnce(new Promise(() => undefined));
    store().configure({ idleClearSeconds: 30, requestTimeoutMs: 1000 });
    void store().lookup(SEED, 'scan');
    vi.advanceTimersByTime(6000);
    expect(store().display).toMatchObject({ kind: 'failed' });
  });

  it('keeps the last 10 distinct cards, newest first, in memory', async () => {
    for (let i = 0; i < RECENT_LIMIT + 2; i++) await store().lookup(`1000${i}`.padEnd(8, '0'), 'scan');
    await store().lookup('10000000', 'recent');
    const recent = store().recent.map((r) => r.cardId);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]).toBe('10000000');
    expect(new Set(recent).size).toBe(RECENT_LIMIT);
  });
});
