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
  ManagerEvent,
  Notice,
  PrinterSettings,
  ScannerSettings,
  CustomerDisplaySettings,
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
  /** `http://host:port` of the store's proxy; '' follows the system proxy. Its credentials are in the Vault. */
  proxyUrl: string;
  /** Extra trusted root certificates (PEM), e.g. the CA of a TLS-inspecting proxy; '' for none. */
  caCertificates: string;
  /** The balance-slip printer; null: none (docs/PRINTING.md). */
  printer: PrinterSettings | null;
  /** The customer-facing display; off by default. */
  customerDisplay: CustomerDisplaySettings;
}

export type SecretName = 'appSecret' | 'sessionKey' | 'proxyCredentials';

/**
 * Which proxy the system uses for a URL, answered in PAC form (`PROXY host:port; DIRECT`).
 * Electron: `session.resolveProxy()` (apps/desktop); elsewhere the environment (envProxyResolver).
 */
export interface ProxyResolver {
  resolve(url: string): Promise<string>;
}

/**
 * A stored secret with the gateway origin it was entered or provisioned for (contract
 * `gatewayOrigin`). `origin` is undefined for a secret that belongs to no known gateway (written by
 * an older version and not bound yet): such a secret signs nothing.
 */
export interface BoundSecret {
  value: string;
  origin: string | undefined;
}

/** Where secrets live. Electron: safeStorage (apps/desktop); tests and the web preview: a file. */
export interface Vault {
  get(name: SecretName): Promise<string | undefined>;
  /** The secret with the origin it is bound to; throws like `get`. */
  getBound(name: SecretName): Promise<BoundSecret | undefined>;
  /** Stores the secret bound to `origin`, the gateway origin it was entered or provisioned for. */
  set(name: SecretName, value: string, origin: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /**
   * Binds secrets stored by a version without origins to `origin` (once, at start-up, from the
   * settings found then). Returns the names it bound. Optional: a vault that never had unbound
   * secrets needs none.
   */
  bindUnbound?(origin: string): Promise<SecretName[]>;
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

/**
 * A store whose files can be read as they are and put back byte for byte, to undo a change that
 * spans several stores (provisioning) when a later step fails.
 */
export interface Restorable {
  /** Reads the store's files now. `restore` writes exactly those bytes back (removing files that did not exist) and reloads; it throws when a write fails. */
  capture(): Promise<{ name: string; restore(): Promise<void> }>;
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
  /** The store's own result; `pin:verify` turns it into the contract's `kind` answer. */
  verify(
    pin: string,
  ): Promise<
    | { ok: true }
    | { ok: false; reason: 'wrong-pin' | 'locked' | 'not-set'; attemptsLeft?: number; retryAfterMs?: number }
  >;
  /** `ifUnset`: only when no PIN is set yet (first run), checked and written as one step. */
  set(
    newPin: string,
    options?: { ifUnset?: boolean },
  ): Promise<{ ok: true } | { ok: false; reason: 'weak-pin' | 'already-set' }>;
}

export interface Journal {
  /** `card` must already be masked; never throws (a journal failure must not fail a lookup). */
  record(entry: JournalEntry): void;
  recent(limit: number): Promise<JournalEntry[]>;
  /** A manager action for the audit trail; never throws, like `record`. */
  recordManagerEvent(event: ManagerEvent): void;
  /** The newest manager actions first. */
  recentManagerEvents(limit: number): Promise<ManagerEvent[]>;
  /** Flush pending writes (tests, shutdown). */
  flush(): Promise<void>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
