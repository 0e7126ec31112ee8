/**
 * ⚠️  NOT FOR PRODUCTION. apps/desktop never uses this; it uses Electron's safeStorage.
 *
 * A SecretCipher for tests and the web preview (`pnpm demo:web`), where there is no OS keychain:
 * AES-256-GCM from node:crypto with a random key kept in a plain file next to the data. Anyone
 * who can read that file can read every secret, which is why it reports protection 'insecure'
 * and the vault refuses to use it unless `allowInsecure()` says yes. It exists so the Vault's
 * real code path (file, refusal, corruption, re-encryption) runs in plain Node.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { type FsPort, nodeFs } from '../files/fs-port';
import type { SecretCipher } from './vault';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

async function loadOrCreateKey(keyFile: string, fs: FsPort): Promise<Buffer> {
  try {
    const key = await fs.readFile(keyFile);
    if (key.length !== KEY_BYTES) throw new Error('dev cipher key file has the wrong size');
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await fs.mkdir(path.dirname(keyFile));
  try {
    await fs.writeFile(keyFile, key, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyFile, fs);
    throw error;
  }
}

/** Test/web-preview cipher; see the warning at the top of this file. */
export function createDevCipher(keyFile: string, fs: FsPort = nodeFs): SecretCipher {
  let key: Promise<Buffer> | undefined;
  const getKey = (): Promise<Buffer> =>
    (key ??= loadOrCreateKey(keyFile, fs).catch((error: unknown) => {
      key = undefined; // a failed read is retried next time, not cached
      throw error;
    }));

  return {
    protection: () => Promise.resolve('insecure'),

    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), body]);
    },

    async decrypt(data) {
      if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT)
        throw new Error('not dev-cipher data');
      const iv = data.subarray(1, 1 + IV_BYTES);
      const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', await getKey(), iv);
      decipher.setAuthTag(tag);
      // final() throws on a wrong key or any flipped bit: GCM never hands back garbage.
      const plain = Buffer.concat([
        decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      return { value: plain.toString('utf8'), shouldReEncrypt: false };
    },
  };
}
