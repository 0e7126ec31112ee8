import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats';

describe('bench-ui stats', () => {
  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes each part of a lookup', () => {
    const rows = summarize([{ total: 10, gateway: 4, renderer: 6, toAnswer: 7, react: 1, frame: 2 }]);
    expect(rows.map((r) => r.p95)).toEqual([10, 4, 7, 1, 2, 6]);
  });
});
