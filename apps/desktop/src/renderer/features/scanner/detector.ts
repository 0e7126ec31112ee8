import type { ScannerSettings } from '@balance-desk/contract';
import { foldFullWidth } from '../../lib/card-id';

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
}

export interface FlushResult {
  /** A completed scan (the card id, already reduced by prefix/suffix/pattern), or null. */
  scan: string | null;
  /**
   * Characters this detector consumed for a burst that then turned out not to be a scan (a
   * person's very fast key roll, a burst that ended too long): the caller gives them back to the
   * field they were meant for. '' when nothing is owed.
   */
  released: string;
}

export interface FeedResult extends FlushResult {
  /** The key belongs to a recognised scan: the caller prevents its default action (no garbled input, no button press). */
  consume: boolean;
  /** The key came from an active input method (IME): it was ignored and the cashier should be warned. */
  ime: boolean;
}

export interface ScanDetector {
  feed(event: KeyInput): FeedResult;
  /**
   * Runs once `flushAfterMs` passed since the last key. Without a terminator (`'none'`) it ends
   * the burst as a scan if it qualifies. With one, it never makes a scan: a scanner configured
   * with a terminator always sends it, and a stalled renderer can run this timer before the rest
   * of a scan's queued keys. The held-back keys go back to the field, and the burst stays open for
   * its terminator (a scan then clears the field) until a gap above maxGapMs or an edit drops it.
   */
  tick(now: number): FlushResult;
  /** When `tick` next needs to run, or null when nothing is pending for it. */
  nextDeadline(): number | null;
  reset(): void;
}

/**
 * After this many scan-speed characters (at least minLength) the burst counts as recognised and
 * its keys are consumed. A person rolling over three keys can be that fast; four rarely is, and
 * whatever is consumed for a burst that is not a scan is given back (FlushResult.released).
 */
export const RECOGNISE_AFTER = 4;

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

const PASS: FeedResult = { consume: false, scan: null, released: '', ime: false };
const NOTHING: FlushResult = { scan: null, released: '' };

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
export function stripAffixes(payload: string, settings: Pick<ScannerSettings, 'prefix' | 'suffix'>): string {
  let text = payload;
  if (settings.prefix !== '' && text.startsWith(settings.prefix)) text = text.slice(settings.prefix.length);
  if (settings.suffix !== '' && text.endsWith(settings.suffix))
    text = text.slice(0, text.length - settings.suffix.length);
  return text;
}

/** Reduces a URL or prefixed payload to the card id: the pattern's first group, else its whole match. */
export function extractCardId(text: string, pattern: RegExp | null): string {
  const match = pattern?.exec(text);
  return (match ? (match[1] ?? match[0]) : text).trim();
}

