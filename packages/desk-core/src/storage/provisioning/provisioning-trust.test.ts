import { spawn } from 'node:child_process';
import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  readFile,
  readlink,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDesk } from '../../desk/desk';
import { faultyFs, type FsPort, nodeFs, WRITE_FAULT_CODES } from '../files/fs-port';
import { createCipherVault } from '../vault/vault';
import { createDevCipher } from '../vault/dev-cipher';
import { openPinStore } from '../pin/pin-store';
import { openSettingsStore } from '../settings/settings-store';
import { provisionFromFile, type ProvisionReport } from './provisioning';
import { manualClock, recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');
const SECRET = 'NEW-APP-SECRET-5566aa';
const OLD_SECRET = 'OLD-APP-SECRET-1122bb';
const PIN = '482913';
const OLD_PIN = '731846';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

const newFile = {
  gatewayUrl: 'https://eco.taobao.com/router/rest',
  appKey: 'NEWKEY',
  appSecret: SECRET,
  sessionKey: 'NEW-SESSION-77',
  brandId: 'BRAND-NEW',
  shopId: 'SHOP-NEW',
  kiosk: true,
  insecureStorageAccepted: true,
  managerPin: PIN,
};
const oldFile = {
  gatewayUrl: 'https://gw.api.tbsandbox.com/router/rest',
  appKey: 'OLDKEY',
  appSecret: OLD_SECRET,
  brandId: 'BRAND-OLD',
  shopId: 'SHOP-OLD',
  insecureStorageAccepted: true,
  managerPin: OLD_PIN,
};

async function openStores(dir: string, port: FsPort = nodeFs) {
  const logger = recordingLogger();
  const settings = await openSettingsStore({ dir, logger, fs: port });
  const vault = createCipherVault({
    file: path.join(dir, 'vault.json'),
    cipher: createDevCipher(path.join(dir, 'dev.key'), port),
    allowInsecure: () => settings.get().insecureStorageAccepted,
    logger,
    fs: port,
  });
  const pin = await openPinStore({ dir, cost: CHEAP, fs: port });
  const clock = manualClock(new Date('2025-04-01T02:00:00.000Z'));
  return { settings, vault, pin, logger, deps: { settings, vault, pin, logger, now: clock.now, fs: port } };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function readOrNull(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

const STORE_FILES = ['settings.json', 'settings.json.bak', 'vault.json', 'pin.json'];

async function storeBytes(dir: string): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const name of STORE_FILES) out[name] = await readOrNull(path.join(dir, name));
  return out;
}

describe('provisioning through links: the real file is scrubbed, or the file is refused', () => {
  it('a symlinked file: the target loses the secrets, keeps mode and owner; the link still points at it', async () => {
    const dir = await tempDir();
    const t = await openStores(dir);
    const it = path.join(dir, 'it-share');
    await mkdir(it);
    const target = path.join(it, 'real-provision.json');
    await writeFile(target, json(newFile), { mode: 0o640 });
    await chmod(target, 0o640);
    const isRoot = process.getuid?.() === 0;
    if (isRoot) await chown(target, 4321, 4322);
    const linkFile = path.join(dir, 'provision.json');
    await symlink(target, linkFile);

    const result = await provisionFromFile(linkFile, t.deps);
    expect(result).toMatchObject({ ok: true });
    expect(await t.vault.get('appSecret')).toBe(SECRET);
    const text = await readFile(target, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PIN);
    expect(JSON.parse(text)).toMatchObject({ secretsMovedToVault: true, appKey: 'NEWKEY' });
    expect((await lstat(linkFile)).isSymbolicLink()).toBe(true);
    expect(await readlink(linkFile)).toBe(target);
    const after = await stat(target);
    expect(after.mode & 0o777).toBe(0o640);
    if (isRoot) expect([after.uid, after.gid]).toEqual([4321, 4322]);
  });

  it('a chain of links: the file at the end is scrubbed', async () => {
    const dir = await tempDir();
    const t = await openStores(dir);
    const target = path.join(dir, 'real.json');
    await writeFile(target, json(newFile));
    await symlink(target, path.join(dir, 'middle.json'));
    await symlink(path.join(dir, 'middle.json'), path.join(dir, 'provision.json'));
    expect(await provisionFromFile(path.join(dir, 'provision.json'), t.deps)).toMatchObject({ ok: true });
    expect(await readFile(target, 'utf8')).not.toContain(SECRET);
  });

  it('a file with a second hard link is refused whole: nothing applied, both names untouched', async () => {
    const dir = await tempDir();
    const t = await openStores(dir);
    const file = path.join(dir, 'provision.json');
    const text = json(newFile);
    await writeFile(file, text);
    await link(file, path.join(dir, 'copy-IT-forgot.json'));

    const result = await provisionFromFile(file, t.deps);
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '$', message: expect.stringContaining('has 2 hard links') }],
    });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readFile(path.join(dir, 'copy-IT-forgot.json'), 'utf8')).toBe(text);
    expect(await storeBytes(dir)).toEqual({
      'settings.json': null,
      'settings.json.bak': null,
      'vault.json': null,
      'pin.json': null,
    });
  });

  it('a link target that cannot be rewritten: refused whole, every store as before', async () => {
    const dir = await tempDir();
    const before = await provisionOld(dir);
    const target = path.join(dir, 'target.json');
    const text = json(newFile);
    await writeFile(target, text);
    await symlink(target, path.join(dir, 'provision.json'));
    // The scrub is the provisioning file's own write; fail only that one, as a read-only share would.
    const port = faultyFs((_n, op, file) =>
      op === 'writeAtomic' && path.basename(file) === 'provision.json' ? 'EACCES' : undefined,
    );
    const t = await openStores(dir, port);
    const result = await provisionFromFile(path.join(dir, 'provision.json'), t.deps);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '$',
          message: expect.stringMatching(
            /is a link to .*target\.json, which cannot be rewritten.*EACCES.*nothing was applied/,
          ),
        },
      ],
    });
    expect(await readFile(target, 'utf8')).toBe(text);
    expect(await storeBytes(dir)).toEqual(before);
  });
});

