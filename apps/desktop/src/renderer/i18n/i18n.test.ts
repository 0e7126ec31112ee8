import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fieldErrorText } from './index';
import { zhCN } from './zh-CN';

/** Both dictionaries have the same shape (the type already says so; this also catches `as` escapes). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}:${typeof value}`];
  return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
}

describe('dictionaries', () => {
  it('zh-CN and en have the same keys and kinds', () => {
    expect(shape(en).sort()).toEqual(shape(zhCN).sort());
  });

  it('say something for every error reason (the `satisfies Record<LookupErrorReason, …>` makes the list complete)', () => {
    for (const reason of Object.keys(zhCN.errors.reasons) as (keyof typeof zhCN.errors.reasons)[]) {
      expect(zhCN.errors.reasons[reason].length).toBeGreaterThan(5);
      expect(en.errors.reasons[reason].length).toBeGreaterThan(5);
    }
    expect(Object.keys(zhCN.errors.reasons)).toHaveLength(19);
  });

  it('translate a known field error code and still show an unknown one', () => {
    expect(fieldErrorText(en, 'min-gt-max')).toBe('The minimum length cannot exceed the maximum.');
    expect(fieldErrorText(zhCN, 'brand-new-code')).toBe('无效的值（brand-new-code）。');
  });
});
