import { describe, expect, it } from 'vitest';
import { createCrashLoopBreaker } from './crash-loop';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createCrashLoopBreaker', () => {
  it('reloads after the first two crashes and gives up on the third within two minutes', () => {
    const c = clock();
    const breaker = createCrashLoopBreaker({ now: c.now });
    expect(breaker.record()).toBe('reload');
    c.advance(30_000);
    expect(breaker.record()).toBe('reload');
    c.advance(60_000);
    expect(breaker.record()).toBe('give-up');
  });

  it('forgets crashes older than the window', () => {
    const c = clock();
    const breaker = createCrashLoopBreaker({ now: c.now });
    expect(breaker.record()).toBe('reload');
    c.advance(60_000);
    expect(breaker.record()).toBe('reload');
    c.advance(60_000); // the first crash is now exactly 2 minutes old: outside the window
    expect(breaker.record()).toBe('reload');
    c.advance(59_999);
    expect(breaker.record()).toBe('give-up');
  });

  it('a crash a day never gives up', () => {
    const c = clock();
    const breaker = createCrashLoopBreaker({ now: c.now });
    for (let day = 0; day < 30; day++) {
      expect(breaker.record()).toBe('reload');
      c.advance(24 * 3600_000);
    }
  });

  it('stays given up: a later crash shows the static page again rather than reloading the app', () => {
    const c = clock();
    const breaker = createCrashLoopBreaker({ now: c.now, maxCrashes: 2, windowMs: 1000 });
    breaker.record();
    expect(breaker.record()).toBe('give-up');
    c.advance(24 * 3600_000);
    expect(breaker.record()).toBe('give-up');
  });
});
