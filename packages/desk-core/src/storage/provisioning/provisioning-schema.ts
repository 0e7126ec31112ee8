/**
 * The provisioning file's schema (docs/PROVISIONING.md). Every problem is reported at once, each
 * with its JSON path and a plain English sentence for the IT person reading a log — never with
 * the value, since the file holds the app secret and the PIN.
 */
import { GatewayKind, type SettingsFieldErrorCode } from '@balance-desk/contract';
import { z } from 'zod';
import { gatewayKindForUrl } from '../settings/gateway';
import { checkPinStrength } from '../pin/pin-hash';
import { CustomerDisplayFields } from '../../customer/customer-display-settings';
import { ScannerFields, SettingsFields } from '../settings/settings-schema';

export interface ProvisioningError {
  /** Dotted JSON path (`scanner.minLength`), `$` for the whole file. */
  path: string;
  message: string;
}

const S = SettingsFields.shape;

/** Settings a file may carry, with the same rules as the settings screen. */
export const PROVISIONED_SETTING_KEYS = [
  'gatewayKind',
  'gatewayUrl',
  'appKey',
  'signMethod',
  'brandId',
  'outBrandId',
  'shopId',
  'outShopId',
  'shopName',
  'locale',
  'amountUnit',
  'idleClearSeconds',
  'requestTimeoutMs',
  'scanner',
  'kiosk',
  'startAtLogin',
  'insecureStorageAccepted',
  'proxyUrl',
  'caCertificates',
  'readToneVolume',
  'readFlash',
  'printer',
  'customerDisplay',
] as const;

export const ProvisioningFileSchema = z.strictObject({
  gatewayKind: GatewayKind.optional(),
  gatewayUrl: S.gatewayUrl.optional(),
  appKey: S.appKey.optional(),
  appSecret: z.string().min(1).max(256).optional(),
  sessionKey: z.string().min(1).max(512).nullable().optional(),
  signMethod: S.signMethod.optional(),
  brandId: S.brandId.optional(),
  outBrandId: S.outBrandId.optional(),
  shopId: S.shopId.optional(),
  outShopId: S.outShopId.optional(),
  shopName: S.shopName.optional(),
  locale: S.locale.optional(),
  amountUnit: S.amountUnit.optional(),
  idleClearSeconds: S.idleClearSeconds.optional(),
  requestTimeoutMs: S.requestTimeoutMs.optional(),
  scanner: ScannerFields.partial().strict().optional(),
  kiosk: z.boolean().optional(),
  startAtLogin: z.boolean().optional(),
  insecureStorageAccepted: z.boolean().optional(),
  proxyUrl: S.proxyUrl.optional(),
  caCertificates: S.caCertificates.optional(),
  /** `user:password` for the proxy: moved to the vault and erased from the file, like the app secret. */
  proxyCredentials: z.string().min(1).max(512).nullable().optional(),
  readToneVolume: S.readToneVolume.optional(),
  readFlash: S.readFlash.optional(),
  /** The slip printer, or null for none (docs/PRINTING.md); field rules in output/printer-settings.ts. */
  printer: S.printer.optional(),
  /** The customer-facing display; keys left out keep their current value. */
  customerDisplay: CustomerDisplayFields.partial().strict().optional(),
  /** Checked in crossFieldProblems: a string, since a PIN may start with 0, which a JSON number would lose. */
  managerPin: z.unknown().optional(),
  provisionedAt: z.string().optional(),
  secretsMovedToVault: z.boolean().optional(),
});

/**
 * Rules between fields, checked on the raw object so they are reported together with the field
 * errors (zod skips refinements of an object that already has issues).
 */
