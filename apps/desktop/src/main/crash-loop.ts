/**
 * Decides whether a crashed or hung renderer is reloaded (a kiosk must come back on its own)
 * or whether it has crashed so often that reloading only hides a broken build or a dying machine:
 * then the static "call the manager" page is shown instead (fallback-page.ts).
 */

export interface CrashLoopOptions {
  /** The crash that makes `maxCrashes` within `windowMs` gives up. Default 3. */
  maxCrashes?: number;
  /** Default 2 minutes. */
  windowMs?: number;
  now?: () => number;
}

type CrashDecision = 'reload' | 'give-up';

export interface CrashLoopBreaker {
  /**
   * Record one crash/hang and say what to do about it. Once it has given up it stays so: the only
   * way back is restarting the app, as the crash page tells the manager (fallback-page.ts).
   */
  record(): CrashDecision;
}

export function createCrashLoopBreaker(options: CrashLoopOptions = {}): CrashLoopBreaker {
  const maxCrashes = options.maxCrashes ?? 3;
  const windowMs = options.windowMs ?? 120_000;
  const now = options.now ?? Date.now;
  let recent: number[] = [];
  let gaveUp = false;

  return {
    record() {
      const t = now();
      recent = recent.filter((at) => t - at < windowMs);
      recent.push(t);
      if (gaveUp || recent.length >= maxCrashes) {
        gaveUp = true;
        return 'give-up';
      }
      return 'reload';
    },
  };
}
