import { useCallback, useSyncExternalStore } from 'react';

/**
 * The current time (epoch ms), re-read every `intervalMs` while `active`: clocks and countdowns.
 * Time is an external store read through useSyncExternalStore: one shared ticker per interval
 * holds the last reading, so the snapshot is stable between ticks and fresh when one starts.
 */
interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
}

const tickers = new Map<number, Ticker>();

function ticker(intervalMs: number): Ticker {
  let t = tickers.get(intervalMs);
  if (!t) {
    t = { now: Date.now(), listeners: new Set(), timer: undefined };
    tickers.set(intervalMs, t);
  }
  return t;
}

function subscribeTo(intervalMs: number, onTick: () => void): () => void {
  const t = ticker(intervalMs);
  t.listeners.add(onTick);
  if (t.timer === undefined) {
    t.now = Date.now(); // idle tickers go stale; React re-reads the snapshot after subscribing
    t.timer = setInterval(() => {
      t.now = Date.now();
      for (const listener of t.listeners) listener();
    }, intervalMs);
  }
  return () => {
    t.listeners.delete(onTick);
    if (t.listeners.size === 0) {
      clearInterval(t.timer);
      t.timer = undefined;
    }
  };
}

export function useNow(intervalMs: number, active = true): number {
  const subscribe = useCallback(
    (onTick: () => void) => (active ? subscribeTo(intervalMs, onTick) : () => undefined),
    [intervalMs, active],
  );
  const read = useCallback(() => ticker(intervalMs).now, [intervalMs]);
  return useSyncExternalStore(subscribe, read);
}
