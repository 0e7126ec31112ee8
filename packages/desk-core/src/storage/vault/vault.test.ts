import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultRefusedError, VaultUnreadableError } from '../../ports';
import { type SecretCipher, createCipherVault } from './vault';
import { createDevCipher } from './dev-cipher';
import { recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const SECRET = 'sk-THE-APP-SECRET-0123456789abcdef';
const SESSION = '6101b2c3d4-session-key';
const ORIGIN = 'https://gw.example.com';

function withProtection(
  cipher: SecretCipher,
  protection: 'encrypted' | 'insecure' | 'unavailable',
): SecretCipher {
  return { ...cipher, protection: () => Promise.resolve(protection) };
}

async function setup(
  options: { protection?: 'encrypted' | 'insecure' | 'unavailable'; allowInsecure?: () => boolean } = {},
) {
  const dir = await tempDir();
  const file = path.join(dir, 'vault.json');
  const dev = createDevCipher(path.join(dir, 'dev.key'));
  const cipher = options.protection ? withProtection(dev, options.protection) : dev;
  const logger = recordingLogger();
  const vault = createCipherVault({
    file,
    cipher,
    allowInsecure: options.allowInsecure ?? (() => true),
    logger,
  });
  return { dir, file, dev, vault, logger };
}

async function expectRejects<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe('cipher vault with the dev cipher', () => {
  it('round-trips secrets, stores only ciphertext, mode 0600', async () => {
    const { file, vault, logger } = await setup();
    expect(await vault.get('appSecret')).toBeUndefined();
    await Promise.all([vault.set('appSecret', SECRET, ORIGIN), vault.set('sessionKey', SESSION, ORIGIN)]);
    expect(await vault.get('appSecret')).toBe(SECRET);
    expect(await vault.get('sessionKey')).toBe(SESSION);

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(text).not.toContain(SESSION);
    const json = JSON.parse(text) as { version: number; secrets: Record<string, string> };
    expect(json.version).toBe(1);
    expect(Object.keys(json.secrets).sort()).toEqual(['appSecret', 'sessionKey']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logger.text()).not.toContain(SECRET);

    await vault.delete('sessionKey');
    expect(await vault.get('sessionKey')).toBeUndefined();
    expect(await vault.get('appSecret')).toBe(SECRET);
    await vault.set('appSecret', '', ORIGIN);
    expect(await vault.get('appSecret')).toBeUndefined();
  });

  it('reports the cipher protection; the dev cipher is insecure', async () => {
    const { vault } = await setup();
    expect(await vault.protection()).toBe('insecure');
  });
});

describe('cipher vault refusals', () => {
  it('refuses to store when no encryption is available', async () => {
    const { dir, vault } = await setup({ protection: 'unavailable' });
    const error = await expectRejects(vault.set('appSecret', SECRET, ORIGIN), VaultRefusedError);
    expect(error.why).toBe('unavailable');
    expect(error.message).not.toContain(SECRET);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses insecure storage until the manager accepts it (read at call time)', async () => {
    let accepted = false;
    const { file, vault } = await setup({ allowInsecure: () => accepted });
    const error = await expectRejects(vault.set('appSecret', SECRET, ORIGIN), VaultRefusedError);
    expect(error.why).toBe('insecure-not-accepted');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    accepted = true;
    await vault.set('appSecret', SECRET, ORIGIN);
    expect(await vault.get('appSecret')).toBe(SECRET);
  });

  it('stores with OS encryption regardless of the insecure flag', async () => {
    const { vault } = await setup({ protection: 'encrypted', allowInsecure: () => false });
    await vault.set('appSecret', SECRET, ORIGIN);
    expect(await vault.get('appSecret')).toBe(SECRET);
  });

  it('turns an encryption failure into a refusal without the secret in it', async () => {
    const { dev, dir } = await setup();
    const failing: SecretCipher = { ...dev, encrypt: () => Promise.reject(new Error(`boom ${SECRET}`)) };
    const logger = recordingLogger();
    const vault = createCipherVault({
      file: path.join(dir, 'vault.json'),
      cipher: failing,
      allowInsecure: () => true,
      logger,
    });
    const error = await expectRejects(vault.set('appSecret', SECRET, ORIGIN), VaultRefusedError);
    expect(error.message).not.toContain(SECRET);
    expect(logger.text()).not.toContain(SECRET);
  });
});

describe('cipher vault: unreadable secrets', () => {
  it('a flipped ciphertext byte → VaultUnreadableError, never garbage', async () => {
    const { file, vault, logger } = await setup();
    await vault.set('appSecret', SECRET, ORIGIN);
    const json = JSON.parse(await readFile(file, 'utf8')) as { secrets: { appSecret: string } };
    const bytes = Buffer.from(json.secrets.appSecret, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    json.secrets.appSecret = bytes.toString('base64');
    await writeFile(file, JSON.stringify(json));
    const error = await expectRejects(vault.get('appSecret'), VaultUnreadableError);
    expect(error.secret).toBe('appSecret');
    expect(error.message).not.toContain(SECRET);
    expect(logger.text()).not.toContain(SECRET);
  });

  it('another key (another user, another machine) → VaultUnreadableError', async () => {
    const { dir, file, vault } = await setup();
    await vault.set('appSecret', SECRET, ORIGIN);
    const other = createCipherVault({
      file,
      cipher: createDevCipher(path.join(dir, 'other.key')),
      allowInsecure: () => true,
    });
    await expectRejects(other.get('appSecret'), VaultUnreadableError);
    expect(await other.get('sessionKey')).toBeUndefined(); // an absent secret is still just absent
  });

  it('a vault.json that is not JSON → VaultUnreadableError; storing again keeps the broken file aside', async () => {
    const { dir, file, vault } = await setup();
    await writeFile(file, '{"version":1,"secrets":{"appSecret":"AAA');
    await expectRejects(vault.get('appSecret'), VaultUnreadableError);
    await expectRejects(vault.get('sessionKey'), VaultUnreadableError);
    await vault.set('appSecret', SECRET, ORIGIN);
    expect(await vault.get('appSecret')).toBe(SECRET);
    expect((await readdir(dir)).some((name) => name.startsWith('vault.json.corrupt-'))).toBe(true);
  });

  it('non-base64 junk in a secret slot → VaultUnreadableError', async () => {
    const { file, vault } = await setup();
    await writeFile(file, JSON.stringify({ version: 1, secrets: { appSecret: 'not base64 !!' } }));
    await expectRejects(vault.get('appSecret'), VaultUnreadableError);
  });
});

describe('cipher vault: re-encryption', () => {
  it('re-encrypts and rewrites when the cipher says the OS key rotated', async () => {
    const { dir, file } = await setup();
    const oldCipher = createDevCipher(path.join(dir, 'old.key'));
    const newCipher = createDevCipher(path.join(dir, 'new.key'));
    await createCipherVault({ file, cipher: oldCipher, allowInsecure: () => true }).set(
      'appSecret',
      SECRET,
      ORIGIN,
    );

    // Like safeStorage after a key rotation: old data still decrypts, flagged shouldReEncrypt.
    const rotating: SecretCipher = {
      protection: () => newCipher.protection(),
      encrypt: (plain) => newCipher.encrypt(plain),
      decrypt: (data) =>
        newCipher
          .decrypt(data)
          .catch(async () => ({ value: (await oldCipher.decrypt(data)).value, shouldReEncrypt: true })),
    };
    const before = await readFile(file, 'utf8');
    expect(
      await createCipherVault({ file, cipher: rotating, allowInsecure: () => true }).get('appSecret'),
    ).toBe(SECRET);
    expect(await readFile(file, 'utf8')).not.toBe(before);
    // Now readable with the new key alone.
    expect(
      await createCipherVault({ file, cipher: newCipher, allowInsecure: () => true }).get('appSecret'),
    ).toBe(SECRET);
  });
});
