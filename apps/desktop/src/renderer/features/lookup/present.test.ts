import type { LookupError } from '@balance-desk/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { failure } from '../../test/fake-bridge';
import { errorSentence } from './present';

const problem = (detail: Record<string, unknown>) => ({
  kind: 'error' as const,
  seq: 1,
  cardId: '1119.5000',
  outcome: failure('invalid-card', '1119.5000', false, detail) as LookupError,
});

describe('errorSentence for a card number with characters a card never has', () => {
  it('says what to remove, in both languages', () => {
    expect(errorSentence(zhCN, problem({ text: 'card-invalid-chars' }))).toBe(zhCN.scan.cardChars);
    expect(errorSentence(en, problem({ text: 'card-invalid-chars' }))).toContain(
      'Remove spaces, punctuation',
    );
  });

  it('keeps the general sentence for other invalid cards (too long, empty)', () => {
    expect(errorSentence(zhCN, problem({ text: 'card-too-long' }))).toBe(zhCN.errors.reasons['invalid-card']);
  });
});
