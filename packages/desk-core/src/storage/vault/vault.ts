/**
 * The Vault port over an OS cipher (docs/ARCHITECTURE.md "The trust boundary": secrets encrypted at rest).
 * apps/desktop adapts Electron's safeStorage to SecretCipher; this file owns the rest: the
 * file, refusal rules, unreadable secrets, re-encryption. Secrets fail closed: no
 * plain-text fallback, nothing stored without encryption unless the manager accepted it.
 * No secret value ever reaches a log line or an error message.
 *
 * Each secret is stored with the gateway origin it was entered or provisioned for, inside the
 * ciphertext (see BOUND_PREFIX): lookups/client-pool.ts builds no signed client for another origin.
 */
import path from 'node:path';
import { gatewayOrigin } from '@balance-desk/contract';
import {
  type BoundSecret,
  type Logger,
  type Restorable,
  type SecretName,
  type Vault,
  VaultRefusedError,
  VaultUnreadableError,
} from '../../ports';
import { captureFiles, parseJsonSafely, readIfExists, setAside, writeFileAtomic } from '../files/atomic-file';
import { type FsPort, errnoCode, nodeFs } from '../files/fs-port';
import { SerialQueue } from '../files/serial-queue';

type Protection = 'encrypted' | 'insecure' | 'unavailable';

/**
 * What the OS offers. Electron: `protection` from `safeStorage.isAsyncEncryptionAvailable()` and
 * `getSelectedStorageBackend()` (`basic_text`, or a keyring that yields `v10` ciphertext → 'insecure'), `encrypt`/`decrypt` from
 * `encryptStringAsync`/`decryptStringAsync` (whose `shouldReEncrypt` says the OS key rotated).
 */
export interface SecretCipher {
  protection(): Promise<Protection>;
  /** Why the last `protection()` was not 'encrypted', in words for IT (e.g. Linux's hard-coded-key fallback). */
  insecureReason?(): string | undefined;
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
  /** Tests and `pnpm drill`: a file-system port that fails chosen writes. */
  fs?: FsPort;
}

export const VAULT_FILE_NAME = 'vault.json';

interface VaultFile {
  version: 1;
  /** Secret name → base64 of the cipher's output. */
  secrets: Partial<Record<SecretName, string>>;
}

type Loaded = { state: 'ok'; data: VaultFile } | { state: 'corrupt' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What is encrypted: the secret together with the gateway origin it belongs to, so the binding is
 * as tamper-proof as the secret itself (editing vault.json cannot move a secret to another
 * gateway). A plaintext without this prefix was written by a version without origins: the whole
 * plaintext is the secret, bound to nothing until `bindUnbound`.
 */
const BOUND_PREFIX = 'balance-desk/bound-secret/v1\n';

function sealBound(value: string, origin: string): string {
  return `${BOUND_PREFIX}${JSON.stringify({ origin, value })}`;
}

function openBound(plain: string): BoundSecret | undefined {
  if (!plain.startsWith(BOUND_PREFIX)) return { value: plain, origin: undefined };
  const json = parseJsonSafely(plain.slice(BOUND_PREFIX.length));
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return undefined;
  const { origin, value } = json.value as { origin?: unknown; value?: unknown };
  if (typeof value !== 'string' || value === '' || typeof origin !== 'string') return undefined;
  // Only a canonical origin counts; anything else binds the secret to nothing.
  return { value, origin: gatewayOrigin(origin) === origin ? origin : undefined };
}

function parseVault(text: string): Loaded {
  const json = parseJsonSafely(text);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return { state: 'corrupt' };
  const { version, secrets } = json.value as { version?: unknown; secrets?: unknown };
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets))
    return { state: 'corrupt' };
  const clean: Partial<Record<SecretName, string>> = {};
  for (const name of ['appSecret', 'sessionKey', 'proxyCredentials'] as const) {
    const value = (secrets as Record<string, unknown>)[name];
    if (typeof value === 'string') clean[name] = value;
  }
  return { state: 'ok', data: { version: 1, secrets: clean } };
}

