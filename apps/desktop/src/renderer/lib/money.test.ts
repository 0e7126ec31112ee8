import { describe, expect, it } from 'vitest';
import { formatMoney, toYuanDecimal } from './money';

describe('toYuanDecimal (exact, no float)', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [4000, '40.00'],
    [1234567890123, '12345678901.23'],
    [-1, '-0.01'],
    [-4000, '-40.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%s fen → %s', (fen, decimal) => {
    expect(toYuanDecimal(fen, 'fen')).toBe(decimal);
  });

  it('takes yuan as whole units and BigInt as well', () => {
    expect(toYuanDecimal(40, 'yuan')).toBe('40.00');
    expect(toYuanDecimal(-3, 'yuan')).toBe('-3.00');
    expect(toYuanDecimal(123456789012345678901n, 'fen')).toBe('1234567890123456789.01');
  });

  it('refuses a number that is not a safe integer instead of guessing', () => {
    expect(() => toYuanDecimal(1.5, 'fen')).toThrow(RangeError);
    expect(() => toYuanDecimal(2 ** 53, 'fen')).toThrow(RangeError);
  });
});

describe('formatMoney (Intl.NumberFormat, CNY)', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [4000, '¥40.00'],
    [1234567890123, '¥12,345,678,901.23'],
    [-1, '-¥0.01'],
    [-123456, '-¥1,234.56'],
  ])('zh-CN: %s fen → %s', (fen, text) => {
    expect(formatMoney(fen, 'fen', 'zh-CN')).toBe(text);
  });

  it.each([
    [0, '¥0.00'],
    [4000, '¥40.00'],
    [1234567890123, '¥12,345,678,901.23'],
    [-1, '-¥0.01'],
  ])('en: %s fen → %s', (fen, text) => {
    expect(formatMoney(fen, 'fen', 'en')).toBe(text);
  });

  it('formats the yuan unit', () => {
    expect(formatMoney(40, 'yuan', 'zh-CN')).toBe('¥40.00');
    expect(formatMoney(1234567890123, 'yuan', 'en')).toBe('¥1,234,567,890,123.00');
  });

  it('stays exact where dividing into a float would not (2^53 − 1 fen)', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'fen', 'zh-CN')).toBe('¥90,071,992,547,409.91');
    // What the float path would have printed: the reason this module never divides.
    expect(
      new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(
        Number.MAX_SAFE_INTEGER / 100,
      ),
    ).not.toBe('¥90,071,992,547,409.91');
  });
});
