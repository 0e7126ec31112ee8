import type { ScannerSettings } from '@balance-desk/contract';
import { describe, expect, it } from 'vitest';
import { createScanDetector, type FlushResult, type KeyInput } from './detector';
import { keys } from '../../test/keys';
import recorded from './recorded-timelines.json';
import { DEFAULT_SCANNER_SETTINGS } from '@balance-desk/contract/model';

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
  const dropped: string[] = [];
  let released = '';
  let ime = false;
  const take = (r: FlushResult): void => {
    if (r.scan !== null) scans.push(r.scan);
    if (r.dropped !== null) dropped.push(r.dropped);
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
  // The timer runs until nothing is pending (a held burst may come due more than once).
  for (let due = detector.nextDeadline(), n = 0; due !== null && n < 5; due = detector.nextDeadline(), n++)
    take(detector.tick(due));
  return { scans, consumed, dropped, released, ime, detector };
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
    expect(replay(timeline('scanShiftAlnum'), { minLength: 8 }).scans).toEqual(['AB12cd34EF56']);
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
      dropped: null,
    });
    expect(detector.nextDeadline()).toBeNull();
    expect(replay(events, { terminator: 'none' }).scans).toEqual(['111950000052400402']);
  });

  it('with a terminator configured, a scan that never gets one is dropped as incomplete, its keys kept', () => {
    const { scans, released, dropped, detector } = replay(timeline('scanNoTerminator'));
    expect(scans).toEqual([]);
    expect(dropped).toEqual(['incomplete']);
    expect(released).toBe(''); // a scanner's keys are never typed into the field
    expect(detector.nextDeadline()).toBeNull(); // reported once
  });

  it('normalises full-width digits (０-９ → 0-9)', () => {
    expect(replay(timeline('scanFullWidth')).scans).toEqual(['111950000052400125']);
  });

  it('reduces a URL payload to the card id with the configured pattern', () => {
    expect(replay(timeline('scanUrlPayload'), { extractPattern: 'card=(\\d+)' }).scans).toEqual([
      '111950000052400125',
    ]);
    // Without a pattern the payload is longer than a card id: dropped as not a card, never looked up.
    const raw = replay(timeline('scanUrlPayload'));
    expect(raw.scans).toEqual([]);
    expect(raw.dropped).toEqual(['not-a-card']);
    expect(raw.released).toBe('');
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
      dropped: null,
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

  it('does not split a scan whose timer ran late, mid-scan, in a stalled renderer', () => {
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    const head = keys('1119500000', 0, 2);
    const consumed = head.map((e) => detector.feed(e)).filter((r) => r.consume).length;
    expect(consumed).toBe(7);
    // Within the stall window the timer does nothing at all.
    expect(detector.tick(200)).toEqual({ scan: null, released: '', dropped: null });
    // The timer fires a second on, before the scan's remaining (queued, 2 ms apart) keys are
    // handled: the read is reported incomplete, but its keys are kept and the burst stays open.
    expect(detector.tick(1000)).toEqual({ scan: null, released: '', dropped: 'incomplete' });
    expect(detector.nextDeadline()).toBeNull();
    const tail = keys('52400125', 20, 2).map((e) => detector.feed(e));
    expect(tail.every((r) => r.consume && r.scan === null && r.dropped === null)).toBe(true);
    const end = detector.feed({ key: 'Enter', timeStamp: 36, isComposing: false });
    expect(end).toEqual({
      scan: '111950000052400125',
      released: '',
      dropped: null,
      consume: true,
      ime: false,
    });
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
    // Three fast keys could be a person's: not a scan, not a dropped read either.
    expect(replay(short)).toMatchObject({ scans: [], dropped: [] });
    expect(replay(short, { minLength: 3 }).scans).toEqual(['123']);
    const long = [...keys('1234567890', 0, 2), { key: 'Enter', timeStamp: 20, isComposing: false }];
    expect(replay(long, { maxLength: 9 })).toMatchObject({ scans: [], dropped: ['not-a-card'] });
  });

  it('joins keys after a gap above maxGapMs within the stall window; without a terminator configured the gap ends the scan', () => {
    const events = [
      ...keys('111950000052400125', 0, 2),
      ...keys('999', 36 + 150, 2),
      { key: 'Enter', timeStamp: 36 + 150 + 6, isComposing: false },
    ];
    // The 18 keys never got their terminator: the 3 keys 150 ms on continue them, and the whole
    // is longer than a card: dropped, nothing typed.
    const joined = replay(events);
    expect(joined).toMatchObject({ scans: [], dropped: ['not-a-card'], released: '' });
    // A scanner that sends no terminator is flushed when the gap shows.
    expect(replay(events, { terminator: 'none' }).scans).toEqual(['111950000052400125']);
  });

  it('gives back what it held when a fast burst turns out to be a person’s', () => {
    // A person's very fast key roll of four, then at once Backspace: the held-back key comes back before the edit.
    const roll = replay([...keys('2580', 0, 10), { key: 'Backspace', timeStamp: 45, isComposing: false }]);
    expect(roll.scans).toEqual([]);
    expect(roll.released).toBe('0');
    // The same roll, then a pause: the held key comes back after flushAfterMs, with no "incomplete".
    const paused = replay(keys('2580', 0, 10));
    expect(paused).toMatchObject({ scans: [], dropped: [], released: '0' });
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
      dropped: null,
      ime: false,
    });
    expect(detector.nextDeadline()).toBeNull();
  });
});

