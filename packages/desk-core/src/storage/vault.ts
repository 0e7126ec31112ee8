/**
 * The Vault port over an OS cipher (docs/ARCHITECTURE.md "The trust boundary": secrets encrypted at rest).
 * apps/desktop adapts Electron's safeStorage to SecretCipher; this file owns the rest: the
 * file, refusal rules, unreadable secrets, re-encryption. Secrets fail closed: no
 * plain-text fallback, nothing stored without encryption unless the manager accepted it.
 * No secret value ever reaches a log line or an error message.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Logger, type SecretName, type Vault, VaultRefusedError, VaultUnreadableError } from '../ports';
import { parseJsonSafely, readIfExists, setAside, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';

export type Protection = 'encrypted' | 'insecure' | 'unavailable';

/**
 * What the OS offers. Electron: `protection` from `safeStorage.isAsyncEncryptionAvailable()` and
 * `getSelectedStorageBackend()` (`basic_text` → 'insecure'), `encrypt`/`decrypt` from
 * `encryptStringAsync`/`decryptStringAsync` (whose `shouldReEncrypt` says the OS key rotated).
 */
export interface SecretCipher {
  protection(): Promise<Protection>;
  encrypt(plain: string): Promise<Buffer>;
  /** Throws when the data cannot be decrypted (another user's DPAPI key, a different machine, tampering). */
  decrypt(data: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }>;
}

export interface CipherVaultOptions {
  /** e.g. `<userData>/vault.json`. */
  file: string;
  cipher: SecretCipher;
  /** The manager's recorded decision to store secrets with only 'insecure' protection (settings.insecureStorageAccepted). */
  allowInsecure: () => boolean;
  logger?: Logger;
}

export const VAULT_FILE_NAME = 'vault.json';

interface VaultFile {
  version: 1;
  /** Secret name → base64 of the cipher's output. */
  secrets: Partial<Record<SecretName, string>>;
}

type Loaded = { state: 'ok'; data: VaultFile } | { state: 'corrupt' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseVault(text: string): Loaded {
  const json = parseJsonSafely(text);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return { state: 'corrupt' };
  const { version, secrets } = json.value as { version?: unknown; secrets?: unknown };
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets))
    return { state: 'corrupt' };
  const clean: Partial<Record<SecretName, string>> = {};
  for (const name of ['appSecret', 'sessionKey'] as const) {
    const value = (secrets as Record<string, unknown>)[name];
    if (typeof value === 'string') clean[name] = value;
  }
  return { state: 'ok', data: { version: 1, secrets: clean } };
}

export function createCipherVault(options: CipherVaultOptions): Vault {
  const { file, cipher } = options;
  const logger = options.logger;
  const queue = new SerialQueue();

  async function load(): Promise<Loaded | undefined> {
    const data = await readIfExists(file);
    return data === undefined ? undefined : parseVault(data.toString('utf8'));
  }

  async function save(data: VaultFile): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  }

  /** The current contents for a change; a corrupt file is kept aside (it may be recoverable by IT) and replaced. */
  async function loadForChange(): Promise<VaultFile> {
    const loaded = await load();
    if (loaded?.state === 'ok') return loaded.data;
    if (loaded?.state === 'corrupt') {
      const keptAs = await setAside(file, new Date());
      logger?.warn('vault: unreadable vault file replaced', { keptAs });
    }
    return { version: 1, secrets: {} };
  }

  async function reEncrypt(name: SecretName, value: string): Promise<void> {
    try {
      const data = await loadForChange();
      data.secrets[name] = (await cipher.encrypt(value)).toString('base64');
      await save(data);
    } catch (error) {
      // The old ciphertext still decrypts; try again next time.
      logger?.warn('vault: re-encryption failed', { secret: name, error: (error as Error).name });
    }
  }

  async function remove(name: SecretName): Promise<void> {
    const loaded = await load();
    if (loaded === undefined) return;
    if (loaded.state === 'ok' && loaded.data.secrets[name] === undefined) return;
    const data = await loadForChange();
    delete data.secrets[name];
    await save(data);
  }

  return {
    protection: () => cipher.protection(),

    get: (name) =>
      queue.run(async () => {
        const loaded = await load().catch((error: unknown) => {
          logger?.warn('vault: file cannot be read', { code: (error as NodeJS.ErrnoException).code });
          throw new VaultUnreadableError(name);
        });
        if (loaded === undefined) return undefined;
        if (loaded.state === 'corrupt') throw new VaultUnreadableError(name);
        const encoded = loaded.data.secrets[name];
        if (encoded === undefined) return undefined;
        if (!BASE64.test(encoded)) throw new VaultUnreadableError(name);
        let result: { value: string; shouldReEncrypt: boolean };
        try {
          result = await cipher.decrypt(Buffer.from(encoded, 'base64'));
        } catch (error) {
          logger?.warn('vault: secret cannot be decrypted', { secret: name, error: (error as Error).name });
          throw new VaultUnreadableError(name);
        }
        if (typeof result.value !== 'string') throw new VaultUnreadableError(name);
        if (result.shouldReEncrypt) await reEncrypt(name, result.value);
        return result.value;
      }),

    set: (name, value) =>
      queue.run(async () => {
        // A cleared field means "no secret", never an empty one that would sign with ''.
        if (value === '') return remove(name);
        const protection = await cipher.protection();
        if (protection === 'unavailable') throw new VaultRefusedError('unavailable');
        if (protection === 'insecure' && !options.allowInsecure())
          throw new VaultRefusedError('insecure-not-accepted');
        let encrypted: Buffer;
        try {
          encrypted = await cipher.encrypt(value);
        } catch (error) {
          logger?.error('vault: encryption failed', { secret: name, error: (error as Error).name });
          throw new VaultRefusedError('unavailable');
        }
        const data = await loadForChange();
        data.secrets[name] = encrypted.toString('base64');
        await save(data);
      }),

    delete: (name) => queue.run(() => remove(name)),
  };
}
