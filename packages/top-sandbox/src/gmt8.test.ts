import { describe, expect, it } from 'vitest';
import { formatTopTimestamp, parseTopTimestamp } from '@balance-desk/top-client';
import { formatGmt8, parseGmt8 } from './gmt8';

describe('parseGmt8', () => {
  it('reads yyyy-MM-dd HH:mm:ss as GMT+8', () => {
    expect(parseGmt8('2024-05-20 10:12:00')).toBe(Date.parse('2024-05-20T02:12:00Z'));
    expect(parseGmt8('2024-01-01 07:59:59')).toBe(Date.parse('2023-12-31T23:59:59Z'));
    expect(parseGmt8('2024-02-29 00:00:00')).toBe(Date.parse('2024-02-28T16:00:00Z'));
    expect(parseGmt8('2000-02-29 12:00:00')).toBeDefined();
  });

  it.each([
    '2023-02-29 00:00:00', // not a leap year
    '1900-02-29 00:00:00', // a century that is not a leap year
    '2024-02-31 10:00:00',
    '2024-04-31 10:00:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-01-00 00:00:00',
    '2024-01-01 24:00:00',
    '2024-01-01 23:60:00',
    '2024-01-01 23:59:60',
    '2024/05/20 10:00:00',
    '2024-05-20T10:00:00',
    '2024-05-20 10:00',
    ' 2024-05-20 10:00:00',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseGmt8(text)).toBeUndefined();
  });

  it('agrees with top-client on a spread of instants (two implementations, one reading)', () => {
    for (
      let ms = Date.parse('1999-12-31T15:59:59Z');
      ms < Date.parse('2031-01-01T00:00:00Z');
      ms += 86_399_000 * 37
    ) {
      const text = formatTopTimestamp(new Date(ms));
      expect(formatGmt8(new Date(ms))).toBe(text);
      expect(parseGmt8(text)).toBe(parseTopTimestamp(text)?.getTime());
      expect(parseGmt8(text)).toBe(ms);
    }
  });
});