describe('a scan is looked up whole or not at all', () => {
  const CARD = '111950000052400125';
  const enter = (t: number): KeyInput => ({ key: 'Enter', timeStamp: t, isComposing: false });
  /** 10 digits 3 ms apart, a stall, the last 8 digits and Enter (a busy machine, a USB hiccup). */
  function stalled(pauseMs: number, interval = 3): KeyInput[] {
    const head = keys(CARD.slice(0, 10), 0, interval);
    const tailStart = 9 * interval + pauseMs;
    return [...head, ...keys(CARD.slice(10), tailStart, interval), enter(tailStart + 8 * interval)];
  }

  it.each([60, 95])('recorded: a pause of %i ms inside a scan changes nothing', (pause) => {
    const { scans, dropped, released } = replay(timeline(`scanStall${pause}ms`));
    expect({ scans, dropped, released }).toEqual({ scans: [CARD], dropped: [], released: '' });
  });

  it.each([105, 200, 400])('recorded: a stall of %i ms is joined back into the whole card', (pause) => {
    const { scans, dropped, released } = replay(timeline(`scanStall${pause}ms`));
    expect({ scans, dropped, released }).toEqual({ scans: [CARD], dropped: [], released: '' });
  });

  it('recorded: a stall longer than the stall window is dropped as incomplete, the tail never looked up', () => {
    const { scans, dropped, released } = replay(timeline('scanStall1200ms'));
    expect(scans).toEqual([]);
    // The head is reported when its window runs out; the 8-digit tail is too short for a card.
    expect(dropped).toEqual(['incomplete', 'incomplete']);
    expect(released).toBe('');
  });

  it.each([40, 60, 95, 105, 150, 200, 300, 400, 790])(
    'synthetic: a %i ms stall yields the whole card',
    (pause) => {
      expect(replay(stalled(pause))).toMatchObject({ scans: [CARD], dropped: [], released: '' });
      // Jittery scanners too, and a stall right before the Enter.
      expect(replay(stalled(pause, 8))).toMatchObject({ scans: [CARD], dropped: [] });
      const beforeEnter = [...keys(CARD, 0, 3), enter(17 * 3 + pause)];
      expect(replay(beforeEnter)).toMatchObject({ scans: [CARD], dropped: [] });
    },
  );

  it('synthetic: a stall beyond the window (setting) drops the scan; a wider window joins it', () => {
    expect(replay(stalled(1500))).toMatchObject({ scans: [], dropped: ['incomplete', 'incomplete'] });
    expect(replay(stalled(1500), { stallWindowMs: 2000 })).toMatchObject({ scans: [CARD], dropped: [] });
    // A window of 0 never joins: the head is dropped at once, not looked up as a fragment.
    expect(replay(stalled(200), { stallWindowMs: 0 })).toMatchObject({
      scans: [],
      dropped: ['incomplete', 'incomplete'],
    });
  });

  it('a scanner read too short for a card is incomplete, not a lookup (recorded 5 digits)', () => {
    expect(replay(timeline('scanShort5'))).toMatchObject({
      scans: [],
      dropped: ['incomplete'],
      released: '',
    });
    // The tail of a stalled scan on its own.
    const tail = [...keys('52400125', 0, 3), enter(24)];
    expect(replay(tail)).toMatchObject({ scans: [], dropped: ['incomplete'] });
  });

  it('accepts the demo cards’ 16 and 18 digits by default, and a card scanned with spaces', () => {
    expect(replay([...keys('9999000000000001', 0, 2), enter(32)]).scans).toEqual(['9999000000000001']);
    expect(replay([...keys(CARD, 0, 2), enter(36)]).scans).toEqual([CARD]);
    expect(replay([...keys('1119 5000 0052 4001 25', 0, 2), enter(44)]).scans).toEqual([CARD]);
  });

  it('human typing still works: 60 ms/key with pauses of up to a second, nothing held or dropped', () => {
    const events: KeyInput[] = [];
    let t = 0;
    for (const [i, ch] of [...CARD].entries()) {
      events.push({ key: ch, timeStamp: t, isComposing: false });
      t += i === 9 ? 1000 : 60;
    }
    const typed = replay([...events, enter(t)]);
    expect(typed).toMatchObject({ scans: [], dropped: [], released: '', consumed: [] });
  });
});