/** A terminal already provisioned with OLD settings, secret and PIN, with a settings backup. Returns its store files. */
async function provisionOld(dir: string): Promise<Record<string, string | null>> {
  const t = await openStores(dir);
  const file = path.join(dir, 'old.json');
  await writeFile(file, json(oldFile));
  expect(await provisionFromFile(file, t.deps)).toMatchObject({ ok: true });
  await t.settings.update({ shopName: 'Old shop' }); // so settings.json.bak exists
  return storeBytes(dir);
}

async function expectOldTerminal(dir: string): Promise<void> {
  const t = await openStores(dir);
  expect(t.settings.get()).toMatchObject({
    appKey: 'OLDKEY',
    brandId: 'BRAND-OLD',
    shopName: 'Old shop',
    kiosk: false,
  });
  expect(await t.vault.get('appSecret')).toBe(OLD_SECRET);
  expect(await t.vault.get('sessionKey')).toBeUndefined();
  expect(await t.pin.verify(OLD_PIN)).toEqual({ ok: true });
}

describe('provisioning is all-or-nothing when the disk fails', () => {
  it('for EVERY write k of a run and each of ENOSPC, EROFS, EACCES, EIO: the stores are exactly as before, and the report names the cause', async () => {
    // Count the writes of a clean run first.
    const probeDir = await tempDir();
    await provisionOld(probeDir);
    await writeFile(path.join(probeDir, 'provision.json'), json(newFile));
    let armed = false;
    const counter = faultyFs(() => undefined);
    const probe = await openStores(probeDir, counter);
    armed = true;
    const start = counter.writes.length;
    expect(await provisionFromFile(path.join(probeDir, 'provision.json'), probe.deps)).toMatchObject({
      ok: true,
    });
    const writes = counter.writes.slice(start);
    expect(writes.length).toBeGreaterThanOrEqual(5); // settings + .bak, vault, PIN, the scrub at least

    let runs = 0;
    for (const code of WRITE_FAULT_CODES) {
      for (let k = 1; k <= writes.length; k++) {
        const dir = await tempDir();
        const before = await provisionOld(dir);
        const file = path.join(dir, 'provision.json');
        const text = json(newFile);
        await writeFile(file, text);
        armed = false;
        let n = 0;
        const port = faultyFs(() => (armed && ++n === k ? code : undefined));
        const t = await openStores(dir, port);
        armed = true;
        const result = await provisionFromFile(file, t.deps);
        armed = false;
        const label = `${code} at write ${k} (${writes[k - 1]?.op} ${path.basename(writes[k - 1]?.file ?? '')})`;
        const scrub = path.basename(writes[k - 1]?.file ?? '') === 'provision.json';
        if (scrub && (code === 'EACCES' || code === 'EROFS')) {
          // The provisioning file's folder cannot be written: the secrets are not imported, the rest applies.
          expect(result, label).toMatchObject({
            ok: true,
            warnings: expect.arrayContaining([expect.stringContaining('NOT imported')]),
          });
          expect(await readOrNull(path.join(dir, 'vault.json')), label).toBe(before['vault.json']);
          expect(await readOrNull(path.join(dir, 'pin.json')), label).toBe(before['pin.json']);
        } else {
          expect(result.ok, label).toBe(false);
          const errors = (result as Extract<ProvisionReport, { ok: false }>).errors;
          expect(JSON.stringify(errors), label).toContain(code);
          expect(JSON.stringify(errors), label).toContain('nothing was applied');
          expect(JSON.stringify(errors), label).not.toContain('no secure storage');
          expect(await storeBytes(dir), label).toEqual(before);
          await expectOldTerminal(dir);
        }
        expect(await readFile(file, 'utf8'), label).toBe(text);
        runs++;
      }
    }
    expect(runs).toBe(writes.length * WRITE_FAULT_CODES.length);
  }, 300_000);

  it('a disk that stays full: the rollback fails too, the report names what is left, the terminal fails closed', async () => {
    const dir = await tempDir();
    await provisionOld(dir);
    const file = path.join(dir, 'provision.json');
    await writeFile(file, json(newFile));
    // settings.json and its backup are written, then the disk is full for good (the vault write and every undo fail).
    let armed = false;
    let n = 0;
    const port = faultyFs(() => (armed && ++n >= 3 ? 'ENOSPC' : undefined));
    const logger = recordingLogger();
    const desk = await createDesk({
      dataDir: dir,
      cipher: createDevCipher(path.join(dir, 'dev.key'), port),
      version: 'test',
      argv: ['--provision', file],
      logger,
      pinCost: CHEAP,
      fs: {
        ...port,
        // Arm once the stores are open (opening makes its own writes: the data folder).
        readFileLimited: (f, max) => {
          armed = true;
          return port.readFileLimited(f, max);
        },
      },
      demo: true,
    });
    try {
      const status = await desk.call('app:status', {});
      expect(status.mode).toBe('unconfigured');
      const notice = status.notices.find((x) => x.code === 'provisioning-failed');
      expect(notice?.detail).toMatch(/settings\.json could not be put back \(ENOSPC/);
      expect(notice?.detail).toContain('lookups are stopped');
      const lookup = await desk.call('balance:lookup', { cardId: '8800123456' });
      expect(lookup).toMatchObject({ kind: 'error', reason: 'not-configured' });
      // No signed call with what is left either: not even a connection test of the saved settings.
      expect(await desk.call('connection:test', {})).toMatchObject({ verdict: 'not-configured' });
    } finally {
      await desk.close();
    }
  });

  it('ENOSPC while the cipher stores its key is reported as a full disk, not as "no secure storage"', async () => {
    const dir = await tempDir();
    const port = faultyFs((_n, op, file) =>
      op === 'writeFile' && path.basename(file) === 'dev.key' ? 'ENOSPC' : undefined,
    );
    const t = await openStores(dir, port);
    const file = path.join(dir, 'provision.json');
    await writeFile(file, json(newFile));
    const result = await provisionFromFile(file, t.deps);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'appSecret', message: expect.stringContaining('ENOSPC: the disk is full') }],
    });
    expect(JSON.stringify(result)).not.toContain('no secure storage');
  });
});

