/**
 * The code lists both sides of IPC speak: main produces these codes, the renderer translates them.
 * Plain `as const` arrays, so the renderer can bundle them without zod; the schemas at the IPC edge
 * build their enums from these (`z.enum(LOOKUP_ERROR_REASONS)`), so each list exists once.
 */

/**
 * Why a lookup did not produce balances. The renderer switches on this exhaustively to pick the
 * cashier's sentence (docs/ARCHITECTURE.md "One lookup, end to end"). Two of them need a word:
 * `rejected` — the CRM answered `biz_success: false` with its own display text (`result_view`),
 * e.g. a frozen card; that is neither "not found" nor a gateway fault, and the CRM's wording is the
 * best sentence we can show. `invalid-request` — a payload that failed validation at the IPC edge.
 * Store networks: `proxy-unreachable` (the configured or system proxy does not answer),
 * `proxy-auth` (it wants credentials: 407), `proxy-refused` (it refused the tunnel; `detail.code`
 * is its status), `certificate-untrusted` (the gateway's certificate chains to no trusted root —
 * usually a TLS-inspecting proxy whose CA is not installed; `detail.text` names the issuer) and
 * `certificate-mismatch` (a certificate for another host name).
 * `card-state` — the CRM refused because of the card itself (frozen, lost, expired…; `cardState`
 * says which): the card's state, shown like a closed account, not a system fault.
 */
export const LOOKUP_ERROR_REASONS = [
  'invalid-card',
  'not-found',
  'rejected',
  'network',
  'timeout',
  'clock-skew',
  'rate-limited',
  'credentials',
  'permission',
  'gateway',
  'unexpected-response',
  'not-configured',
  'invalid-request',
  'proxy-unreachable',
  'proxy-auth',
  'proxy-refused',
  'certificate-untrusted',
  'certificate-mismatch',
  'card-state',
] as const;

/**
 * What a `card-state` refusal says about the card. `other`: the CRM described the card in words
 * we do not recognise; its own text is in `detail.text`.
 */
export const CARD_STATES = ['frozen', 'lost', 'expired', 'inactive', 'disabled', 'other'] as const;

/** The unit the CRM's integer amounts are in (a manager-visible setting; docs/TOP-PROTOCOL.md §5 "Money unit"). */
export const AMOUNT_UNITS = ['fen', 'yuan'] as const;

export const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export const LOCALES = ['zh-CN', 'en'] as const;
export const GATEWAY_KINDS = ['production', 'sandbox', 'custom'] as const;

/** Things the app tells people about itself, shown as banners (translated by `code`). */
export const NOTICE_CODES = [
  'settings-recovered-from-backup',
  'settings-reset-unreadable',
  'secret-unreadable-reprovision',
  'secure-storage-unavailable',
  'provisioning-applied',
  'provisioning-failed',
  'renderer-restarted',
  'clock-skew-suspected',
  'secure-storage-insecure',
  'settings-unknown-fields-kept',
  /** Settings are missing or unreadable on a terminal that was configured: lookups refused until a manager fixes it. */
  'configuration-missing',
  /** The stored app secret or session key belongs to another gateway than the saved one: enter it again. */
  'credentials-other-gateway',
  /** The clock jumped (journal day files dated far from today): old journal days were kept, not pruned. */
  'clock-jump-detected',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** What a connection test found; `ok` means a signed call went through. */
export const CONNECTION_VERDICTS = [
  'ok',
  'not-configured',
  'unreachable',
  'tls',
  'timeout',
  'bad-app-key',
  'bad-signature',
  'clock-skew',
  'permission',
  'bad-session',
  'bad-shop',
  'unexpected',
  'proxy-unreachable',
  'proxy-auth',
  'proxy-refused',
  'tls-untrusted',
  'tls-host-mismatch',
] as const;

/** What a manager (or IT, by provisioning file) did; the audit trail behind the PIN. */
export const MANAGER_EVENT_KINDS = [
  'pin-verify',
  'pin-set',
  'pin-change',
  'settings-change',
  'connection-test',
  'kiosk-exit',
  'provisioning',
] as const;

/** How it ended. A connection test's outcome is its verdict (`ConnectionVerdict['verdict']`). */
export type ManagerEventOutcome =
  'ok' | 'failed' | 'wrong-pin' | 'locked' | 'not-set' | 'unauthorized' | 'invalid' | 'weak-pin';

/**
 * Why a settings field was refused, keyed by field path (`scanner.minLength`). The settings rules
 * (desk-core's settings schema and the IPC edge's own checks) use these…
 */
const SETTINGS_FIELD_ERROR_CODES = [
  'required',
  'invalid-url',
  'insecure-url',
  'brand-both',
  'shop-both',
  'out-of-range',
  'too-long',
  'invalid-id',
  'invalid-pattern',
  'min-gt-max',
  'invalid-value',
  'unknown-field',
  'invalid-proxy-url',
  'proxy-credentials-in-url',
  'invalid-certificate',
  'certificate-not-ca',
  'certificate-expired',
  'invalid-host',
] as const;
export type SettingsFieldErrorCode = (typeof SETTINGS_FIELD_ERROR_CODES)[number];

/** …and these come from storing a write-only secret (the vault refused, or the proxy it belongs to is missing). */
const SECRET_FIELD_ERROR_CODES = [
  'storage-refused',
  'storage-insecure-needs-consent',
  'storage-failed',
  'proxy-url-needed',
] as const;

/**
 * Why a manager's settings save failed as a whole (`settings:update` answers `failed`):
 * `disk` — a file could not be written, and everything written before it was put back, so nothing
 * changed; `disk-not-undone` — putting it back failed too, so the saved settings may be partly
 * new (the audit trail and the log say which file).
 */
export const SETTINGS_SAVE_FAILURES = ['disk', 'disk-not-undone'] as const;
export type SettingsSaveFailure = (typeof SETTINGS_SAVE_FAILURES)[number];

/** Every code a field error may carry across IPC. */
export const FIELD_ERROR_CODES = [...SETTINGS_FIELD_ERROR_CODES, ...SECRET_FIELD_ERROR_CODES] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * One refused field, as it crosses IPC: a dotted path (`patch.scanner.maxGapMs`) and a code from
 * FIELD_ERROR_CODES. Never the value (it may be a secret typed into the wrong field).
 */
export interface FieldIssue {
  path: string;
  code: FieldErrorCode;
}