describe('scans never type into a guarded field (a manager dialog)', () => {
  const guard = (events: KeyInput[]): KeyInput[] => events.map((e) => ({ ...e, guard: true }));
  const enter = (t: number): KeyInput => ({ key: 'Enter', timeStamp: t, isComposing: false, guard: true });

  it('holds a scanner burst from its first key, its Enter too, and never gives it back', () => {
    const { scans, consumed, released } = replay(guard([...keys('111950000052400125', 0, 2), enter(36)]));
    expect(scans).toEqual(['111950000052400125']); // the store drops it while paused
    expect(consumed).toHaveLength(19);
    expect(released).toBe('');
  });

  it('a stalled or short scanner burst in a guarded field is dropped, not given back', () => {
    const head = guard(keys('1119500000', 0, 3));
    expect(replay(head)).toMatchObject({ dropped: ['incomplete'], released: '' });
    expect(replay(guard(keys('11195', 0, 3)))).toMatchObject({ dropped: ['incomplete'], released: '' });
  });

  it('gives a person’s keys back in order: the first after flushAfterMs, the rest as soon as they are too slow', () => {
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    const first = detector.feed({ key: '7', timeStamp: 0, isComposing: false, guard: true });
    expect(first.consume).toBe(true); // held: it could be a scanner's first key
    expect(detector.nextDeadline()).toBe(DEFAULT_SCANNER_SETTINGS.flushAfterMs);
    expect(detector.tick(DEFAULT_SCANNER_SETTINGS.flushAfterMs).released).toBe('7');
    // 60 ms a key: held until the third key shows it is too slow for a scan, then that key lands itself.
    const results = guard(keys('3916', 1000, 60)).map((e) => detector.feed(e));
    expect(results.map((r) => r.consume)).toEqual([true, true, false, false]);
    expect(results[2]?.released).toBe('39');
  });

  it('a person’s Enter right after a held key gets that key back first (the PIN is whole)', () => {
    const events = guard([...keys('739164', 0, 150)]);
    const detector = createScanDetector(DEFAULT_SCANNER_SETTINGS);
    let typed = '';
    for (const e of events) {
      const r = detector.feed(e);
      typed += r.released;
      if (!r.consume) typed += e.key;
    }
    const end = detector.feed(enter(5 * 150 + 40));
    typed += end.released;
    expect(end.consume).toBe(false); // the dialog's own Enter handler submits
    expect(typed).toBe('739164');
  });

  it('a person’s Backspace gives held keys back before the edit', () => {
    const { released } = replay(
      guard([...keys('73', 0, 150), { key: 'Backspace', timeStamp: 200, isComposing: false }]),
    );
    expect(released).toBe('73');
  });
});
