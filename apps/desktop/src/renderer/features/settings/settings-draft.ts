import type {
  FieldErrorCode,
  FieldIssue,
  ScannerSettings,
  SettingsPatch,
  SettingsView,
} from '@balance-desk/contract';
import { printerFromValues, printerValues, samePrinter, type PrinterField } from './printer-draft';

/**
 * The settings form's working copy: what the manager typed, kept as typed (numbers as text) so a
 * validation error never loses input. Field names are the `fieldErrors` keys (`scanner.minLength`).
 */

/**
 * What the form shows at a field: the contract's codes (desk-core's checks, the IPC edge's) and
 * the one the form finds itself before sending. The dictionaries translate exactly these
 * (`satisfies Record<FormFieldErrorCode, string>`).
 */
export type FormFieldErrorCode = FieldErrorCode | 'not-an-integer';
export type FormFieldErrors = Record<string, FormFieldErrorCode>;

const TEXT_FIELDS = [
  'gatewayUrl',
  'appKey',
  'brandId',
  'outBrandId',
  'shopId',
  'outShopId',
  'shopName',
  'proxyUrl',
  'caCertificates',
] as const;
const CHOICE_FIELDS = ['gatewayKind', 'signMethod', 'locale', 'amountUnit'] as const;
const NUMBER_FIELDS = ['idleClearSeconds', 'requestTimeoutMs', 'readToneVolume'] as const;
const SCANNER_NUMBER_FIELDS = [
  'minLength',
  'maxLength',
  'maxAvgIntervalMs',
  'maxGapMs',
  'flushAfterMs',
  'stallWindowMs',
] as const;
const SCANNER_TEXT_FIELDS = ['terminator', 'prefix', 'suffix', 'extractPattern'] as const;
const FLAG_FIELDS = ['kiosk', 'startAtLogin', 'insecureStorageAccepted', 'readFlash'] as const;
const SECRET_FIELDS = ['appSecret', 'sessionKey', 'proxyCredentials'] as const;
/** The customer display's fields (`customerDisplay.*`); `displayId` '' is "automatic" (null). */
const CUSTOMER_FLAG_FIELDS = ['enabled', 'showParts'] as const;
type CustomerValue = 'displayId' | 'clearAfterSeconds' | 'locale';
type CustomerFlag = (typeof CUSTOMER_FLAG_FIELDS)[number];

type ScannerNumber = (typeof SCANNER_NUMBER_FIELDS)[number];
type ScannerText = (typeof SCANNER_TEXT_FIELDS)[number];
export type ValueField =
  | (typeof TEXT_FIELDS)[number]
  | (typeof CHOICE_FIELDS)[number]
  | (typeof NUMBER_FIELDS)[number]
  | `scanner.${ScannerNumber | ScannerText}`
  | PrinterField
  | `customerDisplay.${CustomerValue}`;
export type FlagField = (typeof FLAG_FIELDS)[number] | `customerDisplay.${CustomerFlag}`;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** Write-only secrets: the form never sees them, only whether one is set. */
export type SecretEdit = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'clear' };

export interface SettingsDraft {
  values: Record<ValueField, string>;
  flags: Record<FlagField, boolean>;
  secrets: Record<SecretField, SecretEdit>;
}

export function draftFromView(view: SettingsView): SettingsDraft {
  const values = {} as Record<ValueField, string>;
  for (const f of TEXT_FIELDS) values[f] = view[f];
  for (const f of CHOICE_FIELDS) values[f] = view[f];
  for (const f of NUMBER_FIELDS) values[f] = String(view[f]);
  for (const f of SCANNER_NUMBER_FIELDS) values[`scanner.${f}`] = String(view.scanner[f]);
  for (const f of SCANNER_TEXT_FIELDS) values[`scanner.${f}`] = view.scanner[f];
  Object.assign(values, printerValues(view.printer));
  const customer = view.customerDisplay;
  values['customerDisplay.displayId'] = customer.displayId === null ? '' : String(customer.displayId);
  values['customerDisplay.clearAfterSeconds'] = String(customer.clearAfterSeconds);
  values['customerDisplay.locale'] = customer.locale;
  return {
    values,
    flags: {
      kiosk: view.kiosk,
      startAtLogin: view.startAtLogin,
      insecureStorageAccepted: view.insecureStorageAccepted,
      readFlash: view.readFlash,
      'customerDisplay.enabled': customer.enabled,
      'customerDisplay.showParts': customer.showParts,
    },
    secrets: {
      appSecret: { kind: 'keep' },
      sessionKey: { kind: 'keep' },
      proxyCredentials: { kind: 'keep' },
    },
  };
}

function sameEdit(a: SecretEdit, b: SecretEdit): boolean {
  return a.kind === b.kind && (a.kind !== 'set' || (b.kind === 'set' && a.value === b.value));
}