export function createScanDetector(settings: ScannerSettings): ScanDetector {
  const pattern = compilePattern(settings.extractPattern);
  const recogniseAfter = Math.max(RECOGNISE_AFTER, Math.min(settings.minLength, 16));
  let chars: Char[] = [];
  let tainted = false;

  /** Drops the burst; returns what was consumed of it, which is owed back unless it became a scan. */
  function clear(): string {
    const owed = chars
      .filter((c) => c.consumed)
      .map((c) => c.ch)
      .join('');
    chars = [];
    tainted = false;
    return owed;
  }

  function isScanSpeed(part: Char[]): boolean {
    if (part.length < 2) return false;
    const first = part[0] as Char;
    const last = part[part.length - 1] as Char;
    return (last.t - first.t) / (part.length - 1) <= settings.maxAvgIntervalMs;
  }

  /** The scan the current burst makes, or null (too slow, wrong length, tainted by an IME). */
  function evaluate(): string | null {
    if (tainted || !isScanSpeed(chars)) return null;
    const payload = stripAffixes(chars.map((c) => c.ch).join(''), settings);
    if (payload.length < settings.minLength || payload.length > settings.maxLength) return null;
    const code = extractCardId(payload, pattern);
    return code === '' ? null : code;
  }

  /** Ends the burst: a scan if it qualifies, otherwise what it owes. */
  function finish(): FlushResult {
    const scan = evaluate();
    const owed = clear();
    return { scan, released: scan === null ? owed : '' };
  }

  /**
   * Ends a burst that got no terminator (the flush timer, or a gap above maxGapMs before the next
   * key): a scan only when the scanner is configured to send none, so a stalled renderer that runs
   * the timer late never yields half a scan.
   */
  function finishUnterminated(): FlushResult {
    if (settings.terminator === 'none') return finish();
    return { scan: null, released: clear() };
  }

  /** Gives back the held-back keys but keeps the burst open for its terminator (see `tick`). */
  function hold(): FlushResult {
    const owed = chars.filter((c) => c.consumed);
    for (const c of owed) c.consumed = false;
    return { scan: null, released: owed.map((c) => c.ch).join('') };
  }

  /**
   * The whole burst, from its first key, must be at scan speed: all its gaps are within maxGapMs
   * (a longer one starts a new burst), so a scanner whose first interval is slower than its
   * average (40 ms, then 2 ms) keeps its first character. A person's key typed less than
   * maxGapMs before a scan therefore joins it; maxGapMs is the setting that tells them apart.
   */
  function recognised(): boolean {
    return !tainted && chars.length >= recogniseAfter && isScanSpeed(chars);
  }

  function lastTime(): number | null {
    const last = chars[chars.length - 1];
    return last ? last.t : null;
  }

  function nextDeadline(): number | null {
    const last = lastTime();
    if (last === null) return null;
    // With a terminator the timer only gives held-back keys back; a held burst has none left.
    if (settings.terminator !== 'none' && !chars.some((c) => c.consumed)) return null;
    return last + settings.flushAfterMs;
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

      // A key after a gap above maxGapMs starts afresh: the stale burst ends first, unterminated.
      const last = lastTime();
      const before = last !== null && e.timeStamp - last > settings.maxGapMs ? finishUnterminated() : NOTHING;
      /** This key's own result, after whatever the stale burst produced. */
      const after = (done: FlushResult, consume: boolean): FeedResult => ({
        scan: before.scan ?? done.scan,
        released: before.released + done.released,
        consume,
        ime: false,
      });

      if (isTerminator(e.key, settings.terminator)) {
        // Ends the burst. The terminator's own time is not kept: the next burst starts clean.
        const done = finish();
        return after(done, done.scan !== null);
      }

      const command = (e.ctrlKey === true && e.altKey !== true) || e.metaKey === true;
      // A printable key is one code point ("1", "A", "１"); named keys are words ("Backspace").
      const ch = Array.from(e.key).length === 1 ? foldFullWidth(e.key) : null;
      if (ch === null || command) {
        if (e.key === 'Enter' || e.key === 'Tab') {
          // Not the configured terminator, yet an explicit end key: it ends the burst as a scan if it qualifies.
          const done = finish();
          return after(done, done.scan !== null);
        }
        // Backspace, Escape, arrows, Ctrl+V…: a person is editing (and gets back any consumed keys first).
        return after({ scan: null, released: clear() }, false);
      }

      // Once a burst is recognised, the rest of it is consumed too: the field never gets a scan's tail.
      const sticky = chars.at(-1)?.consumed === true;
      const char: Char = { ch, t: e.timeStamp, consumed: false };
      chars.push(char);
      // A stuck key or a runaway burst must not grow memory without bound; it is too long to be a scan anyway.
      if (chars.length > MAX_BUFFER) chars = chars.slice(-MAX_BUFFER);
      char.consumed = sticky || recognised();
      return after(NOTHING, char.consumed);
    },

    tick(now) {
      const deadline = nextDeadline();
      if (deadline === null || now < deadline) return NOTHING;
      return settings.terminator === 'none' ? finish() : hold();
    },

    nextDeadline,

    reset: clear,
  };
}