export function crossFieldProblems(raw: Record<string, unknown>): ProvisioningError[] {
  const out: ProvisioningError[] = [];
  const issue = (path: string, message: string): void => void out.push({ path, message });
  const text = (key: string): string | undefined =>
    typeof raw[key] === 'string' ? raw[key].trim() : undefined;
  if (raw['appKey'] === undefined || text('appKey') === '') issue('appKey', 'is required');
  if (raw['appSecret'] === undefined && raw['secretsMovedToVault'] !== true) {
    issue(
      'appSecret',
      'is required (only a file already provisioned, with "secretsMovedToVault": true, may leave it out)',
    );
  }
  const pairs = [
    ['brandId', 'outBrandId'],
    ['shopId', 'outShopId'],
  ] as const;
  for (const [a, b] of pairs) {
    // '' counts as absent: templates often carry both keys with one left blank.
    const given = [a, b].filter(
      (key) => raw[key] !== undefined && raw[key] !== null && text(key) !== '',
    ).length;
    if (given === 0) issue(a, `one of ${a} or ${b} is required`);
    if (given === 2) issue(b, `give only one of ${a} or ${b}, not both`);
  }
  const kind = raw['gatewayKind'];
  const url = text('gatewayUrl');
  if (!url && (kind === undefined || kind === 'custom')) {
    issue('gatewayUrl', 'is required (or set gatewayKind to "production" or "sandbox")');
  }
  if (url && (kind === 'production' || kind === 'sandbox')) {
    const urlKind = gatewayKindForUrl(url);
    if (urlKind !== kind)
      issue(
        'gatewayKind',
        `says ${kind} but gatewayUrl is ${urlKind === 'custom' ? 'not a TOP gateway' : `the ${urlKind} gateway`}`,
      );
  }
  if (typeof raw['managerPin'] === 'string') {
    const strength = checkPinStrength(raw['managerPin']);
    if (strength === 'invalid') issue('managerPin', 'must be 4 to 12 digits, written as a string in quotes');
    if (strength === 'weak')
      issue('managerPin', 'is too easy to guess (repeated or consecutive digits); choose another');
  } else if (raw['managerPin'] !== undefined) {
    issue(
      'managerPin',
      'must be 4 to 12 digits, written as a string in quotes (a number would lose a leading 0)',
    );
  }
  return out;
}

/** Plain sentences for the settings-field codes (a final check against the current settings can yield them). */
export const CODE_MESSAGES: Record<SettingsFieldErrorCode, string> = {
  required: 'is required',
  'invalid-url': 'is not a valid http(s) URL',
  'insecure-url': 'must use https (plain http is allowed only to 127.0.0.1, localhost or [::1])',
  'brand-both': 'give only one of brandId or outBrandId, not both',
  'shop-both': 'give only one of shopId or outShopId, not both',
  'out-of-range': 'is out of range',
  'too-long': 'is too long',
  'invalid-id':
    'has characters an id may not contain (spaces, control characters; platform ids: printable ASCII only)',
  'invalid-pattern': 'must be a regular expression with exactly one capture group',
  'min-gt-max': 'must not be greater than maxLength',
  'invalid-value': 'is not an allowed value',
  'unknown-field': 'is not a known field',
  'invalid-proxy-url': 'must be the proxy as http://host:port (no path)',
  'proxy-credentials-in-url':
    'must not contain a user name or password; put them in "proxyCredentials" as "user:password"',
  'invalid-certificate':
    'must be one or more PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----) and nothing else',
  'certificate-not-ca': 'holds a certificate that is not a CA certificate; give the root (or issuing) CA',
  'certificate-expired': 'holds a certificate that is expired or not yet valid',
  'invalid-host': "must be the printer's IP address or host name only (no http://, no :port, no spaces)",
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
};

const KNOWN_KEYS = Object.keys(ProvisioningFileSchema.shape);
const KNOWN_SCANNER_KEYS = Object.keys(ScannerFields.shape);
const KNOWN_CUSTOMER_DISPLAY_KEYS = Object.keys(CustomerDisplayFields.shape);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** `shopID` → `did you mean "shopId"?` — the usual IT typo. Only the key is echoed, never a value. */
function unknownKeyMessage(key: string, known: readonly string[]): string {
  const close =
    known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => distance(k, key) <= 2);
  return close ? `is not a known field; did you mean "${close}"?` : 'is not a known field';
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return 'must be printable ASCII without spaces';
    default:
      return issue.message;
  }
}

/** One error per offending path (the first problem found there), in file order. */
export function provisioningErrors(issues: readonly z.core.$ZodIssue[]): ProvisioningError[] {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const where = base.join('.');
      const known =
        where === 'scanner'
          ? KNOWN_SCANNER_KEYS
          : where === 'customerDisplay'
            ? KNOWN_CUSTOMER_DISPLAY_KEYS
            : KNOWN_KEYS;
      for (const key of issue.keys) {
        const path = [...base, key].join('.');
        if (!out.has(path)) out.set(path, unknownKeyMessage(key, known));
      }
      continue;
    }
    const path = base.join('.') || '$';
    if (!out.has(path)) out.set(path, messageOf(issue));
  }
  return [...out].map(([path, message]) => ({ path, message }));
}
