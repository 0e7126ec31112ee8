import type { ScannerSettings } from '@balance-desk/contract';
import { foldFullWidth } from '../../lib/card-id';

/**
 * Keyboard-wedge scan detection, as a pure state machine (issue #4, STYLE.md §6): fed keydown
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
  /** Flushes a burst that ended without a terminator once `flushAfterMs` passed since its last key. */
  tick(now: number): FlushResult;
  /** When `tick` next needs to run, or null when no burst is pending. */
  nextDeadline(): number | null;
  reset(): void;
}

/**
 * After this many scan-speed characters (at least minLength) the burst counts as recognised and
 * its keys are consumed. A person rolling over three keys can be that fast; four rarely is, and
 * whatever is consumed for a burst that is not a scan is given back (FlushResult.released).
 */
export const RECOGNISE_AFTER = 4;

/** Keys that never end or reset a burst: scanners press Shift for capitals inside alphanumeric codes. */
/** Longer than any configurable scan (maxLength ≤ 256 plus prefix and suffix ≤ 16 each). */
const MAX_BUFFER = 320;

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

  /**
   * A person's keystroke just before a scan joins the burst when it falls within maxGapMs; a
   * pause longer than a scanner's average interval right after the first keys means a person
   * typed them, so the burst starts after it.
   */
  function scanPart(): Char[] {
    let start = 0;
    while (start < chars.length - 1) {
      const a = chars[start] as Char;
      const b = chars[start + 1] as Char;
      if (b.t - a.t <= settings.maxAvgIntervalMs) break;
      start += 1;
    }
    return chars.slice(start);
  }

  function isScanSpeed(part: Char[]): boolean {
    if (part.length < 2) return false;
    const first = part[0] as Char;
    const last = part[part.length - 1] as Char;
    return (last.t - first.t) / (part.length - 1) <= settings.maxAvgIntervalMs;
  }

  /** The scan the current burst makes, or null (too slow, wrong length, tainted by an IME). */
  function evaluate(): string | null {
    if (tainted) return null;
    const part = scanPart();
    if (!isScanSpeed(part)) return null;
    const payload = stripAffixes(part.map((c) => c.ch).join(''), settings);
    if (payload.length < settings.minLength || payload.length > settings.maxLength) return null;
    const code = extractCardId(payload, pattern);
    return code === '' ? null : code;
  }

  /** Ends the burst: a scan if it qualifies (the same rule as the flush timer), otherwise what it owes. */
  function finish(): FlushResult {
    const scan = evaluate();
    const owed = clear();
    return { scan, released: scan === null ? owed : '' };
  }

  function recognised(): boolean {
    if (tainted) return false;
    const part = scanPart();
    return part.length >= recogniseAfter && isScanSpeed(part);
  }

  function lastTime(): number | null {
    const last = chars[chars.length - 1];
    return last ? last.t : null;
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

      const last = lastTime();
      const gapped = last !== null && e.timeStamp - last > settings.maxGapMs;

      if (isTerminator(e.key, settings.terminator)) {
        // Ends the burst. The terminator's own time is not kept: the next burst starts clean.
        const done = finish();
        return { ...done, consume: done.scan !== null, ime: false };
      }

      const command = (e.ctrlKey === true && e.altKey !== true) || e.metaKey === true;
      // A printable key is one code point ("1", "A", "１"); named keys are words ("Backspace").
      const ch = Array.from(e.key).length === 1 ? foldFullWidth(e.key) : null;
      if (ch === null || command) {
        if (e.key === 'Enter' || e.key === 'Tab') {
          // Not the configured terminator, yet it ends the burst like the flush timer would.
          const done = finish();
          return { ...done, consume: done.scan !== null, ime: false };
        }
        // Backspace, Escape, arrows, Ctrl+V…: a person is editing (and gets back any consumed keys first).
        return { ...PASS, released: clear() };
      }

      const before = gapped ? finish() : NOTHING;
      // Once a burst is recognised, the rest of it is consumed too: the field never gets a scan's tail.
      const sticky = chars.at(-1)?.consumed === true;
      const char: Char = { ch, t: e.timeStamp, consumed: false };
      chars.push(char);
      // A stuck key or a runaway burst must not grow memory without bound; it is too long to be a scan anyway.
      if (chars.length > MAX_BUFFER) chars = chars.slice(-MAX_BUFFER);
      char.consumed = sticky || recognised();
      return { ...before, consume: char.consumed, ime: false };
    },

    tick(now) {
      const last = lastTime();
      if (last === null || now - last < settings.flushAfterMs) return NOTHING;
      return finish();
    },

    nextDeadline() {
      const last = lastTime();
      return last === null ? null : last + settings.flushAfterMs;
    },

    reset: clear,
  };
}
