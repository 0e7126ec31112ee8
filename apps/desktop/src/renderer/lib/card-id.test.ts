import { describe, expect, it } from 'vitest';
import { foldFullWidth, maskCardId, normalizeCardInput } from './card-id';

describe('card ids on screen', () => {
  it('masks all but the last four characters', () => {
    expect(maskCardId('111950000052400125')).toBe('•••• 0125');
    expect(maskCardId('12345')).toBe('•••• 2345');
    expect(maskCardId('1234')).toBe('•••• 34');
  });

  it('folds full-width input and trims, as desk-core does', () => {
    expect(foldFullWidth('１１１９５　Ａ')).toBe('11195 A');
    expect(normalizeCardInput('  １１１９５０００００５２４００１２５\t')).toBe('111950000052400125');
  });

  it('joins digit groups typed or scanned with spaces or dashes, and leaves letters’ dashes alone', () => {
    expect(normalizeCardInput('1119 5000 0052 4001 25')).toBe('111950000052400125');
    expect(normalizeCardInput(' 1119-5000-0052-4001-25 ')).toBe('111950000052400125');
    expect(normalizeCardInput('１１１９－５０００　００５２')).toBe('111950000052');
    expect(normalizeCardInput('GC-001')).toBe('GC-001');
  });
});