describe('prototype keys are unknown fields', () => {
  it.each([
    ['__proto__ at the top', `"__proto__": {"appSecret": "${SECRET}", "kiosk": true}`, '__proto__'],
    ['constructor at the top', `"constructor": {"prototype": {"kiosk": true}}`, 'constructor'],
    ['prototype at the top', `"prototype": {"kiosk": true}`, 'prototype'],
    ['__proto__ inside scanner', `"scanner": {"__proto__": {"minLength": 1}}`, 'scanner.__proto__'],
    ['constructor inside scanner', `"scanner": {"constructor": 1}`, 'scanner.constructor'],
  ])('%s: refused, nothing applied, file untouched', async (_name, extra, where) => {
    const dir = await tempDir();
    const t = await openStores(dir);
    const file = path.join(dir, 'provision.json');
    const base = JSON.stringify({ ...oldFile, appSecret: SECRET });
    const text = `${base.slice(0, -1)}, ${extra}}`;
    await writeFile(file, text);
    const result = await provisionFromFile(file, t.deps);
    expect(result).toEqual({ ok: false, errors: [{ path: where, message: 'is not a known field' }] });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await storeBytes(dir)).toEqual({
      'settings.json': null,
      'settings.json.bak': null,
      'vault.json': null,
      'pin.json': null,
    });
    expect(({} as Record<string, unknown>)['kiosk']).toBeUndefined();
  });
});

