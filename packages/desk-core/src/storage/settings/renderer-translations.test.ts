import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The renderer may import only contract types, so the drift check lives on this side and reads the
// renderer's dictionaries by path (they import nothing at run time).
import { en } from '../../../../../apps/desktop/src/renderer/i18n/en';
import { FIELD_ERROR_CODES, zhCN } from '../../../../../apps/desktop/src/renderer/i18n/zh-CN';
import { SETTINGS_FIELD_ERROR_CODES } from '../index';

/** Codes the renderer finds itself, never sent by desk-core. */
const RENDERER_ONLY = ['not-an-integer'];

/**
 * Every string literal assigned to a field error in desk-core's sources (`errors[x] = 'code'`,
 * including both arms of a `? :`). The vault's refusal codes exist only as such literals.
 */
function assignedCodes(): Set<string> {
  const dir = path.join(import.meta.dirname, '../..');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('test-support'),
  );
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const [, rhs = ''] of source.matchAll(/errors\[[^\]]+\]\s*=\s*([^;]+);/g))
      // A comparison in the condition (`why === 'unavailable'`) is not a code.
      for (const [, code = ''] of rhs.replace(/[!=]==?\s*'[^']*'/g, '').matchAll(/'([a-z][a-z-]*)'/g))
        codes.add(code);
  }
  return codes;
}

describe('the renderer translates exactly the field-error codes desk-core sends', () => {
  it('finds the vault refusal codes in desk-core (the scan itself works)', () => {
    const codes = assignedCodes();
    for (const code of ['storage-refused', 'storage-insecure-needs-consent', 'storage-failed', 'required'])
      expect(codes).toContain(code);
    expect(codes).not.toContain('unavailable'); // a comparison, not a code
  });

  it('FIELD_ERROR_CODES = SETTINGS_FIELD_ERROR_CODES + the vault codes + the form’s own', () => {
    const sent = new Set<string>([...SETTINGS_FIELD_ERROR_CODES, ...assignedCodes()]);
    const listed = FIELD_ERROR_CODES.filter((c) => !RENDERER_ONLY.includes(c));
    expect([...new Set(listed)].sort()).toEqual([...sent].sort());
    expect(listed).toHaveLength(new Set(listed).size);
  });

  it('both dictionaries have a sentence for every code and nothing else', () => {
    for (const dict of [zhCN, en]) {
      expect(Object.keys(dict.settings.fieldErrors).sort()).toEqual([...FIELD_ERROR_CODES].sort());
      for (const text of Object.values(dict.settings.fieldErrors)) expect(text.length).toBeGreaterThan(2);
    }
  });
});
