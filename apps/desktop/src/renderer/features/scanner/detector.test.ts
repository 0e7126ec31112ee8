import type { ScannerSettings } from '@balance-desk/contract';
import { describe, expect, it } from 'vitest';
import { createScanDetector, type FlushResult, type KeyInput } from './detector';
import { keys } from '../../test/keys';
import recorded from './recorded-timelines.json';
import { DEFAULT_SCANNER_SETTINGS } from './scanner-store';

type Timeline = KeyInput[];
const timelines = recorded.timelines as Record<string, Timeline>;

function timeline(name: string): Timeline {
  const found = timelines[name];
  if (!found) throw new Error(`no recorded timeline ${name}`);
  return found;
}

/** Replays key events (and the flush timer at each event and after the last) like the scanner store does. */
function replay(events: readonly KeyInput[], settings: Partial<ScannerSettings> = {}, offset = 0) {
  const detector = createScanDetector({ ...DEFAULT_SCANNER_SETTINGS, ...settings });
  const scans: string[] = [];
  const consumed: string[] = [];
  let released = '';
  let ime = false;
  const take = (r: FlushResult): void => {
    if (r.scan !== null) scans.push(r.scan);
    released += r.released;
  };
  for (const raw of events) {
    const e = { ...raw, timeStamp: raw.timeStamp + offset };
    const due = detector.nextDeadline();
    if (due !== null && due <= e.timeStamp) take(detector.tick(due));
    const result = detector.feed(e);
    take(result);
    if (result.consume) consumed.push(e.key);
    ime ||= result.ime;
  }
  const due = detector.nextDeadline();
  if (due !== null) take(detector.tick(due));
  return { scans, consumed, released, ime, detector };
}

describe('scanner detector on recorded Chromium timelines', () => {
  it('recognises a fast scan (2 ms/key, Enter) and consumes its keys once recognised', () => {
    const { scans, consumed, released } = replay(timeline('scanFast2ms'));
    expect(scans).toEqual(['111950000052400125']);
    // The first three keys could still be a person; from the fourth on (and the Enter) they are the scanner's.
    expect(consumed).toHaveLength(16);
    expect(consumed.at(-1)).toBe('Enter');
    expect(released).toBe('');
  });

  it('recognises a scan with 1–10 ms jitter between keys', () => {
    expect(replay(timeline('scanJitter1to10ms')).scans).toEqual(['111950000052400125']);
  });

  it('leaves slow human typing (≥ 40 ms/key) alone: no scan, nothing consumed, Enter passes', () => {
    const { scans, consumed } = replay(timeline('humanTyping60ms'));
    expect(scans).toEqual([]);
    expect(consumed).toEqual([]);
  });

  it('takes a scan that follows a person typing into the field, without the person’s keys', () => {
    expect(replay(timeline('humanThenScan')).scans).toEqual(['111950000052400125']);
  });

  it('accepts Tab as the terminator (enter-or-tab and tab), and not when only Enter is configured', () => {
    expect(replay(timeline('scanTabTerminator')).scans).toEqual(['111950000052400200']);
    expect(replay(timeline('scanTabTerminator'), { terminator: 'tab' }).scans).toEqual([
      '111950000052400200',
    ]);
    // With terminator 'enter' the Tab is not a terminator, but it ends the burst just as the flush timer would.
    expect(replay(timeline('scanTabTerminator'), { terminator: 'enter' }).scans).toEqual([
      '111950000052400200',
    ]);
  });

  it('does not let Shift keydowns inside an alphanumeric code reset the buffer', () => {
    expect(replay(timeline('scanShiftAlnum')).scans).toEqual(['AB12cd34EF56']);
  });

  it('flushes a scanner configured to send no terminator after flushAfterMs', () => {
    const events = timeline('scanNoTerminator');
    const detector = createScanDetector({ ...DEFAULT_SCANNER_SETTINGS, terminator: 'none' });
    for (const e of events) expect(detector.feed(e).scan).toBeNull();
    const last = events.at(-1)!.timeStamp;
    expect(detector.nextDeadline()).toBe(last + DEFAULT_SCANNER_SETTINGS.flushAfterMs);
    expect(detector.tick(last + DEFAULT_SCANNER_SETTINGS.flushAfterMs - 1).scan).toBeNull();
    expect(detector.tick(last + DEFAULT_SCANNER_SETTINGS.flushAfterMs)).toEqual({
      scan: '111950000052400402',
      released: '',
    });
    expect(detector.nextDeadline()).toBeNull();
    expect(replay(events, { terminator: 'none' }).scans).toEqual(['111950000052400402']);
  });

  it('with a terminator configured, a burst that never gets one is not a scan: its keys go back to the field', () => {
    const { scans, released, detector } = replay(timeline('scanNoTerminator'));
    expect(scans).toEqual([]);
    expect(released).toBe('950000052400402'); // all but the first three, which the field got at once
    expect(detector.nextDeadline()).toBeNull(); // nothing left to give back
  });

  it('normalises full-width digits (０-９ → 0-9)', () => {
    expect(replay(timeline('scanFullWidth')).scans).toEqual(['111950000052400125']);
  });

  it('reduces a URL payload to the card id with the configured pattern', () => {
    expect(replay(timeline('scanUrlPayload'), { extractPattern: 'card=(\\d+)' }).scans).toEqual([
      '111950000052400125',
    ]);
    // Without a pattern the payload goes to the lookup as is (desk-core then says "invalid card").
    expect(replay(timeline('scanUrlPayload')).scans).toEqual([
      'https://m.example.com/c?card=111950000052400125&s=1',
    ]);
  });

  it('strips a configured prefix and suffix', () => {
    expect(replay(timeline('scanPrefixSuffix'), { prefix: ']C1', suffix: '#' }).scans).toEqual([
      '111950000052400125',
    ]);
  });

  it('keeps back-to-back scans apart: the terminator’s timestamp does not leak into the next scan', () => {
    expect(replay(timeline('backToBackScans')).scans).toEqual(['111950000052400125', '111950000052400301']);
  });
});

