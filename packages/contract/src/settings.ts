import { z } from 'zod';
import {
  FIELD_ERROR_CODES,
  GATEWAY_KINDS,
  LOCALES,
  SCANNER_TERMINATORS,
  SIGN_METHODS,
  type ScannerTuning,
} from './model';
import { CustomerDisplaySettings } from './customer-display';
import { AmountUnit } from './outcome';
import { PrinterSettingsInput, PrinterSettingsView } from './printing';

export const SignMethod = z.enum(SIGN_METHODS);
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
export const GatewayKind = z.enum(GATEWAY_KINDS);
export type GatewayKind = z.infer<typeof GatewayKind>;

/** Keyboard-wedge scanner tuning (scanners differ: Honeywell ≈ 10 ms/key, Zebra up to 80–100 ms). */
export const ScannerSettings = z.object({
  terminator: z.enum(SCANNER_TERMINATORS),
  prefix: z.string().max(16),
  suffix: z.string().max(16),
  minLength: z.number().int().min(1).max(64),
  maxLength: z.number().int().min(1).max(256),
  /** A burst whose average inter-key time is at most this is a scan. */
  maxAvgIntervalMs: z.number().int().min(5).max(200),
  /** Any single gap above this ends the burst (a human typed it). */
  maxGapMs: z.number().int().min(10).max(500),
  /** A scanner that sends no terminator is flushed this long after its last key. */
  flushAfterMs: z.number().int().min(20).max(2000),
  /**
   * A scan that stops mid-way (a busy machine, a USB hiccup) and goes on within this long is joined
   * back together; one that does not is dropped as incomplete, never looked up as a fragment.
   */
  stallWindowMs: z.number().int().min(0).max(5000),
  /** Optional regex with one capture group that extracts the card id from a URL or prefixed payload. */
  extractPattern: z.string().max(256),
}) satisfies z.ZodType<ScannerTuning>;
export type ScannerSettings = z.infer<typeof ScannerSettings>;

/** Everything the renderer may know about the settings: never a secret, only whether one is set. */
export const SettingsView = z.object({
  schemaVersion: z.number().int(),
  gatewayKind: GatewayKind,
  gatewayUrl: z.string(),
  appKey: z.string(),
  hasAppSecret: z.boolean(),
  hasSession: z.boolean(),
  signMethod: SignMethod,
  brandId: z.string(),
  outBrandId: z.string(),
  shopId: z.string(),
  outShopId: z.string(),
  shopName: z.string(),
  locale: Locale,
  amountUnit: AmountUnit,
  idleClearSeconds: z.number().int(),
  requestTimeoutMs: z.number().int(),
  scanner: ScannerSettings,
  /** Volume of the short tone after a read (a balance, or an error), 0–100; 0 is silent. */
  readToneVolume: z.number().int(),
  /** A brief flash of the screen after a read. */
  readFlash: z.boolean(),
  kiosk: z.boolean(),
  startAtLogin: z.boolean(),
  hasManagerPin: z.boolean(),
  /** The manager accepted storing secrets without OS encryption (Linux basic_text backend). */
  insecureStorageAccepted: z.boolean(),
  /** The store's HTTP proxy (`http://host:port`); '' follows the system proxy. */
  proxyUrl: z.string(),
  /** Extra trusted root certificates (PEM); certificates are public, so the form shows them. */
  caCertificates: z.string(),
  hasProxyCredentials: z.boolean(),
  /**
   * The gateway origin (`https://host[:port]`) the stored app secret / session key belong to: no
   * call to another origin is signed with them until they are entered again. Absent when none is
   * stored, or when a stored one belongs to no known gateway.
   */
  appSecretOrigin: z.string().optional(),
  sessionKeyOrigin: z.string().optional(),
  /**
   * The proxy origin (`http://host:port`) the stored proxy credentials were entered for: no other
   * proxy (set or found by the system) is sent them. Absent when none is stored or bound to none.
   */
  proxyCredentialsOrigin: z.string().optional(),
  /** The slip printer (docs/PRINTING.md); null: none, no Print button. */
  printer: PrinterSettingsView.nullable(),
  /** The customer-facing display. */
  customerDisplay: CustomerDisplaySettings,
});
export type SettingsView = z.infer<typeof SettingsView>;

const id = z.string().trim().max(64);

/** What a manager may change. Secrets are write-only: a string sets, `null` deletes, absent keeps. */
export const SettingsPatch = z
  .object({
    gatewayKind: GatewayKind,
    gatewayUrl: z.string().trim().max(2048),
    appKey: z.string().trim().max(64),
    appSecret: z.string().max(256).nullable(),
    sessionKey: z.string().max(512).nullable(),
    signMethod: SignMethod,
    brandId: id,
    outBrandId: id,
    shopId: id,
    outShopId: id,
    shopName: z.string().trim().max(64),
    locale: Locale,
    amountUnit: AmountUnit,
    idleClearSeconds: z.number().int().min(5).max(3600),
    requestTimeoutMs: z.number().int().min(1000).max(60_000),
    scanner: ScannerSettings.partial(),
    readToneVolume: z.number().int().min(0).max(100),
    readFlash: z.boolean(),
    kiosk: z.boolean(),
    startAtLogin: z.boolean(),
    insecureStorageAccepted: z.boolean(),
    proxyUrl: z.string().trim().max(2048),
    caCertificates: z.string().max(65_536),
    /** `user:password` for the proxy, write-only like the app secret. */
    proxyCredentials: z.string().max(512).nullable(),
    /** The slip printer, replaced whole; null removes it. */
    printer: PrinterSettingsInput.nullable(),
    /** Changed field by field, like `scanner`. */
    customerDisplay: CustomerDisplaySettings.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Per-field problems, keyed by SettingsPatch field (`scanner.minLength` for nested ones); values are codes the UI translates. */
export const FieldErrors = z.record(z.string(), z.enum(FIELD_ERROR_CODES));
export type FieldErrors = z.infer<typeof FieldErrors>;
