import { describe, expect, it } from 'vitest';
import {
  foldFullWidth,
  joinCardDigitGroups,
  maskCardForLog,
  maskCardForScreen,
  normalizeCardText,
} from './card';

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

describe('normalizeCardText', () => {
  it('folds full-width input and trims', () => {
    expect(foldFullWidth('１１１９５　Ａ')).toBe('11195 A');
    expect(normalizeCardText('  １１１９５０００００５２４００１２５\t')).toBe('111950000052400125');
  });

  it('drops invisible characters at the ends, as a paste brings them', () => {
    expect(normalizeCardText('\uFEFF111950000052400125\u200B')).toBe('111950000052400125');
  });

  it('joins digit groups typed or scanned with spaces or dashes, and leaves letters’ dashes alone', () => {
    expect(normalizeCardText('1119 5000 0052 4001 25')).toBe('111950000052400125');
    expect(normalizeCardText(' 1119-5000-0052-4001-25 ')).toBe('111950000052400125');
    expect(normalizeCardText('１１１９－５０００　００５２')).toBe('111950000052');
    expect(normalizeCardText('GC-001')).toBe('GC-001');
  });
});

describe('two maskings: the screen shows less than a log keeps', () => {
  it.each([
    ['111950000052400125', '•••• 0125'],
    ['12345', '•••• 2345'],
    ['1234', '•••• 34'],
  ])('screen: %s → %s', (id, masked) => expect(maskCardForScreen(id)).toBe(masked));

  it.each([
    ['111950000052400125', '1119…0125'],
    ['123456789', '1234…6789'],
    ['12345678', '…5678'],
    ['1234', '…34'],
  ])('log: %s → %s', (id, masked) => expect(maskCardForLog(id)).toBe(masked));
});
