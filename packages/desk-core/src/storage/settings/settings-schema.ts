/**
 * The one settings schema (v1): field rules, defaults and the cross-field rules. The store's
 * file check and the manager's `update(patch)` both use these, so a value the UI may save is
 * exactly a value the store may load.
 */
import {
  AmountUnit,
  DEFAULT_SCANNER_SETTINGS,
  DEFAULT_SCREEN_SETTINGS,
  GatewayKind,
  Locale,
  ScannerSettings,
  SignMethod,
  type FieldErrors,
  type SettingsFieldErrorCode,
} from '@balance-desk/contract';
import { MAX_OUT_ID_LENGTH, normalizeOutId } from '@balance-desk/recharge';
import { z } from 'zod';
import type { Settings } from '../../ports';
import { checkCaCertificates, MAX_CA_TEXT } from '../../network/trust';
import { checkGatewayUrl, checkProxyUrl } from './gateway';
import { PrinterField } from '../../output/printer-settings';
import { CustomerDisplayFields, DEFAULT_CUSTOMER_DISPLAY } from '../../customer/customer-display-settings';

export const SETTINGS_SCHEMA_VERSION = 1;

/** The scanner tuning of a fresh terminal (the contract's model: the renderer starts with it too). */
const DEFAULT_SCANNER: ScannerSettings = DEFAULT_SCANNER_SETTINGS;

/** A fresh terminal: production gateway, nothing identifying configured, not kiosk (IT turns that on by provisioning). */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  schemaVersion: 1,
  gatewayKind: 'production',
  gatewayUrl: '',
  appKey: '',
  signMethod: 'hmac-sha256',
  brandId: '',
  outBrandId: '',
  shopId: '',
  outShopId: '',
  shopName: '',
  locale: DEFAULT_SCREEN_SETTINGS.locale,
  amountUnit: 'fen',
  idleClearSeconds: DEFAULT_SCREEN_SETTINGS.idleClearSeconds,
  requestTimeoutMs: DEFAULT_SCREEN_SETTINGS.requestTimeoutMs,
  scanner: Object.freeze({ ...DEFAULT_SCANNER }),
  readToneVolume: DEFAULT_SCREEN_SETTINGS.readToneVolume,
  readFlash: DEFAULT_SCREEN_SETTINGS.readFlash,
  kiosk: false,
  startAtLogin: false,
  insecureStorageAccepted: false,
  proxyUrl: '',
  caCertificates: '',
  printer: null,
  customerDisplay: DEFAULT_CUSTOMER_DISPLAY,
} satisfies Settings);

/** A mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    scanner: { ...DEFAULT_SETTINGS.scanner },
    customerDisplay: { ...DEFAULT_SETTINGS.customerDisplay },
  };
}

function fail(ctx: z.RefinementCtx, code: SettingsFieldErrorCode, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: { code } });
}

/** `''` (not set) or printable ASCII without spaces, like TOP's own ids (recharge's normalizePlatformId). */
const id = z
  .string()
  .max(64)
  .regex(/^[\x21-\x7E]*$/, 'printable ASCII without spaces');

/**
 * `''` (not set) or a merchant's own `out_*` id exactly as recharge sends it (its normalizeOutId):
 * any printable Unicode without whitespace, up to MAX_OUT_ID_LENGTH code points, e.g. `西湖店-01`.
 */
const outId = z.string().superRefine((value, ctx) => {
  if (value === '') return;
  const checked = normalizeOutId(value, 'id');
  if (checked?.ok && checked.value === value) return;
  if ([...value].length > MAX_OUT_ID_LENGTH)
    fail(ctx, 'too-long', `must be at most ${MAX_OUT_ID_LENGTH} characters`);
  else fail(ctx, 'invalid-id', 'must be printable characters without spaces');
});

const gatewayUrl = z
  .string()
  .max(2048)
  .superRefine((url, ctx) => {
    if (url === '') return;
    const problem = checkGatewayUrl(url);
    if (problem === 'insecure-url')
      fail(ctx, problem, 'http is allowed only to a loopback address; use https');
    if (problem === 'invalid-url') fail(ctx, problem, 'not an http(s) URL');
  });

const proxyUrl = z
  .string()
  .max(2048)
  .superRefine((url, ctx) => {
    if (url === '') return;
    const problem = checkProxyUrl(url);
    if (problem === 'proxy-credentials-in-url')
      fail(
        ctx,
        problem,
        'must not contain a user name or password; put them in proxyCredentials as "user:password"',
      );
    else if (problem) fail(ctx, problem, 'must be the proxy as http://host:port (no path)');
  });

