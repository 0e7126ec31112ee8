import type { ScannerSettings } from '@balance-desk/contract';
import { foldFullWidth, joinCardDigitGroups } from '@balance-desk/contract/model';

/**
 * Keyboard-wedge scan detection, as a pure, deterministic state machine: fed keydown
 * facts and timer ticks, it says which keys belong to a scan and when a scan is complete. No DOM,
 * no clock: every time comes from the events themselves (`KeyboardEvent.timeStamp`, which shares
 * `performance.now()`'s time origin, so ticks use that clock too).
 */

/** The parts of a keydown the detector needs. `key`, never `keyCode`, carries the character. */
export interface KeyInput {
  key: string;
  timeStamp: number;
  isComposing: boolean;
  /** Only to recognise IME keydowns (229); never used to decode characters. */
  keyCode?: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /**
   * Focus is in a field that must never get a scanner's keys (a manager dialog's input): every
   * key is held back from the first one, and given back only once the burst is known to be a
   * person's (too slow for a scan, or it ended short).
   */
  guard?: boolean;
}

/**
 * A scanner read that is not looked up: `incomplete` (too short for a card, or it stopped and
 * did not go on within the stall window) or `not-a-card` (longer than any card id).
 */
export type DroppedRead = 'incomplete' | 'not-a-card';

export interface FlushResult {
  /** A completed scan (the card id, already reduced by prefix/suffix/pattern), or null. */
  scan: string | null;
  /**
   * Characters this detector consumed for a burst that then turned out not to be a scan (a
   * person's very fast key roll, a guarded field's held keys): the caller gives them back to the
   * field they were meant for. '' when nothing is owed.
   */
  released: string;
  /** A scanner's read was dropped, never looked up: the caller says so ("scan again"). */
  dropped: DroppedRead | null;
}

interface FeedResult extends FlushResult {
  /** The key belongs to a recognised scan (or is held back): the caller prevents its default action. */
  consume: boolean;
  /** The key came from an active input method (IME): it was ignored and the cashier should be warned. */
  ime: boolean;
}

export interface ScanDetector {
  feed(event: KeyInput): FeedResult;
  /**
   * Runs when `nextDeadline()` has come. Without a terminator (`'none'`) it ends the burst as a
   * scan if it qualifies. With one it never makes a scan (a scanner configured with a terminator
   * always sends it): a scanner's burst that has not gone on within `stallWindowMs` is dropped as
   * incomplete; a short fast burst (a person's key roll) gets its held keys back. Either way the
   * burst stays open, so keys a stalled renderer handles late, stamped as part of it, still join
   * it and its terminator still makes the whole scan.
   */
  tick(now: number): FlushResult;
  /** When `tick` next needs to run, or null when nothing is pending for it. */
  nextDeadline(): number | null;
  reset(): void;
}

/**
 * After this many scan-speed characters the burst counts as a scanner's and its keys are
 * consumed. A person rolling over three keys can be that fast; four rarely is, and whatever is
 * consumed for a burst that is not a scan is given back (FlushResult.released).
 */
const RECOGNISE_AFTER = 4;

/**
 * A scan-speed burst at least this long is a scanner's even when it stops without its
 * terminator: no person types eight keys at scanner speed. A shorter one may be a person's fast
 * roll, and gets its keys back instead of an "incomplete" message.
 */
const SURELY_SCANNER = 8;

/**
 * In a guarded field, a burst of this many keys that is not at scan speed is a person's: the keys
 * held so far are given back and the rest of the burst types normally.
 */
const HUMAN_AFTER = 3;

/** Longer than any configurable scan (maxLength ≤ 256 plus prefix and suffix ≤ 16 each). */
const MAX_BUFFER = 320;

/** Keys that never end or reset a burst: scanners press Shift for capitals inside alphanumeric codes. */
const MODIFIERS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'OS',
]);

interface Char {
  ch: string;
  t: number;
  /** Kept out of the focused field: owed back if the burst does not become a scan. */
  consumed: boolean;
}

const PASS: FeedResult = { consume: false, scan: null, released: '', dropped: null, ime: false };
const NOTHING: FlushResult = { scan: null, released: '', dropped: null };

function isImeKey(e: KeyInput): boolean {
  return e.isComposing || e.keyCode === 229 || e.key === 'Process';
}

function isTerminator(key: string, terminator: ScannerSettings['terminator']): boolean {
  if (key === 'Enter') return terminator === 'enter' || terminator === 'enter-or-tab';
  if (key === 'Tab') return terminator === 'tab' || terminator === 'enter-or-tab';
  return false;
}

function compilePattern(source: string): RegExp | null {
  if (source === '') return null;
  try {
    return new RegExp(source);
  } catch {
    return null; // settings validation rejects bad patterns; a stale one must not break scanning
  }
}

