import type { LookupError, LookupErrorReason } from '@balance-desk/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { failure } from '../../test/fake-bridge';
import type { Display } from './lookup-store';
import { errorSentence } from './present';

function shown(
  reason: LookupErrorReason,
  retriable: boolean,
  code?: number,
): Extract<Display, { kind: 'error' }> {
  return {
    kind: 'error',
    seq: 1,
    cardId: '111950000052400125',
    outcome: {
      kind: 'error',
      cardId: '111950000052400125',
      reason,
      retriable,
      detail: code === undefined ? {} : { code },
      latencyMs: 1,
      at: '2024-05-20T02:15:00.000Z',
    },
  };
}

/** Every reason: the dictionary's reasons are a complete `Record<LookupErrorReason, …>`. */
const REASONS = Object.keys(zhCN.errors.reasons) as LookupErrorReason[];

describe('error sentences', () => {
  it.each([
    ['zh-CN', zhCN, /重试/],
    ['en', en, /retry/i],
  ] as const)('%s: a sentence asks for a retry only when the Retry button is there', (_, t, retryWord) => {
    for (const reason of REASONS)
      for (const retriable of [true, false]) {
        const sentence = errorSentence(t, shown(reason, retriable));
        if (retryWord.test(sentence)) expect(retriable, `${reason}: ${sentence}`).toBe(true);
      }
  });

  it('an invalid parameter from the CRM names both the card and the shop setting', () => {
    expect(errorSentence(zhCN, shown('invalid-card', false, 41))).toBe(zhCN.errors.invalidParameter);
    expect(zhCN.errors.invalidParameter).toMatch(/卡号.*门店设置.*测试连接/);
    expect(en.errors.invalidParameter).toMatch(/card number.*shop setting.*Test connection/);
    // Refused by the local checks (no gateway code): only the card can be wrong.
    expect(errorSentence(zhCN, shown('invalid-card', false))).toBe(zhCN.errors.reasons['invalid-card']);
  });
});

/** A card refused by desk-core's own checks: no gateway code (that would be the CRM's invalid parameter). */
const problem = (detail: Record<string, unknown>) => {
  const outcome = failure('invalid-card', '1119.5000', false, detail) as LookupError;
  const { code: _code, ...local } = outcome.detail;
  return { kind: 'error' as const, seq: 1, cardId: '1119.5000', outcome: { ...outcome, detail: local } };
};

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