const caCertificates = z
  .string()
  .max(MAX_CA_TEXT)
  .superRefine((text, ctx) => {
    if (text.trim() === '') return;
    const checked = checkCaCertificates(text);
    if (checked.ok) return;
    const which = checked.index > 0 ? `certificate ${checked.index}` : 'the text around the certificates';
    if (checked.code === 'certificate-not-ca')
      fail(ctx, checked.code, `must hold CA certificates only; ${which} is not one (give the root CA)`);
    else if (checked.code === 'certificate-expired')
      fail(ctx, checked.code, `must hold valid certificates; ${which} is expired or not yet valid`);
    else
      fail(
        ctx,
        checked.code,
        `must hold PEM certificates (-----BEGIN CERTIFICATE-----…) and nothing else; ${which} is not one`,
      );
  });

/** Capture groups in a pattern: `(?:p)|` matches '' and its exec() result has one slot per group. */
function captureGroups(pattern: string): number | undefined {
  try {
    return (new RegExp(`(?:${pattern})|`).exec('')?.length ?? 1) - 1;
  } catch {
    return undefined;
  }
}

const extractPattern = z
  .string()
  .max(256)
  .superRefine((pattern, ctx) => {
    if (pattern !== '' && captureGroups(pattern) !== 1) {
      fail(ctx, 'invalid-pattern', 'must be a valid regular expression with exactly one capture group');
    }
  });

export const ScannerFields = ScannerSettings.extend({ extractPattern });

export const SettingsFields = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  gatewayKind: GatewayKind,
  gatewayUrl,
  appKey: id,
  signMethod: SignMethod,
  brandId: id,
  outBrandId: outId,
  shopId: id,
  outShopId: outId,
  shopName: z.string().max(64),
  locale: Locale,
  amountUnit: AmountUnit,
  idleClearSeconds: z.number().int().min(5).max(3600),
  requestTimeoutMs: z.number().int().min(1000).max(60_000),
  scanner: ScannerFields,
  readToneVolume: z.number().int().min(0).max(100),
  readFlash: z.boolean(),
  kiosk: z.boolean(),
  startAtLogin: z.boolean(),
  insecureStorageAccepted: z.boolean(),
  proxyUrl,
  caCertificates,
  printer: PrinterField,
  customerDisplay: CustomerDisplayFields,
});

/** Rules between fields, keyed like FieldErrors (`scanner.minLength`). */
export function crossFieldErrors(settings: Settings): FieldErrors {
  const errors: FieldErrors = {};
  if (settings.gatewayKind === 'custom' && settings.gatewayUrl === '') errors['gatewayUrl'] = 'required';
  // The CRM takes exactly one of each pair (docs/TOP-PROTOCOL.md §5 "Request"); both set would be ambiguous.
  if (settings.brandId !== '' && settings.outBrandId !== '') {
    errors['brandId'] = 'brand-both';
    errors['outBrandId'] = 'brand-both';
  }
  if (settings.shopId !== '' && settings.outShopId !== '') {
    errors['shopId'] = 'shop-both';
    errors['outShopId'] = 'shop-both';
  }
  if (settings.scanner.minLength > settings.scanner.maxLength) errors['scanner.minLength'] = 'min-gt-max';
  return errors;
}

/** The whole-file check: field rules, then cross-field rules. */
export const SettingsFileSchema = SettingsFields.superRefine((settings, ctx) => {
  for (const [path, code] of Object.entries(crossFieldErrors(settings))) {
    ctx.addIssue({ code: 'custom', path: path.split('.'), message: code, params: { code } });
  }
});

/** Maps a zod issue to the code the UI translates. */
export function codeOfIssue(issue: z.core.$ZodIssue): SettingsFieldErrorCode {
  if (issue.code === 'custom') {
    const code = (issue.params as { code?: SettingsFieldErrorCode } | undefined)?.code;
    return code ?? 'invalid-value';
  }
  if (issue.code === 'too_big' || issue.code === 'too_small')
    return issue.origin === 'string' ? 'too-long' : 'out-of-range';
  if (issue.code === 'invalid_format') return 'invalid-id';
  if (issue.code === 'unrecognized_keys') return 'unknown-field';
  return 'invalid-value';
}

/** One line per problem for logs and notices: `idleClearSeconds: out-of-range`. Never a value. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${codeOfIssue(issue)}`).join('; ');
}
