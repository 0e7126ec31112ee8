import { afterEach, describe, expect, it } from 'vitest';
import { MARK_ENTER, markAnswered, markEnter, MAX_MARKS } from './perf';

function lookupMarks(): number {
  return performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lookup:')).length;
}

describe('performance marks on a kiosk that runs for weeks', () => {
  afterEach(() => performance.clearMarks());

  it('keep at most the last few hundred, however many lookups there were', () => {
    for (let seq = 1; seq <= 5000; seq++) {
      markEnter(seq, 'scan');
      markAnswered(seq);
    }
    expect(lookupMarks()).toBeGreaterThan(0);
    expect(lookupMarks()).toBeLessThanOrEqual(MAX_MARKS);
    expect(MAX_MARKS).toBeLessThanOrEqual(500);
  });

  it('the newest mark is always there to read', () => {
    for (let seq = 1; seq <= 2 * MAX_MARKS + 1; seq++) markEnter(seq, 'scan');
    const last = performance.getEntriesByName(MARK_ENTER, 'mark').at(-1) as PerformanceMark | undefined;
    expect(last?.detail).toEqual({ seq: 2 * MAX_MARKS + 1, source: 'scan' });
  });
});
