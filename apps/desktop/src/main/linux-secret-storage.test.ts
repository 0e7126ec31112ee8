/**
 * Linux secret storage, honestly: Chromium's safeStorage on Linux encrypts with a hard-coded key
 * (ciphertext `v10`) whenever no keyring answers, even when a keyring backend is selected, and data
 * a keyring encrypted (`v11`) cannot be read once that keyring is gone. A real Desk on a temp dir,
 * over the real safeStorage adapter and a stand-in with Chromium's Linux behaviour.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDesk, startDemoGateway, VAULT_FILE_NAME, type Desk } from '@balance-desk/desk-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

const SECRET = 'linux-app-secret-5d1c9e7a';
const PIN = '739146';

interface LinuxKeyring {
  backend: string;
  /** The keyring's per-user key, or undefined when it does not answer (locked, not running). */
  key: number | undefined;
}

/** Chromium's OSCrypt on Linux: `v11` + keyring key when the keyring answers, else `v10` + the built-in key. */
function linuxSafeStorage(keyring: LinuxKeyring): SafeStorageLike {
  const BUILT_IN = 0x2a;
  const xor = (data: Buffer, key: number) => Buffer.from(data.map((b) => b ^ key));
  return {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => keyring.backend,
    encryptStringAsync: async (plain) =>
      keyring.key === undefined
        ? Buffer.concat([Buffer.from('v10'), xor(Buffer.from(plain), BUILT_IN)])
        : Buffer.concat([Buffer.from('v11'), xor(Buffer.from(plain), keyring.key)]),
    decryptStringAsync: async (data) => {
      const prefix = data.subarray(0, 3).toString();
      const body = data.subarray(3);
      if (prefix === 'v10') return { result: xor(body, BUILT_IN).toString(), shouldReEncrypt: false };
      if (prefix === 'v11' && keyring.key !== undefined)
        return { result: xor(body, keyring.key).toString(), shouldReEncrypt: false };
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    },
  };
}

let dir: string;
let demoStarts: number;
const open = (keyring: LinuxKeyring): Promise<Desk> =>
  createDesk({
    dataDir: dir,
    cipher: safeStorageCipher(linuxSafeStorage(keyring), 'linux'),
    version: '9.9.9-test',
    argv: [],
    wellKnownProvisionPaths: [],
    pinCost: { N: 2 ** 10, r: 8, p: 1 },
    startDemo: () => ((demoStarts += 1), startDemoGateway()),
  });

async function managerToken(desk: Desk): Promise<string> {
  if (!(await desk.call('settings:get', {})).hasManagerPin) await desk.call('pin:set', { newPin: PIN });
  const verified = await desk.call('pin:verify', { pin: PIN });
  if (verified.kind !== 'ok') throw new Error('pin');
  return verified.managerToken;
}

