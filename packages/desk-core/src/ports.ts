/**
 * The seams inside desk-core, fixed first so its parts can be built side by side.
 * Storage side: settings-store, vault, pin, journal, provisioning. Service side: lookup, demo,
 * connection test, the Desk facade, IPC dispatch, web bridge.
 */
import type {
  AmountUnit,
  GatewayKind,
  JournalEntry,
  Locale,
  Notice,
  PinVerifyResult,
  ScannerSettings,
  SettingsPatch,
  FieldErrors,
} from '@balance-desk/contract';

export type SignMethod = 'md5' | 'hmac' | 'hmac-sha256';

/** The persisted settings (schema v1). Secrets are NOT here: they live in the Vault. */
export interface Settings {
  schemaVersion: 1;
  gatewayKind: GatewayKind;
  /** For `custom`; production/sandbox resolve to the TOP gateways (see gatewayUrlFor). */
  gatewayUrl: string;
  appKey: string;
  signMethod: SignMethod;
  brandId: string;
  outBrandId: string;
  shopId: string;
  outShopId: string;
  shopName: string;
  locale: Locale;
  amountUnit: AmountUnit;
  idleClearSeconds: number;
  requestTimeoutMs: number;
  scanner: ScannerSettings;
  /** 0–100; 0: no tone after a read. */
  readToneVolume: number;
  readFlash: boolean;
  kiosk: boolean;
  startAtLogin: boolean;
  insecureStorageAccepted: boolean;
}

export type SecretName = 'appSecret' | 'sessionKey';

/** Where secrets live. Electron: safeStorage (apps/desktop); tests and the web preview: a file. */
export interface Vault {
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /**
   * `encrypted`: OS-backed encryption (DPAPI, Keychain, libsecret/kwallet).
   * `insecure`: only a hard-coded key is available (Linux basic_text) — store only if the manager accepted it.
   * `unavailable`: nothing can be stored.
   */
  protection(): Promise<'encrypted' | 'insecure' | 'unavailable'>;
}

/** A secret exists but cannot be decrypted (e.g. DPAPI under another Windows user): re-provision. */
export class VaultUnreadableError extends Error {
  constructor(readonly secret: SecretName) {
    super(`the stored ${secret} cannot be decrypted on this account; re-provision this terminal`);
  }
}
/** Storing was refused: no encryption, or only basic_text without the manager's explicit consent. */
export class VaultRefusedError extends Error {
  constructor(readonly why: 'unavailable' | 'insecure-not-accepted') {
    super(
      why === 'unavailable'
        ? 'secure storage is not available on this system'
        : 'only insecure storage is available and the manager has not accepted the risk',
    );
  }
}

export interface SettingsStore {
  get(): Settings;
  /** Validates (per-field codes) and writes atomically; secrets in the patch are ignored here (the caller routes them to the Vault). */
  update(
    patch: Omit<SettingsPatch, 'appSecret' | 'sessionKey'>,
  ): Promise<{ ok: true; settings: Settings } | { ok: false; fieldErrors: FieldErrors }>;
  /** True once a production gateway, app key and brand + shop are set (the app secret is checked via the Vault). */
  isConfigured(): boolean;
  /** What happened while loading (recovered from backup, reset because unreadable…). */
  notices(): Notice[];
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface PinStore {
  isSet(): boolean;
  verify(pin: string): Promise<Exclude<PinVerifyResult, { ok: true }> | { ok: true }>;
  set(newPin: string): Promise<{ ok: true } | { ok: false; reason: 'weak-pin' }>;
}

export interface Journal {
  /** `card` must already be masked; never throws (a journal failure must not fail a lookup). */
  record(entry: JournalEntry): void;
  recent(limit: number): Promise<JournalEntry[]>;
  /** Flush pending writes (tests, shutdown). */
  flush(): Promise<void>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