/**
 * After a save: the server's values, except fields the manager changed while the save was on the
 * wire (`current` differs from what was `sent`) — those keep what was typed.
 */
export function mergeDraft(saved: SettingsDraft, sent: SettingsDraft, current: SettingsDraft): SettingsDraft {
  const merged: SettingsDraft = {
    values: { ...saved.values },
    flags: { ...saved.flags },
    secrets: { ...saved.secrets },
  };
  for (const f of Object.keys(current.values) as ValueField[])
    if (current.values[f] !== sent.values[f]) merged.values[f] = current.values[f];
  for (const f of Object.keys(current.flags) as FlagField[])
    if (current.flags[f] !== sent.flags[f]) merged.flags[f] = current.flags[f];
  for (const f of SECRET_FIELDS)
    if (!sameEdit(current.secrets[f], sent.secrets[f])) merged.secrets[f] = current.secrets[f];
  return merged;
}

const INTEGER = /^\s*-?\d{1,9}\s*$/;

/**
 * The patch of what changed, or the fields whose text is not a whole number. Choice values come
 * from the form's own option lists; desk-core validates every field again anyway.
 */
export function patchFromDraft(
  draft: SettingsDraft,
  view: SettingsView,
): { patch: SettingsPatch; errors: FormFieldErrors } {
  const patch: Record<string, unknown> = {};
  const scanner: Partial<Record<keyof ScannerSettings, unknown>> = {};
  const errors: FormFieldErrors = {};

  const number = (field: ValueField): number | undefined => {
    const text = draft.values[field];
    if (!INTEGER.test(text)) {
      errors[field] = 'not-an-integer';
      return undefined;
    }
    return Number.parseInt(text, 10);
  };

  for (const f of [...TEXT_FIELDS, ...CHOICE_FIELDS])
    if (draft.values[f] !== view[f]) patch[f] = draft.values[f];
  for (const f of NUMBER_FIELDS) {
    const n = number(f);
    if (n !== undefined && n !== view[f]) patch[f] = n;
  }
  for (const f of SCANNER_NUMBER_FIELDS) {
    const n = number(`scanner.${f}`);
    if (n !== undefined && n !== view.scanner[f]) scanner[f] = n;
  }
  for (const f of SCANNER_TEXT_FIELDS)
    if (draft.values[`scanner.${f}`] !== view.scanner[f]) scanner[f] = draft.values[`scanner.${f}`];
  if (Object.keys(scanner).length > 0) patch['scanner'] = scanner;
  const printer = printerFromValues(draft.values, errors);
  if (printer !== undefined && !samePrinter(printer, view.printer)) patch['printer'] = printer;
  for (const f of FLAG_FIELDS) if (draft.flags[f] !== view[f]) patch[f] = draft.flags[f];
  const customer = customerPatch(draft, view, number);
  if (Object.keys(customer).length > 0) patch['customerDisplay'] = customer;
  for (const f of SECRET_FIELDS) {
    const edit = draft.secrets[f];
    if (edit.kind === 'set' && edit.value !== '') patch[f] = edit.value;
    if (edit.kind === 'clear') patch[f] = null;
  }
  return { patch, errors };
}

/** What changed in the customer display's fields. */
function customerPatch(
  draft: SettingsDraft,
  view: SettingsView,
  number: (field: ValueField) => number | undefined,
): Record<string, unknown> {
  const saved = view.customerDisplay;
  const out: Record<string, unknown> = {};
  for (const f of CUSTOMER_FLAG_FIELDS)
    if (draft.flags[`customerDisplay.${f}`] !== saved[f]) out[f] = draft.flags[`customerDisplay.${f}`];
  const display = draft.values['customerDisplay.displayId'];
  // Display ids (Windows, macOS) often have ten digits: wider than the other whole-number fields.
  const displayId =
    display.trim() === ''
      ? null
      : /^\s*\d{1,15}\s*$/.test(display)
        ? Number(display)
        : number('customerDisplay.displayId');
  if (displayId !== undefined && displayId !== saved.displayId) out['displayId'] = displayId;
  const clear = number('customerDisplay.clearAfterSeconds');
  if (clear !== undefined && clear !== saved.clearAfterSeconds) out['clearAfterSeconds'] = clear;
  if (draft.values['customerDisplay.locale'] !== saved.locale)
    out['locale'] = draft.values['customerDisplay.locale'];
  return out;
}

export function isEmptyPatch(patch: SettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}

/**
 * The IPC edge checks the patch before desk-core sees it and names what it refused as
 * `{path: 'patch.idleClearSeconds', code: 'out-of-range'}`: shown at the field like desk-core's own.
 */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[]): FormFieldErrors {
  const errors: FormFieldErrors = {};
  for (const { path, code } of issues)
    if (path.startsWith('patch.')) errors[path.slice('patch.'.length)] = code;
  return errors;
}
