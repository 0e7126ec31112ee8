import { describe, expect, it } from 'vitest';
import { formatFen, toFen } from './money';

describe('money', () => {
  it('formats fen with grouping and the full-width sign, exactly', () => {
    expect(formatFen(0n)).toBe('￥0.00');
    expect(formatFen(5n)).toBe('￥0.05');
    expect(formatFen(123_456n)).toBe('￥1,234.56');
    expect(formatFen(-1n)).toBe('-￥0.01');
    expect(formatFen(100_000_000n, '¥')).toBe('¥1,000,000.00');
  });

  it('stays exact past the float range', () => {
    expect(formatFen(toFen(Number.MAX_SAFE_INTEGER, 'fen'))).toBe('￥90,071,992,547,409.91');
    expect(formatFen(toFen(Number.MAX_SAFE_INTEGER, 'yuan'))).toBe('￥9,007,199,254,740,991.00');
    expect(formatFen(123_456_789_012_345_678_901n)).toBe('￥1,234,567,890,123,456,789.01');
  });

  it('converts yuan to fen and refuses non-integers', () => {
    expect(toFen(12, 'yuan')).toBe(1200n);
    expect(toFen(12, 'fen')).toBe(12n);
    expect(() => toFen(1.5, 'fen')).toThrow(RangeError);
    expect(() => toFen(Number.MAX_SAFE_INTEGER + 1, 'fen')).toThrow(RangeError);
    expect(() => toFen(Number.NaN, 'fen')).toThrow(RangeError);
  });
});
