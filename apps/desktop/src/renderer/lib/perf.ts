/**
 * Performance marks the UI benchmark reads (scripts/bench-ui.ts): `lookup:enter` at the scan or
 * Enter, `lookup:answered` when main's answer reaches the store, `lookup:committed` when React has
 * put it in the DOM, `lookup:painted` in the animation frame that paints it — carrying the gateway
 * time (the outcome's latencyMs) so the bench can subtract what is not the renderer's.
 */
export const MARK_ENTER = 'lookup:enter';
const MARK_ANSWERED = 'lookup:answered';
const MARK_COMMITTED = 'lookup:committed';
const MARK_PAINTED = 'lookup:painted';

interface EnterDetail {
  seq: number;
  source: string;
}
interface AnsweredDetail {
  seq: number;
}
export interface PaintedDetail {
  seq: number;
  latencyMs: number | null;
  /** What was painted: the bench counts only answers ('ok') as samples. */
  kind: 'ok' | 'error' | 'failed';
}

/**
 * A kiosk runs for weeks: keep the mark buffer small (user-timing marks have no built-in cap, and
 * each holds its detail object). About the last hundred lookups stay readable; a reader that needs
 * every mark (the benchmarks) collects them with a PerformanceObserver as they come.
 */
export const MAX_MARKS = 400;
let marks = 0;

function mark(name: string, detail: EnterDetail | AnsweredDetail | PaintedDetail): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  try {
    if (++marks > MAX_MARKS) {
      performance.clearMarks(MARK_ENTER);
      performance.clearMarks(MARK_ANSWERED);
      performance.clearMarks(MARK_COMMITTED);
      performance.clearMarks(MARK_PAINTED);
      marks = 1;
    }
    performance.mark(name, { detail });
  } catch {
    // instrumentation must never break a lookup
  }
}

export function markEnter(seq: number, source: string): void {
  mark(MARK_ENTER, { seq, source });
}

export function markAnswered(seq: number): void {
  mark(MARK_ANSWERED, { seq });
}

/** Call after React committed the answer (a layout effect): marks the commit now, and the frame that paints it. Returns a cancel. */
export function markPaintedNextFrame(
  seq: number,
  latencyMs: number | null,
  kind: PaintedDetail['kind'],
): () => void {
  mark(MARK_COMMITTED, { seq });
  if (typeof requestAnimationFrame !== 'function') return () => undefined;
  const id = requestAnimationFrame(() => mark(MARK_PAINTED, { seq, latencyMs, kind }));
  return () => cancelAnimationFrame(id);
}
