import { describe, expect, it } from 'vitest';
import { joinCardDigitGroups } from './card-number';

describe('joinCardDigitGroups', () => {
  it.each([
    ['1119 5000 0052 4001 25', '111950000052400125'],
    ['1119-5000-0052-4001-25', '111950000052400125'],
    ['1119 - 5000\u00A00052\u30004001\u221225', '111950000052400125'],
    ['111950000052400125', '111950000052400125'],
  ])('joins %j', (raw, joined) => {
    expect(joinCardDigitGroups(raw)).toBe(joined);
  });

  it.each([
    ['letters keep their dashes', 'GC-001'],
    ['a leading separator is not a group', '-1119'],
    ['a trailing separator is not a group', '1119 '],
    ['other punctuation is left for the validator', '1119.5000'],
    ['letters with spaces are left for the validator', 'AB 12'],
  ])('leaves %s alone', (_name, raw) => {
    expect(joinCardDigitGroups(raw)).toBe(raw);
  });
});
