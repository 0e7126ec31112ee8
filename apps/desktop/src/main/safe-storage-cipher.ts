/**
 * desk-core's `SecretCipher` on top of Electron's `safeStorage` (DPAPI on Windows, Keychain on
 * macOS, libsecret/kwallet on Linux). Secrets fail closed: no home-made fallback cipher.
 * On Linux the `basic_text` backend encrypts with a hard-coded key, so it is reported as
 * `insecure` and desk-core stores only with the manager's recorded consent. So is a keyring backend
 * that does not really answer: Chromium then silently encrypts with the same hard-coded key and
 * marks the ciphertext `v10` (a keyring-derived key gives `v11`). A probe encryption finds that
 * out before anything is stored, and `encrypt` refuses a `v10` result it was not told to expect.
 */
import type { SecretCipher } from '@balance-desk/desk-core';

export class SafeStorageDecryptError extends Error {
  constructor() {
    super('safeStorage could not decrypt the stored secret on this OS account');
    this.name = 'SafeStorageDecryptError';
  }
}

/** The async `safeStorage` API of Electron ≥ 42 (the sync one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): string;
}

/** Linux backends that keep a per-user key in a real keyring; anything else has no protecting key. */
const LINUX_KEYRING_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** Chromium's Linux ciphertext prefix for its hard-coded key ("v11" means a keyring-derived key). */
const HARD_CODED_KEY_PREFIX = Buffer.from('v10');
const PROBE = 'balancedesk-storage-probe';

function usesHardCodedKey(data: Buffer): boolean {
  return data.subarray(0, HARD_CODED_KEY_PREFIX.length).equals(HARD_CODED_KEY_PREFIX);
}

class SafeStorageHardCodedKeyError extends Error {
  constructor() {
    super('safeStorage encrypted with its built-in key instead of the keyring');
    this.name = 'SafeStorageHardCodedKeyError';
  }
}

/** Call after `app.whenReady()`: before it Linux reports the backend as `unknown`. */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  /** Why the last `protection()` was not `encrypted` (for IT: a backend name, never data). */
  let reason: string | undefined;
  let hardCodedKeyExpected = false;

  async function linuxProtection(): Promise<'encrypted' | 'insecure' | 'unavailable'> {
    const backend = safeStorage.getSelectedStorageBackend();
    if (!LINUX_KEYRING_BACKENDS.has(backend)) {
      // `unknown` means we could not tell which key protects the data: treat it like basic_text.
      reason = `Linux secret storage backend "${backend}": secrets would be encrypted with Chromium's built-in key`;
      return 'insecure';
    }
    let probe: Buffer;
    try {
      probe = await safeStorage.encryptStringAsync(PROBE);
    } catch {
      reason = `Linux secret storage backend "${backend}" cannot encrypt`;
      return 'unavailable';
    }
    if (usesHardCodedKey(probe)) {
      reason = `Linux secret storage backend "${backend}" did not answer (keyring locked or missing): Chromium fell back to its built-in key (v10)`;
      return 'insecure';
    }
    return 'encrypted';
  }

  return {
    async protection() {
      reason = undefined;
      let available: boolean;
      try {
        available = await safeStorage.isAsyncEncryptionAvailable();
      } catch {
        available = false;
      }
      const protection = !available
        ? 'unavailable'
        : platform === 'linux'
          ? await linuxProtection()
          : 'encrypted';
      if (protection === 'unavailable') reason ??= 'the operating system reports no secure storage';
      hardCodedKeyExpected = protection === 'insecure';
      return protection;
    },
    insecureReason: () => reason,
    /** Fails closed if the keyring stopped answering since `protection()` said it was usable. */
    async encrypt(plain) {
      const data = await safeStorage.encryptStringAsync(plain);
      if (platform === 'linux' && usesHardCodedKey(data) && !hardCodedKeyExpected)
        throw new SafeStorageHardCodedKeyError();
      return data;
    },
    /** Throws when the data cannot be decrypted (another OS user, a reset keyring): the vault maps it to VaultUnreadableError. */
    async decrypt(data) {
      let decrypted: { shouldReEncrypt: boolean; result: string };
      try {
        decrypted = await safeStorage.decryptStringAsync(data);
      } catch {
        // A fixed message: nothing of the ciphertext or the OS error travels further.
        throw new SafeStorageDecryptError();
      }
      return { value: decrypted.result, shouldReEncrypt: decrypted.shouldReEncrypt };
    },
  };
}
