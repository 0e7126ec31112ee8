import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../test/keys';
import { resetStores } from '../../test/reset';
import { DEFAULT_SCANNER_SETTINGS } from '@balance-desk/contract/model';
import { SCANNED_NOTICE_MS, useScannerStore } from './scanner-store';

const store = () => useScannerStore.getState();

beforeEach(resetStores);
afterEach(() => {
  vi.useRealTimers();
  resetStores();
});

describe('scanner store', () => {
  it('sends completed scans to the listener and asks to consume the scan’s keys', () => {
    const scans: string[] = [];
    store().onScan((id) => scans.push(id));
    const consumed = [
      ...keys('111950000052400125', 1000),
      { key: 'Enter', timeStamp: 1040, isComposing: false },
    ].map((e) => store().handleKey(e));
    expect(scans).toEqual(['111950000052400125']);
    expect(consumed.slice(0, 3)).toEqual([false, false, false]);
    expect(consumed.slice(3).every(Boolean)).toBe(true);
  });

  it('flushes a terminator-less scan with its timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    store().configure({ ...DEFAULT_SCANNER_SETTINGS, terminator: 'none', flushAfterMs: 50 });
    const scans: string[] = [];
    store().onScan((id) => scans.push(id));
    const start = performance.now();
    for (const e of keys('111950000052400402', start)) {
      store().handleKey(e);
      vi.advanceTimersByTime(2);
    }
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(scans).toEqual(['111950000052400402']);
  });

  it('hands consumed keys of a burst that was not a scan to the release listener', () => {
    const released: string[] = [];
    store().onScan(() => undefined);
    store().onRelease((text) => released.push(text));
    // A person's very fast roll of four keys, then Backspace: the held fourth key comes back first.
    for (const e of [...keys('2580', 0, 10), { key: 'Backspace', timeStamp: 45, isComposing: false }])
      store().handleKey(e);
    expect(released).toEqual(['0']);
  });

  it('reports a dropped scanner read (too short, stalled past the window) and never looks it up', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const scans: string[] = [];
    const dropped: string[] = [];
    store().onScan((id) => scans.push(id));
    store().onDropped((kind) => dropped.push(kind));
    const start = performance.now();
    for (const e of [...keys('12345', start, 3), { key: 'Enter', timeStamp: start + 15, isComposing: false }])
      store().handleKey(e);
    expect(dropped).toEqual(['incomplete']);
    // A head that stops and does not go on: reported when the stall window runs out.
    for (const e of keys('1119500000', start + 100, 3)) store().handleKey(e);
    vi.advanceTimersByTime(DEFAULT_SCANNER_SETTINGS.stallWindowMs - 100);
    expect(dropped).toEqual(['incomplete']);
    vi.advanceTimersByTime(400);
    expect(dropped).toEqual(['incomplete', 'incomplete']);
    expect(scans).toEqual([]);
  });

  it('while paused (a manager dialog), swallows and drops a scan and its Enter, and says so; a person’s keys pass', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const scans: string[] = [];
    store().onScan((id) => scans.push(id));
    store().setPaused(true);
    expect(store().scannedWhilePaused).toBe(false);
    const consumed = [
      ...keys('111950000052400125', 0),
      { key: 'Enter', timeStamp: 40, isComposing: false },
    ].map((e) => store().handleKey({ ...e, guard: true }));
    expect(scans).toEqual([]);
    // In a dialog's field every key is held from the first, the Enter too: the PIN is not submitted.
    expect(consumed.every(Boolean)).toBe(true);
    expect(store().scannedWhilePaused).toBe(true);
    vi.advanceTimersByTime(SCANNED_NOTICE_MS); // said briefly
    expect(store().scannedWhilePaused).toBe(false);
    // A manager typing the PIN at a person's pace, then Enter: nothing is taken from them.
    const pin = [...keys('2580', 1000, 150), { key: 'Enter', timeStamp: 1600, isComposing: false }];
    expect(pin.map((e) => store().handleKey(e))).toEqual([false, false, false, false, false]);
    // After the dialog closes, scans work again.
    store().setPaused(false);
    for (const e of [
      ...keys('111950000052400301', 5000),
      { key: 'Enter', timeStamp: 5040, isComposing: false },
    ])
      store().handleKey(e);
    expect(scans).toEqual(['111950000052400301']);
  });

  it('a timer that runs mid-scan in a stalled renderer never splits the scan: the late keys still join it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const scans: string[] = [];
    const released: string[] = [];
    store().onScan((id) => scans.push(id));
    store().onRelease((text) => released.push(text));
    const start = performance.now();
    for (const e of keys('1119500000', start)) store().handleKey(e);
    vi.advanceTimersByTime(2000); // the renderer stalls; the timer runs before the queued keys
    expect(scans).toEqual([]);
    expect(released).toEqual([]); // a scanner's keys never go to the field
    for (const e of [
      ...keys('52400125', start + 20),
      { key: 'Enter', timeStamp: start + 36, isComposing: false },
    ])
      store().handleKey(e);
    expect(scans).toEqual(['111950000052400125']);
  });

  it('raises the IME warning on a composition keydown and drops it after a clean scan', () => {
    store().onScan(() => undefined);
    store().handleKey({ key: 'Process', timeStamp: 0, isComposing: true, keyCode: 229 });
    expect(store().imeWarning).toBe(true);
    for (const e of [
      ...keys('111950000052400125', 500),
      { key: 'Enter', timeStamp: 540, isComposing: false },
    ])
      store().handleKey(e);
    expect(store().imeWarning).toBe(false);
  });
});