describe('scanner detector edge cases', () => {
  it('ignores IME composition keydowns, reports the IME, and still takes a clean scan after', () => {
    const composing: KeyInput[] = [
      { key: 'Process', timeStamp: 0, isComposing: false, keyCode: 229 },
      { key: 'n', timeStamp: 150, isComposing: true, keyCode: 78 },
      { key: 'Process', timeStamp: 300, isComposing: true, keyCode: 229 },
    ];
    const { scans, ime } = replay([
      ...composing,
      ...keys('111950000052400125', 600, 2),
      { key: 'Enter', timeStamp: 640, isComposing: false },
    ]);
    expect(ime).toBe(true);
    expect(scans).toEqual(['111950000052400125']);
  });

  it('drops a burst an IME keydown cut into rather than sending a garbled id', () => {
    const burst = keys('1119500000', 0, 2);
    const events: KeyInput[] = [
      ...burst,
      { key: 'Process', timeStamp: 21, isComposing: true, keyCode: 229 },
      ...keys('52400125', 22, 2),
      { key: 'Enter', timeStamp: 40, isComposing: false },
    ];
    const { scans, consumed, ime } = replay(events);
    expect(scans).toEqual([]);
    expect(ime).toBe(true);
    expect(consumed).not.toContain('Enter'); // the Enter reaches the field, whose IME text a person can still submit
  });

  it('treats keyCode 229 alone as an IME keydown', () => {
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    expect(detector.feed({ key: '1', timeStamp: 0, isComposing: false, keyCode: 229 })).toEqual({
      consume: false,
      scan: null,
      released: '',
      ime: true,
    });
    expect(detector.nextDeadline()).toBeNull();
  });

  it('drops a person’s key typed more than maxGapMs before a scan from the scan', () => {
    const events = [
      { key: '7', timeStamp: 0, isComposing: false },
      ...keys('111950000052400125', 150, 2),
      { key: 'Enter', timeStamp: 190, isComposing: false },
    ];
    expect(replay(events).scans).toEqual(['111950000052400125']);
  });

  it('keeps the first character of a scanner whose first interval is slower than its average', () => {
    const enter = (t: number): KeyInput => ({ key: 'Enter', timeStamp: t, isComposing: false });
    // 40 ms, then 2 ms a key.
    const slowStart = [{ key: '1', timeStamp: 0, isComposing: false }, ...keys('11950000052400125', 40, 2)];
    expect(replay([...slowStart, enter(80)]).scans).toEqual(['111950000052400125']);
    // 60 ms, then 30 ms a key (average still under maxAvgIntervalMs).
    const slowScanner = [
      { key: '1', timeStamp: 0, isComposing: false },
      ...keys('11950000052400125', 60, 30),
    ];
    expect(replay([...slowScanner, enter(60 + 16 * 30 + 5)]).scans).toEqual(['111950000052400125']);
  });

  it('does not split a scan whose flush timer ran late, mid-scan, in a stalled renderer', () => {
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    const head = keys('1119500000', 0, 2);
    const consumed = head.map((e) => detector.feed(e)).filter((r) => r.consume).length;
    expect(consumed).toBe(7);
    // The timer fires 200 ms on, before the scan's remaining (queued, 2 ms apart) keys are handled.
    expect(detector.tick(200)).toEqual({ scan: null, released: '9500000' });
    expect(detector.nextDeadline()).toBeNull();
    const tail = keys('52400125', 20, 2).map((e) => detector.feed(e));
    expect(tail.every((r) => r.consume && r.scan === null)).toBe(true);
    const end = detector.feed({ key: 'Enter', timeStamp: 36, isComposing: false });
    expect(end).toEqual({ scan: '111950000052400125', released: '', consume: true, ime: false });
  });

  it('never takes a held burst as a scan when its Enter comes after a pause (a person’s Enter)', () => {
    const events = [...keys('2580', 0, 10), { key: 'Enter', timeStamp: 2000, isComposing: false }];
    const { scans, consumed, released } = replay(events);
    expect(scans).toEqual([]);
    expect(consumed).toEqual(['0']); // held back while it looked like a scan, then given back
    expect(released).toBe('0');
  });

  it('requires minLength and respects maxLength', () => {
    const short = [...keys('123', 0, 2), { key: 'Enter', timeStamp: 6, isComposing: false }];
    expect(replay(short).scans).toEqual([]);
    expect(replay(short, { minLength: 3 }).scans).toEqual(['123']);
    const long = [...keys('1234567890', 0, 2), { key: 'Enter', timeStamp: 20, isComposing: false }];
    expect(replay(long, { maxLength: 9 }).scans).toEqual([]);
  });

  it('splits a burst at a gap above maxGapMs', () => {
    const events = [
      ...keys('111950000052400125', 0, 2),
      ...keys('999', 36 + 150, 2),
      { key: 'Enter', timeStamp: 36 + 150 + 6, isComposing: false },
    ];
    // The first 18 keys never got their terminator: not a scan, given back; the last 3 are too short.
    const split = replay(events);
    expect(split.scans).toEqual([]);
    expect(split.released).toBe('950000052400125');
    // A scanner that sends no terminator is flushed when the gap shows.
    expect(replay(events, { terminator: 'none' }).scans).toEqual(['111950000052400125']);
  });

  it('gives back what it consumed when a fast burst turns out not to be a scan', () => {
    // Too long for maxLength: keys 5.. were held back from the field, and come back in order.
    const long = replay([...keys('1234567890', 0, 2), { key: 'Enter', timeStamp: 20, isComposing: false }], {
      maxLength: 9,
    });
    expect(long.scans).toEqual([]);
    expect(long.released).toBe('4567890');
    expect(long.consumed).toEqual(['4', '5', '6', '7', '8', '9', '0']);
    // A person's very fast key roll of four, then at once Backspace: the held-back key comes back before the edit.
    const roll = replay([...keys('2580', 0, 10), { key: 'Backspace', timeStamp: 45, isComposing: false }]);
    expect(roll.scans).toEqual([]);
    expect(roll.released).toBe('0');
    // Three fast keys are never held back at all.
    expect(replay(keys('258', 0, 10)).consumed).toEqual([]);
  });

  it('resets on Backspace and other editing keys, and on Ctrl+V', () => {
    const events: KeyInput[] = [
      ...keys('11195', 0, 2),
      { key: 'Backspace', timeStamp: 10, isComposing: false },
      ...keys('000', 12, 2),
      { key: 'Enter', timeStamp: 18, isComposing: false },
    ];
    expect(replay(events).scans).toEqual([]);
    const paste: KeyInput[] = [
      ...keys('11195', 0, 2),
      { key: 'v', timeStamp: 10, isComposing: false, ctrlKey: true },
      { key: 'Enter', timeStamp: 12, isComposing: false },
    ];
    expect(replay(paste).scans).toEqual([]);
  });

  it('honours a slower scanner with wider settings (Zebra-like 80 ms/key)', () => {
    const events = [
      ...keys('111950000052400125', 0, 80),
      { key: 'Enter', timeStamp: 17 * 80 + 5, isComposing: false },
    ];
    expect(replay(events).scans).toEqual([]);
    expect(replay(events, { maxAvgIntervalMs: 100, maxGapMs: 150, flushAfterMs: 300 }).scans).toEqual([
      '111950000052400125',
    ]);
  });

  it('survives an invalid extract pattern by sending the stripped payload', () => {
    const events = [...keys('111950000052400125', 0, 2), { key: 'Enter', timeStamp: 40, isComposing: false }];
    expect(replay(events, { extractPattern: '(' }).scans).toEqual(['111950000052400125']);
  });

  it('does not count Shift/Control as characters or as time', () => {
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    expect(detector.feed({ key: 'Shift', timeStamp: 0, isComposing: false })).toEqual({
      consume: false,
      scan: null,
      released: '',
      ime: false,
    });
    expect(detector.nextDeadline()).toBeNull();
  });
});