const configure = {
  gatewayKind: 'custom' as const,
  gatewayUrl: 'http://127.0.0.1:9/router/rest',
  appKey: 'linux-app-key',
  brandId: '3724809629',
  shopId: '3724809631',
  shopName: '一号店',
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bd-linux-vault-'));
  demoStarts = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Linux: a keyring backend that falls back to the built-in key (v10) is insecure', () => {
  it('refuses the secret without consent, says why in a notice, and stores it once a manager accepts', async () => {
    const desk = await open({ backend: 'gnome_libsecret', key: undefined });
    try {
      const notice = (await desk.call('app:status', {})).notices.find(
        (n) => n.code === 'secure-storage-insecure',
      );
      expect(notice?.detail).toMatch(/gnome_libsecret.*did not answer.*v10/);
      const token = await managerToken(desk);
      expect(
        await desk.call('settings:update', {
          managerToken: token,
          patch: { ...configure, appSecret: SECRET },
        }),
      ).toEqual({
        kind: 'invalid',
        fieldErrors: { appSecret: 'storage-insecure-needs-consent' },
      });
      // All or nothing: the refused secret leaves the rest of that save unsaved too.
      expect(await desk.call('settings:get', {})).toMatchObject({ hasAppSecret: false, appKey: '' });

      expect(
        await desk.call('settings:update', {
          managerToken: token,
          patch: { ...configure, insecureStorageAccepted: true, appSecret: SECRET },
        }),
      ).toMatchObject({ kind: 'ok' });
      expect((await desk.call('settings:get', {})).hasAppSecret).toBe(true);
      const status = await desk.call('app:status', {});
      expect(status.mode).toBe('production');
      expect(status.notices.map((n) => n.code)).not.toContain('secure-storage-insecure');
      const vault = await readFile(path.join(dir, VAULT_FILE_NAME), 'utf8');
      expect(vault).not.toContain(SECRET);

      // Acceptance withdrawn (or put back by a failed save): the warning is back, with its reason.
      expect(
        await desk.call('settings:update', {
          managerToken: token,
          patch: { insecureStorageAccepted: false },
        }),
      ).toMatchObject({ kind: 'ok' });
      const again = (await desk.call('app:status', {})).notices.find(
        (n) => n.code === 'secure-storage-insecure',
      );
      expect(again?.detail).toMatch(/gnome_libsecret.*did not answer.*v10/);
    } finally {
      await desk.close();
    }
  });

  it('basic_text and unrecognised backends get the same gate and notice', async () => {
    for (const backend of ['basic_text', 'unknown', 'some_future_backend']) {
      const desk = await open({ backend, key: 7 });
      try {
        const notice = (await desk.call('app:status', {})).notices.find(
          (n) => n.code === 'secure-storage-insecure',
        );
        expect(notice?.detail).toContain(`"${backend}"`);
        const token = await managerToken(desk);
        expect(
          await desk.call('settings:update', { managerToken: token, patch: { appSecret: SECRET } }),
        ).toMatchObject({ kind: 'invalid', fieldErrors: { appSecret: 'storage-insecure-needs-consent' } });
      } finally {
        await desk.close();
      }
    }
  });

  it('a keyring that answers (v11) stores without consent and raises no notice', async () => {
    const desk = await open({ backend: 'kwallet6', key: 0x33 });
    try {
      expect((await desk.call('app:status', {})).notices).toEqual([]);
      const token = await managerToken(desk);
      expect(
        await desk.call('settings:update', {
          managerToken: token,
          patch: { ...configure, appSecret: SECRET },
        }),
      ).toMatchObject({ kind: 'ok' });
      expect((await desk.call('app:status', {})).mode).toBe('production');
    } finally {
      await desk.close();
    }
  });
});

describe('Linux: the keyring is missing after a reboot', () => {
  it('says re-provision, looks nothing up and never falls back to demo', async () => {
    const first = await open({ backend: 'gnome_libsecret', key: 0x33 });
    const token = await managerToken(first);
    await first.call('settings:update', { managerToken: token, patch: { ...configure, appSecret: SECRET } });
    expect((await first.call('app:status', {})).mode).toBe('production');
    await first.close();
    const demoBefore = demoStarts;

    // Next boot: no keyring daemon, so Chromium picks basic_text and cannot read the v11 data.
    const second = await open({ backend: 'basic_text', key: undefined });
    try {
      const status = await second.call('app:status', {});
      expect(status).toMatchObject({ mode: 'unconfigured', demoCards: [], shopName: '一号店' });
      expect(status.notices.map((n) => n.code)).toEqual(
        expect.arrayContaining(['secret-unreadable-reprovision', 'secure-storage-insecure']),
      );
      expect(await second.call('balance:lookup', { cardId: '8800000000000001' })).toMatchObject({
        kind: 'error',
        reason: 'not-configured',
        detail: { text: 'app-secret-unreadable' },
      });
      expect(demoStarts).toBe(demoBefore);
    } finally {
      await second.close();
    }
  });
});
