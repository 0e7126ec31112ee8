/**
 * A manager's change, checked field by field with codes the UI translates, then the rules
 * between fields on the merged result. Nothing is written unless every field passes.
 */
import type { FieldErrors, SettingsFieldErrorCode } from '@balance-desk/contract';
import { foldFullWidth, normalizeOutId } from '@balance-desk/recharge';
import type { z } from 'zod';
import type { Settings } from '../../ports';
import { isPlainObject } from '../../util/plain-object';
import { ScannerFields, SettingsFields, codeOfIssue, crossFieldErrors } from './settings-schema';
import { checkPrinter } from '../../output/printer-settings';
import { checkCustomerDisplayPatch } from '../../customer/customer-display-settings';

export type PatchResult = { ok: true; settings: Settings } | { ok: false; fieldErrors: FieldErrors };

/** Secrets go to the Vault, never into settings.json; the caller routes them (ports.ts SettingsStore.update). */
const SECRET_KEYS = new Set(['appSecret', 'sessionKey', 'proxyCredentials']);
/** Not changeable through a patch. */
const FIXED_KEYS = new Set(['schemaVersion']);
/** Platform ids typed by an IME in full-width mode arrive as `１２３`; TOP wants ASCII. */
const FOLDED_KEYS = new Set(['appKey', 'brandId', 'shopId']);
/**
 * Merchant-chosen `out_*` ids are the merchant's own text (`西湖店-01`, even `ＡＢ`): trimmed the way
 * recharge trims them, never folded, so the id saved is the id sent (recharge/normalize.ts).
 */
const OUT_ID_KEYS = new Set(['outBrandId', 'outShopId']);
const TRIMMED_KEYS = new Set([...FOLDED_KEYS, 'gatewayUrl', 'shopName', 'proxyUrl']);

/** Trims text fields and folds full-width ASCII in platform ids, as a manager's form or an IT file may carry them. */
export function normalizeSettingValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (OUT_ID_KEYS.has(key)) {
    const out = normalizeOutId(value, key);
    // A bad id is passed on trimmed, for the schema to refuse with its code.
    return out === undefined ? '' : out.ok ? out.value : value.trim();
  }
  const folded = FOLDED_KEYS.has(key) ? foldFullWidth(value) : value;
  return TRIMMED_KEYS.has(key) ? folded.trim() : folded;
}

function check(
  schema: z.ZodType,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; code: SettingsFieldErrorCode } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const [first] = result.error.issues;
  return { ok: false, code: first ? codeOfIssue(first) : 'invalid-value' };
}

function checkScanner(patch: unknown, errors: FieldErrors): Record<string, unknown> {
  if (!isPlainObject(patch)) {
    errors['scanner'] = 'invalid-value';
    return {};
  }
  const shape: Record<string, z.ZodType> = ScannerFields.shape;
  const accepted: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(patch)) {
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!schema) {
      errors[`scanner.${key}`] = 'unknown-field';
      continue;
    }
    const result = check(schema, raw);
    if (result.ok) accepted[key] = result.value;
    else errors[`scanner.${key}`] = result.code;
  }
  return accepted;
}

/** `patch` is untrusted (IPC, web bridge, provisioning): anything may be in it. */
export function applySettingsPatch(current: Settings, patch: unknown): PatchResult {
  if (!isPlainObject(patch)) return { ok: false, fieldErrors: { '(patch)': 'invalid-value' } };
  const shape: Record<string, z.ZodType> = SettingsFields.shape;
  const errors: FieldErrors = {};
  const accepted: Record<string, unknown> = {};
  let scanner: Record<string, unknown> = {};
  let customerDisplay: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(patch)) {
    if (SECRET_KEYS.has(key) || raw === undefined) continue;
    if (key === 'scanner') {
      scanner = checkScanner(raw, errors);
      continue;
    }
    if (key === 'printer') {
      // Replaced whole; each of its problems at its own path (`printer.host`).
      const printer = checkPrinter(raw);
      if (printer.ok) accepted[key] = printer.printer;
      else for (const { path, code } of printer.errors) errors[path] = code;
      continue;
    }
    if (key === 'customerDisplay') {
      customerDisplay = checkCustomerDisplayPatch(raw, errors);
      continue;
    }
    const schema = Object.hasOwn(shape, key) && !FIXED_KEYS.has(key) ? shape[key] : undefined;
    if (!schema) {
      errors[key] = 'unknown-field';
      continue;
    }
    const result = check(schema, normalizeSettingValue(key, raw));
    if (result.ok) accepted[key] = result.value;
    else errors[key] = result.code;
  }
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };

  const merged = {
    ...current,
    ...accepted,
    scanner: { ...current.scanner, ...scanner },
    customerDisplay: { ...current.customerDisplay, ...customerDisplay },
  } as Settings;
  const cross = crossFieldErrors(merged);
  if (Object.keys(cross).length > 0) return { ok: false, fieldErrors: cross };
  return { ok: true, settings: merged };
}
