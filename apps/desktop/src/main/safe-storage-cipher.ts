/**
 * desk-core's `SecretCipher` on top of Electron's `safeStorage` (DPAPI on Windows, Keychain on
 * macOS, libsecret/kwallet on Linux). Secrets fail closed: no home-made fallback cipher.
 * On Linux the `basic_text` backend encrypts with a hard-coded key, so it is reported as
 * `insecure` and desk-core stores only with the manager's recorded consent.
 */
import type { SecretCipher } from '@balance-desk/desk-core';

export class SafeStorageDecryptError extends Error {
  constructor() {
    super('safeStorage could not decrypt the stored secret on this OS account');
    this.name = 'SafeStorageDecryptError';
  }
}

/** The async `safeStorage` API of Electron ≥ 39 (the sync one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): string;
}

/** Call after `app.whenReady()`: before it Linux reports the backend as `unknown`. */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretCipher {
  return {
    async protection() {
      let available: boolean;
      try {
        available = await safeStorage.isAsyncEncryptionAvailable();
      } catch {
        return 'unavailable';
      }
      if (!available) return 'unavailable';
      if (platform !== 'linux') return 'encrypted';
      // `unknown` means we could not tell which key protects the data: treat it like basic_text.
      const backend = safeStorage.getSelectedStorageBackend();
      return backend === 'basic_text' || backend === 'unknown' ? 'insecure' : 'encrypted';
    },
    async encrypt(plain) {
      return safeStorage.encryptStringAsync(plain);
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