describe('oversized provisioning files', () => {
  it('a 700 MB file is refused before it is read, with a clear message', async () => {
    const dir = await tempDir();
    const t = await openStores(dir);
    const file = path.join(dir, 'provision.json');
    await writeFile(file, '');
    await truncate(file, 700 * 1024 * 1024); // sparse: no 700 MB written
    const result = await provisionFromFile(file, t.deps);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '$', message: expect.stringContaining('more than the 1048576 a provisioning file may have') },
      ],
    });
    expect((await stat(file)).size).toBe(700 * 1024 * 1024);
  });
});

const asRoot = process.getuid?.() === 0;

/**
 * Runs provision-once.ts as `uid` (when the tests run as root, who writes through any permission
 * bits), else as the current user; either way the kernel really refuses the folder write.
 */
function provisionAs(uid: number, dataDir: string, file: string): Promise<ProvisionReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, '../../test-support/fixtures/provision-once.ts'), dataDir, file],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid, gid: uid } : {}) },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as ProvisionReport) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe('a provisioning folder the kiosk account cannot write (as uid 65534 when run as root)', () => {
  const KIOSK = 65534;

  async function layout() {
    const base = await tempDir();
    await chmod(base, 0o755);
    const data = path.join(base, 'userData');
    await mkdir(data);
    if (asRoot) await chown(data, KIOSK, KIOSK);
    // Like %ProgramData%\BalanceDesk with write access for Administrators only.
    const programData = path.join(base, 'ProgramData-BalanceDesk');
    await mkdir(programData, { mode: 0o755 });
    return {
      base,
      data,
      programData,
      lock: () => chmod(programData, 0o555),
      // Writable again once the child is done, so a non-root run can remove the temp directory.
      unlock: () => chmod(programData, 0o755),
    };
  }

  it('a regular file there: its secret and PIN are NOT imported, the rest applies, the file is untouched, IT is told the fix', async () => {
    const { data, programData, lock, unlock } = await layout();
    const file = path.join(programData, 'provision.json');
    const text = json(newFile);
    await writeFile(file, text, { mode: 0o644 });
    await lock();
    const result = await provisionAs(KIOSK, data, file).finally(unlock);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.applied).toEqual(expect.arrayContaining(['appKey', 'brandId', 'kiosk']));
    expect(result.applied).not.toContain('appSecret');
    expect(result.applied).not.toContain('managerPin');
    const warning = result.warnings.find((w) => w.includes('NOT imported')) ?? '';
    expect(warning).toContain('appSecret, sessionKey, managerPin NOT imported');
    expect(warning).toContain('EACCES');
    expect(warning).toContain(programData);
    expect(warning).toContain('docs/DEPLOYMENT.md');
    expect(await readFile(file, 'utf8')).toBe(text);
    const t = await openStores(data);
    expect(t.settings.get()).toMatchObject({ appKey: 'NEWKEY', brandId: 'BRAND-NEW', kiosk: true });
    expect(await t.vault.get('appSecret')).toBeUndefined();
    expect(t.pin.isSet()).toBe(false);
  });

  it('a link from a writable folder into it: the whole file is refused, nothing applied', async () => {
    const { base, data, programData, lock, unlock } = await layout();
    const target = path.join(programData, 'provision.json');
    const text = json(newFile);
    await writeFile(target, text, { mode: 0o644 });
    await lock();
    const dropFolder = path.join(base, 'drop');
    await mkdir(dropFolder);
    if (asRoot) await chown(dropFolder, KIOSK, KIOSK);
    const linkFile = path.join(dropFolder, 'provision.json');
    await symlink(target, linkFile);
    const result = await provisionAs(KIOSK, data, linkFile).finally(unlock);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '$',
          message: expect.stringMatching(
            /is a link to .*which cannot be rewritten.*EACCES.*nothing was applied/,
          ),
        },
      ],
    });
    expect(await readFile(target, 'utf8')).toBe(text);
    const t = await openStores(data);
    expect(t.settings.get().appKey).toBe('');
    expect(await t.vault.get('appSecret')).toBeUndefined();
  });
});
