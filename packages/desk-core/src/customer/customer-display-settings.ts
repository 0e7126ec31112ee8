/**
 * The `customerDisplay` setting: defaults, the field rules shared by settings.json,
 * the manager's patch and the provisioning file, and the field-by-field check of a patch. Each
 * problem is a code keyed by its path (`customerDisplay.clearAfterSeconds`), like `scanner.*`.
 */
import { CustomerDisplaySettings, type FieldErrors } from '@balance-desk/contract';
import type { z } from 'zod';
import { isPlainObject } from '../util/plain-object';

/** Off until IT or a manager turns it on: most tills have no second screen. */
export const DEFAULT_CUSTOMER_DISPLAY: Readonly<CustomerDisplaySettings> = Object.freeze({
  enabled: false,
  displayId: null,
  showParts: false,
  clearAfterSeconds: 15,
  locale: 'zh-CN',
});

/** Field rules; unknown keys are refused by the callers that see them (patch, provisioning). */
export const CustomerDisplayFields = CustomerDisplaySettings;

/** A zod issue of one field as a FieldErrors code (the renderer and provisioning translate it). */
function codeOf(issue: z.core.$ZodIssue | undefined): 'out-of-range' | 'invalid-value' {
  if (issue?.code === 'too_big' || issue?.code === 'too_small') return 'out-of-range';
  return 'invalid-value';
}

/**
 * Checks a `customerDisplay` patch field by field. Accepted fields come back for merging; each
 * refused one adds `customerDisplay.<field>` to `errors` (an unknown one: `unknown-field`).
 */
export function checkCustomerDisplayPatch(
  patch: unknown,
  errors: FieldErrors,
): Partial<CustomerDisplaySettings> {
  if (!isPlainObject(patch)) {
    errors['customerDisplay'] = 'invalid-value';
    return {};
  }
  const shape: Record<string, z.ZodType> = CustomerDisplayFields.shape;
  const accepted: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(patch)) {
    if (raw === undefined) continue;
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!schema) {
      errors[`customerDisplay.${key}`] = 'unknown-field';
      continue;
    }
    const result = schema.safeParse(raw);
    if (result.success) accepted[key] = result.data;
    else errors[`customerDisplay.${key}`] = codeOf(result.error.issues[0]);
  }
  return accepted;
}

/** A settings file's `customerDisplay`: missing keys take their defaults, like missing top-level keys. */
export function withCustomerDisplayDefaults(value: unknown): unknown {
  return isPlainObject(value)
    ? { ...DEFAULT_CUSTOMER_DISPLAY, ...value }
    : (value ?? DEFAULT_CUSTOMER_DISPLAY);
}
