/**
 * A client-side token bucket in front of the gateway. A stuck key or a scanner in continuous mode
 * can fire dozens of scans a second; TOP answers that with code 7 for the whole app key (every
 * terminal of the chain), so this terminal refuses locally first.
 */
export interface RateGuard {
  /** Takes one token; false when the bucket is empty (answer `rate-limited` without calling). */
  tryTake(): boolean;
}

export interface RateGuardOptions {
  /** Sustained calls per second. Default 10. */
  ratePerSecond?: number;
  /** Calls allowed in a burst. Default 20. */
  burst?: number;
  /** Monotonic milliseconds (tests). Default performance.now. */
  clock?: () => number;
}

export function createRateGuard(options: RateGuardOptions = {}): RateGuard {
  const rate = options.ratePerSecond ?? 10;
  const burst = options.burst ?? 20;
  const clock = options.clock ?? (() => performance.now());
  let tokens = burst;
  let last = clock();
  return {
    tryTake() {
      const now = clock();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