export function createCipherVault(options: CipherVaultOptions): Vault & Restorable {
  const { file, cipher } = options;
  const port = options.fs ?? nodeFs;
  const logger = options.logger;
  const queue = new SerialQueue();

  async function load(): Promise<Loaded | undefined> {
    const data = await readIfExists(file, port);
    return data === undefined ? undefined : parseVault(data.toString('utf8'));
  }

  async function save(data: VaultFile): Promise<void> {
    await port.mkdir(path.dirname(file));
    await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, fs: port });
  }

  /** The current contents for a change; a corrupt file is kept aside (it may be recoverable by IT) and replaced. */
  async function loadForChange(): Promise<VaultFile> {
    const loaded = await load();
    if (loaded?.state === 'ok') return loaded.data;
    if (loaded?.state === 'corrupt') {
      const keptAs = await setAside(file, new Date(), port);
      logger?.warn('vault: unreadable vault file replaced', { keptAs });
    }
    return { version: 1, secrets: {} };
  }

  /** `plain` is the decrypted text as stored, so re-encryption keeps the binding (or its absence) as it was. */
  async function reEncrypt(name: SecretName, plain: string): Promise<void> {
    try {
      const data = await loadForChange();
      data.secrets[name] = (await cipher.encrypt(plain)).toString('base64');
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

  async function encrypt(name: SecretName, plain: string): Promise<string> {
    const protection = await cipher.protection();
    if (protection === 'unavailable') throw new VaultRefusedError('unavailable');
    if (protection === 'insecure' && !options.allowInsecure())
      throw new VaultRefusedError('insecure-not-accepted');
    try {
      return (await cipher.encrypt(plain)).toString('base64');
    } catch (error) {
      logger?.error('vault: encryption failed', {
        secret: name,
        error: errnoCode(error) ?? (error as Error).name,
      });
      // A disk error on the way (a cipher that keeps its key in a file, a full disk) is that disk error, not "no secure storage".
      if (errnoCode(error) !== undefined) throw error;
      throw new VaultRefusedError('unavailable');
    }
  }

  async function readBound(name: SecretName): Promise<BoundSecret | undefined> {
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
    const bound = openBound(result.value);
    if (bound === undefined) throw new VaultUnreadableError(name);
    if (result.shouldReEncrypt) await reEncrypt(name, result.value);
    return bound;
  }

  return {
    protection: () => cipher.protection(),

    get: (name) => queue.run(async () => (await readBound(name))?.value),

    getBound: (name) => queue.run(() => readBound(name)),

    set: (name, value, origin) =>
      queue.run(async () => {
        // A cleared field means "no secret", never an empty one that would sign with ''.
        if (value === '') return remove(name);
        // A secret for no recognisable gateway would sign nothing: refuse it up front.
        const bound = gatewayOrigin(origin);
        if (bound === undefined) throw new Error('a secret must be bound to an http(s) gateway origin');
        const encrypted = await encrypt(name, sealBound(value, bound));
        const data = await loadForChange();
        data.secrets[name] = encrypted;
        await save(data);
      }),

    delete: (name) => queue.run(() => remove(name)),

    capture: () =>
      queue.run(async () => {
        const restore = await captureFiles([file], port, 0o600);
        return { name: VAULT_FILE_NAME, restore: () => queue.run(restore) };
      }),

    bindUnbound: (origin) =>
      queue.run(async () => {
        const bound = gatewayOrigin(origin);
        if (bound === undefined) return [];
        const names: SecretName[] = [];
        for (const name of ['appSecret', 'sessionKey'] as const) {
          try {
            const secret = await readBound(name);
            if (secret === undefined || secret.origin !== undefined) continue;
            const encrypted = await encrypt(name, sealBound(secret.value, bound));
            const data = await loadForChange();
            data.secrets[name] = encrypted;
            await save(data);
            names.push(name);
          } catch (error) {
            // Unreadable, or cannot be re-encrypted now: it stays unbound and signs nothing.
            logger?.warn('vault: a secret without a gateway origin could not be bound', {
              secret: name,
              error: (error as Error).name,
            });
          }
        }
        if (names.length > 0)
          logger?.info('vault: secrets stored without a gateway origin bound to the current gateway', {
            secrets: names,
            origin: bound,
          });
        return names;
      }),
  };
}
