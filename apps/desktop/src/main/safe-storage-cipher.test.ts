import { describe, expect, it } from 'vitest';
import { SafeStorageDecryptError, safeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

/** A stand-in with Electron's async safeStorage shape; the "encryption" is a reversible marker. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => Buffer.from(`enc:${plain}`),
    decryptStringAsync: async (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error(`Error while decrypting the ciphertext ${text}`);
      return { result: text.slice(4), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

describe('safeStorageCipher.protection', () => {
  it.each<[NodeJS.Platform, string, boolean, string]>([
    ['win32', 'unknown', true, 'encrypted'],
    ['darwin', 'unknown', true, 'encrypted'],
    ['linux', 'gnome_libsecret', true, 'encrypted'],
    ['linux', 'kwallet5', true, 'encrypted'],
    ['linux', 'kwallet6', true, 'encrypted'],
    ['linux', 'basic_text', true, 'insecure'],
    ['linux', 'unknown', true, 'insecure'],
    ['win32', 'unknown', false, 'unavailable'],
    ['linux', 'basic_text', false, 'unavailable'],
  ])('%s, backend %s, available %s → %s', async (platform, backend, available, expected) => {
    const cipher = safeStorageCipher(
      fakeSafeStorage({
        isAsyncEncryptionAvailable: async () => available,
        getSelectedStorageBackend: () => backend,
      }),
      platform,
    );
    expect(await cipher.protection()).toBe(expected);
  });

  it('is unavailable when asking throws', async () => {
    const cipher = safeStorageCipher(
      fakeSafeStorage({ isAsyncEncryptionAvailable: () => Promise.reject(new Error('no keyring')) }),
      'linux',
    );
    expect(await cipher.protection()).toBe('unavailable');
  });
});

describe('safeStorageCipher encrypt/decrypt', () => {
  it('round-trips and passes shouldReEncrypt through', async () => {
    const cipher = safeStorageCipher(fakeSafeStorage(), 'win32');
    const data = await cipher.encrypt('app-secret-123');
    expect(await cipher.decrypt(data)).toEqual({ value: 'app-secret-123', shouldReEncrypt: false });
    const rotated = safeStorageCipher(
      fakeSafeStorage({ decryptStringAsync: async () => ({ result: 'v', shouldReEncrypt: true }) }),
      'darwin',
    );
    expect(await rotated.decrypt(Buffer.from('x'))).toEqual({ value: 'v', shouldReEncrypt: true });
  });

  it('throws a fixed error on a decrypt failure (the vault maps it), without the ciphertext or OS text', async () => {
    const cipher = safeStorageCipher(fakeSafeStorage(), 'win32');
    const error = await cipher.decrypt(Buffer.from('another-users-dpapi-blob')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SafeStorageDecryptError);
    expect(String(error)).not.toContain('another-users-dpapi-blob');
  });
});

describe('safeStorageCipher on Linux: the hard-coded-key fallback (v10)', () => {
  const linux = (prefix: string, backend = 'gnome_libsecret') =>
    fakeSafeStorage({
      getSelectedStorageBackend: () => backend,
      encryptStringAsync: async (plain) => Buffer.from(`${prefix}${plain}`),
    });

  it('a keyring backend whose ciphertext is v10 is insecure, with a reason naming the backend', async () => {
    const cipher = safeStorageCipher(linux('v10'), 'linux');
    expect(await cipher.protection()).toBe('insecure');
    expect(cipher.insecureReason?.()).toMatch(/"gnome_libsecret" did not answer.*v10/);
  });

  it('v11 ciphertext from a known keyring backend is encrypted, with no reason', async () => {
    const cipher = safeStorageCipher(linux('v11'), 'linux');
    expect(await cipher.protection()).toBe('encrypted');
    expect(cipher.insecureReason?.()).toBeUndefined();
  });

  it('a backend it does not know is insecure', async () => {
    const cipher = safeStorageCipher(linux('v11', 'pass_store'), 'linux');
    expect(await cipher.protection()).toBe('insecure');
    expect(cipher.insecureReason?.()).toContain('"pass_store"');
  });

  it('a failing probe encryption means unavailable', async () => {
    const cipher = safeStorageCipher(
      fakeSafeStorage({ encryptStringAsync: () => Promise.reject(new Error('keyring error')) }),
      'linux',
    );
    expect(await cipher.protection()).toBe('unavailable');
  });

  it('refuses to hand out v10 ciphertext after protection() said encrypted (the keyring went away)', async () => {
    let prefix = 'v11';
    const cipher = safeStorageCipher(
      fakeSafeStorage({ encryptStringAsync: async (plain) => Buffer.from(`${prefix}${plain}`) }),
      'linux',
    );
    expect(await cipher.protection()).toBe('encrypted');
    prefix = 'v10';
    await expect(cipher.encrypt('secret')).rejects.toThrow(/built-in key/);
    // Once protection() knows, the vault's consent gate decides instead.
    expect(await cipher.protection()).toBe('insecure');
    expect((await cipher.encrypt('secret')).subarray(0, 3).toString()).toBe('v10');
  });

  it('on Windows and macOS the ciphertext format is not inspected', async () => {
    const cipher = safeStorageCipher(linux('v10'), 'win32');
    expect(await cipher.protection()).toBe('encrypted');
    expect((await cipher.encrypt('x')).toString()).toBe('v10x');
  });
});