/** Removes the configured prefix and suffix when present (scanners add them around the code). */
function stripAffixes(payload: string, settings: Pick<ScannerSettings, 'prefix' | 'suffix'>): string {
  let text = payload;
  if (settings.prefix !== '' && text.startsWith(settings.prefix)) text = text.slice(settings.prefix.length);
  if (settings.suffix !== '' && text.endsWith(settings.suffix))
    text = text.slice(0, text.length - settings.suffix.length);
  return text;
}

/**
 * Reduces a URL or prefixed payload to the card id: the pattern's first group, else its whole
 * match; digit groups as printed on a card (`1119 5000 …`) are joined.
 */
function extractCardId(text: string, pattern: RegExp | null): string {
  const match = pattern?.exec(text);
  return joinCardDigitGroups((match ? (match[1] ?? match[0]) : text).trim());
}

type Verdict = { scan: string } | { dropped: DroppedRead } | null;

export function createScanDetector(settings: ScannerSettings): ScanDetector {
  const pattern = compilePattern(settings.extractPattern);
  const withTerminator = settings.terminator !== 'none';
  let chars: Char[] = [];
  let tainted = false;
  /** The burst was recognised as a scanner's: all its keys are consumed, and it may span a stall. */
  let scanner = false;
  /** Some key of the burst was typed into a guarded field: a scanner's keys there are never given back. */
  let guarded = false;
  /** The burst typed into a guarded field turned out to be a person's: the rest of it types normally. */
  let human = false;
  /** Already dropped as incomplete at its stall deadline (kept open for late-handled keys). */
  let reported = false;

  /** Drops the burst; returns what was consumed of it, which is owed back unless it became a scan. */
  function clear(): string {
    const owed = chars
      .filter((c) => c.consumed)
      .map((c) => c.ch)
      .join('');
    chars = [];
    tainted = false;
    scanner = false;
    guarded = false;
    human = false;
    reported = false;
    return owed;
  }

  /** Drops the burst and everything held for it: a scanner's keys go nowhere. */
  function discard(): void {
    clear();
  }

  /**
   * Scan speed: the average of the gaps inside the burst is at most maxAvgIntervalMs. Gaps above
   * maxGapMs are the stalls a joined scan spans; they are not typing speed and are left out.
   */
  function isScanSpeed(part: Char[]): boolean {
    let sum = 0;
    let gaps = 0;
    for (let i = 1; i < part.length; i++) {
      const gap = (part[i] as Char).t - (part[i - 1] as Char).t;
      if (gap > settings.maxGapMs) continue;
      sum += gap;
      gaps += 1;
    }
    return gaps > 0 && sum / gaps <= settings.maxAvgIntervalMs;
  }

  /**
   * What the ended burst is: a scan (a card id of the configured length), a scanner's read that
   * is dropped (too short: incomplete; too long: not a card), or a person's typing (null).
   */
  function evaluate(): Verdict {
    if (tainted || !isScanSpeed(chars)) return null;
    const code = extractCardId(stripAffixes(chars.map((c) => c.ch).join(''), settings), pattern);
    if (code !== '' && code.length >= settings.minLength && code.length <= settings.maxLength)
      return { scan: code };
    if (!scanner && chars.length < RECOGNISE_AFTER) return null; // a person's few fast keys
    return { dropped: code.length > settings.maxLength ? 'not-a-card' : 'incomplete' };
  }

  /** Ends the burst at its terminator (or an explicit end key): a scan, a dropped read, or what it owes. */
  function finish(): FlushResult {
    if (chars.length === 0) return NOTHING;
    const verdict = evaluate();
    const wasReported = reported;
    const owed = clear();
    if (verdict === null) return { ...NOTHING, released: owed };
    if ('scan' in verdict) return { ...NOTHING, scan: verdict.scan };
    // Said once: a read already reported incomplete at its stall deadline is not reported again.
    return { ...NOTHING, dropped: wasReported ? null : verdict.dropped };
  }

  /** A scanner's burst whose keys are not given back when it stops: it is dropped as incomplete. */
  function keepsKeys(): boolean {
    return scanner && (guarded || chars.length >= SURELY_SCANNER);
  }

  /**
   * Ends a burst that got no terminator (a gap above the stall window, or above maxGapMs when it
   * may not span one). Without a terminator configured that is how a scan ends; with one, a
   * scanner's burst is incomplete, and a person's keys are given back.
   */
  function finishUnterminated(): FlushResult {
    if (!withTerminator) return finish();
    if (reported) {
      discard();
      return NOTHING;
    }
    if (keepsKeys()) {
      discard();
      return { ...NOTHING, dropped: 'incomplete' };
    }
    return { ...NOTHING, released: clear() };
  }

  /** Gives back the held-back keys but keeps the burst open for its terminator (see `tick`). */
  function hold(): FlushResult {
    const owed = chars.filter((c) => c.consumed);
    for (const c of owed) c.consumed = false;
    return { ...NOTHING, released: owed.map((c) => c.ch).join('') };
  }

  /**
   * The whole burst, from its first key, must be at scan speed: all its gaps are within maxGapMs
   * (a longer one starts a new burst), so a scanner whose first interval is slower than its
   * average (40 ms, then 2 ms) keeps its first character. A person's key typed less than
   * maxGapMs before a scan therefore joins it; maxGapMs is the setting that tells them apart.
   */
  function recognised(): boolean {
    return !tainted && chars.length >= RECOGNISE_AFTER && isScanSpeed(chars);
  }

  function lastTime(): number | null {
    const last = chars[chars.length - 1];
    return last ? last.t : null;
  }

  function nextDeadline(): number | null {
    const last = lastTime();
    if (last === null) return null;
    if (!withTerminator) return last + settings.flushAfterMs;
    if (reported) return null;
    // A stall is a gap above maxGapMs: a shorter window cannot end a burst before that.
    if (keepsKeys()) return last + Math.max(settings.stallWindowMs, settings.maxGapMs);
    // A person's fast roll, or a guarded field's held keys: given back soon.
    return chars.some((c) => c.consumed) ? last + settings.flushAfterMs : null;
  }

  /** A key after a gap above maxGapMs: does it continue the scanner's burst across a stall? */
  function joinsAcrossStall(gap: number): boolean {
    return withTerminator && scanner && !tainted && gap <= settings.stallWindowMs;
  }

  return {
    feed(e) {
      if (isImeKey(e)) {
        // Undecodable: its character may be missing from the burst, so a burst it interrupts is
        // dropped rather than sent garbled (the IME still delivers the text to a focused input).
        const last = lastTime();
        if (last !== null && e.timeStamp - last <= settings.maxGapMs) tainted = true;
        return { ...PASS, ime: true };
      }
      if (MODIFIERS.has(e.key)) return PASS;

      // A key after a gap above maxGapMs starts afresh, unless it continues a stalled scan: the
      // stale burst ends first, unterminated.
      const last = lastTime();
      const gap = last === null ? 0 : e.timeStamp - last;
      const stale = last !== null && gap > settings.maxGapMs && !joinsAcrossStall(gap);
      const before = stale ? finishUnterminated() : NOTHING;
      /** This key's own result, after whatever the stale burst produced. */
      const after = (done: FlushResult, consume: boolean): FeedResult => ({
        scan: before.scan ?? done.scan,
        released: before.released + done.released,
        dropped: before.dropped ?? done.dropped,
        consume,
        ime: false,
      });

      if (isTerminator(e.key, settings.terminator)) {
        // Ends the burst. The terminator's own time is not kept: the next burst starts clean. A
        // scanner's terminator is consumed whatever came of its read.
        const ownedByScanner = scanner && reported;
        const done = finish();
        return after(done, done.scan !== null || done.dropped !== null || ownedByScanner);
      }

      const command = (e.ctrlKey === true && e.altKey !== true) || e.metaKey === true;
      // A printable key is one code point ("1", "A", "１"); named keys are words ("Backspace").
      const ch = Array.from(e.key).length === 1 ? foldFullWidth(e.key) : null;
      if (ch === null || command) {
        if (e.key === 'Enter' || e.key === 'Tab') {
          // Not the configured terminator, yet an explicit end key: it ends the burst as a scan if it qualifies.
          const done = finish();
          return after(done, done.scan !== null || done.dropped !== null);
        }
        // Backspace, Escape, arrows, Ctrl+V…: a person is editing (and gets back any consumed keys first).
        if (scanner && (guarded || reported)) {
          discard();
          return after(NOTHING, false);
        }
        return after({ ...NOTHING, released: clear() }, false);
      }

      const char: Char = { ch, t: e.timeStamp, consumed: false };
      chars.push(char);
      // A stuck key or a runaway burst must not grow memory without bound; it is too long to be a scan anyway.
      if (chars.length > MAX_BUFFER) chars = chars.slice(-MAX_BUFFER);
      if (e.guard === true && !human) guarded = true;
      // Once a burst is recognised, the rest of it is consumed too: the field never gets a scan's tail.
      if (!scanner && recognised()) scanner = true;
      if (scanner) {
        char.consumed = true;
        return after(NOTHING, true);
      }
      if (guarded && !human) {
        if (chars.length >= HUMAN_AFTER && !isScanSpeed(chars)) {
          // Too slow for a scan: a person is typing. What was held goes back before this key lands.
          human = true;
          chars.pop();
          const released = hold().released;
          chars.push(char);
          return after({ ...NOTHING, released }, false);
        }
        char.consumed = true;
        return after(NOTHING, true);
      }
      return after(NOTHING, false);
    },

    tick(now) {
      const deadline = nextDeadline();
      if (deadline === null || now < deadline) return NOTHING;
      if (!withTerminator) return finish();
      if (keepsKeys()) {
        reported = true;
        return { ...NOTHING, dropped: 'incomplete' };
      }
      return hold();
    },

    nextDeadline,

    reset: clear,
  };
}
