import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/settings-schema';
import { type SecretCipher, createCipherVault } from '../vault/vault';
import { createDevCipher } from '../vault/dev-cipher';
import { openPinStore } from '../pin/pin-store';
import { openSettingsStore } from '../settings/settings-store';
import { provisionFromFile } from './provisioning';
import { provisioningNotice } from './provisioning-find';
import { manualClock, recordingLogger, useTempDirs } from '../../test-support/storage-helpers';

const tempDir = useTempDirs();
const SECRET = 'a1b2c3d4e5f6-APP-SECRET-7788';
const SESSION = '6100e1f2-SESSION-KEY-99';
const PIN = '482913';

async function terminal(options: { cipher?: (dev: SecretCipher) => SecretCipher } = {}) {
  const dir = await tempDir();
  const logger = recordingLogger();
  const clock = manualClock(new Date('2025-04-01T02:00:00.000Z'));
  const settings = await openSettingsStore({ dir, logger });
  const dev = createDevCipher(path.join(dir, 'dev.key'));
  const cipher = options.cipher ? options.cipher(dev) : dev;
  // As apps/desktop wires it: the manager's (or IT's) recorded decision lives in the settings.
  const vault = createCipherVault({
    file: path.join(dir, 'vault.json'),
    cipher,
    allowInsecure: () => settings.get().insecureStorageAccepted,
    logger,
  });
  const pin = await openPinStore({ dir, cost: { N: 2 ** 10, r: 8, p: 1 } });
  const file = path.join(dir, 'provision.json');
  const deps = { settings, vault, pin, logger, now: clock.now };
  return { dir, file, settings, vault, pin, logger, deps };
}

const goodFile = {
  gatewayUrl: 'https://eco.taobao.com/router/rest',
  appKey: '12345678',
  appSecret: SECRET,
  sessionKey: SESSION,
  signMethod: 'hmac-sha256',
  brandId: 'BRAND-1',
  outShopId: 'store-0042',
  shopName: '西湖店',
  locale: 'en',
  kiosk: true,
  idleClearSeconds: 45,
  scanner: { minLength: 6, suffix: '\r' },
  insecureStorageAccepted: true,
  managerPin: PIN,
};

async function writeJson(file: string, value: unknown): Promise<string> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(file, text, { mode: 0o640 });
  return text;
}

describe('provisioning: happy path', () => {
  it('applies settings, moves secrets into the vault, hashes the PIN, rewrites the file without them', async () => {
    const t = await terminal();
    await writeJson(t.file, goodFile);
    const result = await provisionFromFile(t.file, t.deps);

    expect(result).toEqual({
      ok: true,
      applied: Object.keys(goodFile),
      warnings: [expect.stringContaining('insecureStorageAccepted is true')],
    });
    expect(t.settings.get()).toMatchObject({
      gatewayKind: 'production',
      gatewayUrl: '',
      appKey: '12345678',
      brandId: 'BRAND-1',
      outShopId: 'store-0042',
      shopName: '西湖店',
      locale: 'en',
      kiosk: true,
      idleClearSeconds: 45,
      scanner: { ...DEFAULT_SETTINGS.scanner, minLength: 6, suffix: '\r' },
    });
    expect(t.settings.isConfigured()).toBe(true);
    expect(await t.vault.get('appSecret')).toBe(SECRET);
    expect(await t.vault.get('sessionKey')).toBe(SESSION);
    expect(await t.pin.verify(PIN)).toEqual({ ok: true });

    const rewritten = JSON.parse(await readFile(t.file, 'utf8')) as Record<string, unknown>;
    const { appSecret: _s, sessionKey: _k, managerPin: _p, ...kept } = goodFile;
    expect(rewritten).toEqual({
      ...kept,
      provisionedAt: '2025-04-01T02:00:00.000Z',
      secretsMovedToVault: true,
    });
    if (process.platform !== 'win32') expect((await stat(t.file)).mode & 0o777).toBe(0o640); // IT's permissions kept

    for (const name of ['provision.json', 'settings.json', 'vault.json', 'pin.json']) {
      const text = await readFile(path.join(t.dir, name), 'utf8');
      expect(text, name).not.toContain(SECRET);
      expect(text, name).not.toContain(SESSION);
      expect(text, name).not.toContain(PIN);
    }
    expect(t.logger.text()).not.toContain(SECRET);
    expect(t.logger.text()).not.toContain(PIN);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(provisioningNotice(result, t.file, new Date(0))).toMatchObject({ code: 'provisioning-applied' });
  });

  it('may make a terminal silent and still after a read (stores that prefer silence)', async () => {
    const t = await terminal();
    await writeJson(t.file, { ...goodFile, readToneVolume: 0, readFlash: false });
    const result = await provisionFromFile(t.file, t.deps);
    expect(result.ok).toBe(true);
    expect(t.settings.get()).toMatchObject({ readToneVolume: 0, readFlash: false });
    await writeJson(t.file, { ...goodFile, readToneVolume: 101 });
    expect(await provisionFromFile(t.file, t.deps)).toMatchObject({ ok: false });
  });

  it('re-applies an already provisioned file (no secrets in it) without touching it or the vault', async () => {
    const t = await terminal();
    await writeJson(t.file, goodFile);
    await provisionFromFile(t.file, t.deps);
    const afterFirst = await readFile(t.file, 'utf8');
    await t.settings.update({ shopName: 'changed by a manager', kiosk: false });

    const again = await provisionFromFile(t.file, t.deps);
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.applied).not.toContain('appSecret');
    expect(t.settings.get()).toMatchObject({ shopName: '西湖店', kiosk: true }); // IT's file is the desired state
    expect(await readFile(t.file, 'utf8')).toBe(afterFirst);
    expect(await t.vault.get('appSecret')).toBe(SECRET);
    expect(await t.pin.verify(PIN)).toEqual({ ok: true });
  });

  it("a file that comes back with the PIN it already set does not re-apply it over a manager's change; a new PIN in it does apply", async () => {
    const t = await terminal();
    const file = t.file;
    const text = await writeJson(file, goodFile);
    const first = await provisionFromFile(file, t.deps);
    expect(first.ok).toBe(true);
    // A crash before the rewrite reached the disk, or IT copying the same file again: it still holds the PIN.
    await writeFile(file, text);
    expect(await t.pin.verify(PIN)).toEqual({ ok: true });

    // The manager picks their own PIN, then someone mistypes it twice.
    expect(await t.pin.set('731846')).toEqual({ ok: true });
    await t.pin.verify('000000');
    expect(await t.pin.verify('000000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 3 });

    // Next start (a fresh pin store on the same pin.json): the same file again.
    const pin = await openPinStore({ dir: t.dir, cost: { N: 2 ** 10, r: 8, p: 1 } });
    const again = await provisionFromFile(file, { ...t.deps, pin });
    expect(again.ok).toBe(true);
    if (again.ok) {
      expect(again.applied).not.toContain('managerPin');
      expect(again.warnings).toEqual(
        expect.arrayContaining([expect.stringContaining('managerPin was already applied')]),
      );
    }
    expect(await pin.verify(PIN)).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 2 }); // not reset, not the file's PIN
    expect(await pin.verify('731846')).toEqual({ ok: true });
    expect(await readFile(path.join(t.dir, 'pin.json'), 'utf8')).not.toContain(PIN);

    // IT pushes a new PIN: that one applies.
    await writeJson(file, { ...goodFile, managerPin: '975310' });
    const reset = await provisionFromFile(file, { ...t.deps, pin });
    expect(reset).toMatchObject({ ok: true, applied: expect.arrayContaining(['managerPin']) });
    expect(await pin.verify('975310')).toEqual({ ok: true });
    expect(await pin.verify('731846')).toMatchObject({ ok: false });
  });

  it('warns when an already provisioned file meets an empty vault (a re-imaged terminal)', async () => {
    const t = await terminal();
    const { appSecret: _s, sessionKey: _k, managerPin: _p, ...rest } = goodFile;
    await writeJson(t.file, {
      ...rest,
      secretsMovedToVault: true,
      provisionedAt: '2025-01-01T00:00:00.000Z',
    });
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toMatchObject({
      ok: true,
      warnings: expect.arrayContaining([expect.stringContaining('appSecret is neither in this file nor')]),
    });
  });

  it('maps gateways: sandbox URL → sandbox, other https → custom, http loopback → custom; clears the other id of a pair', async () => {
    const t = await terminal();
    await t.settings.update({ outBrandId: 'OLD-OUT-BRAND', shopId: 'OLD-SHOP' });
    await writeJson(t.file, { ...goodFile, gatewayUrl: 'https://gw.api.tbsandbox.com/router/rest/' });
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(t.settings.get()).toMatchObject({
      gatewayKind: 'sandbox',
      brandId: 'BRAND-1',
      outBrandId: '',
      shopId: '',
      outShopId: 'store-0042',
    });

    await writeJson(t.file, { ...goodFile, gatewayUrl: 'https://relay.chain.example/top' });
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(t.settings.get()).toMatchObject({
      gatewayKind: 'custom',
      gatewayUrl: 'https://relay.chain.example/top',
    });

    await writeJson(t.file, { ...goodFile, gatewayUrl: 'http://127.0.0.1:18080/router/rest' });
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(t.settings.get()).toMatchObject({
      gatewayKind: 'custom',
      gatewayUrl: 'http://127.0.0.1:18080/router/rest',
    });

    const { gatewayUrl: _u, ...noUrl } = goodFile;
    await writeJson(t.file, { ...noUrl, gatewayKind: 'production' });
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(t.settings.get()).toMatchObject({ gatewayKind: 'production', gatewayUrl: '' });
  });

  it("takes a merchant's own Unicode out ids as written (not folded), and they survive a restart", async () => {
    const t = await terminal();
    await writeJson(t.file, {
      ...goodFile,
      outShopId: ' 西湖店-01 ',
      brandId: undefined,
      outBrandId: 'ＡＢ品牌',
    });
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(t.settings.get()).toMatchObject({ outShopId: '西湖店-01', outBrandId: 'ＡＢ品牌', brandId: '' });
    expect((await openSettingsStore({ dir: t.dir })).get()).toMatchObject({
      outShopId: '西湖店-01',
      outBrandId: 'ＡＢ品牌',
    });
  });

  it('reads a file saved with a UTF-8 BOM (Windows Notepad) and trims pasted whitespace', async () => {
    const t = await terminal();
    await writeFile(
      t.file,
      `\uFEFF${JSON.stringify({ ...goodFile, appSecret: ` ${SECRET}\n`, appKey: ' 12345678 ' })}`,
    );
    expect((await provisionFromFile(t.file, t.deps)).ok).toBe(true);
    expect(await t.vault.get('appSecret')).toBe(SECRET);
    expect(t.settings.get().appKey).toBe('12345678');
  });
});

describe('provisioning: rejected files change nothing', () => {
  async function expectUntouched(t: Awaited<ReturnType<typeof terminal>>, fileText: string): Promise<void> {
    expect(t.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await t.vault.get('appSecret')).toBeUndefined();
    expect(await t.vault.get('sessionKey')).toBeUndefined();
    expect(t.pin.isSet()).toBe(false);
    expect(await readFile(t.file, 'utf8')).toBe(fileText);
  }

  it('lists every bad field at once, with its path and a plain message, never a value', async () => {
    const t = await terminal();
    const text = await writeJson(t.file, {
      gatewayUrl: 'ftp://gw.example.com/',
      appSecret: SECRET,
      brandId: 'B1',
      outBrandId: 'OB1',
      shopID: 'S1',
      locale: 'fr',
      idleClearSeconds: 2,
      requestTimeoutMs: '8000',
      kiosk: 'yes',
      scanner: { minLength: 0, extractPattern: '(', beep: true },
      managerPin: '1234',
    });
    const result = await provisionFromFile(t.file, t.deps);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(byPath).toEqual({
      gatewayUrl: 'not an http(s) URL',
      locale: 'must be one of "zh-CN", "en"',
      idleClearSeconds: 'must be at least 5',
      requestTimeoutMs: 'must be a number',
      kiosk: 'must be true or false',
      'scanner.minLength': 'must be at least 1',
      'scanner.extractPattern': 'must be a valid regular expression with exactly one capture group',
      'scanner.beep': 'is not a known field',
      shopID: 'is not a known field; did you mean "shopId"?',
      appKey: 'is required',
      outBrandId: 'give only one of brandId or outBrandId, not both',
      shopId: 'one of shopId or outShopId is required',
      managerPin: 'is too easy to guess (repeated or consecutive digits); choose another',
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(t.logger.text()).not.toContain(SECRET);
    expect(provisioningNotice(result, t.file, new Date(0))).toMatchObject({
      code: 'provisioning-failed',
      detail: expect.stringContaining('appKey is required'),
    });
    await expectUntouched(t, text);
  });

  it('rejects plain http to a non-loopback gateway', async () => {
    const t = await terminal();
    const text = await writeJson(t.file, { ...goodFile, gatewayUrl: 'http://gw.api.taobao.com/router/rest' });
    expect(await provisionFromFile(t.file, t.deps)).toEqual({
      ok: false,
      errors: [{ path: 'gatewayUrl', message: 'http is allowed only to a loopback address; use https' }],
    });
    await expectUntouched(t, text);
  });

  it('requires appSecret unless the file says it was already provisioned; checks kind against URL; PIN must be a string', async () => {
    const t = await terminal();
    const { appSecret: _s, ...noSecret } = goodFile;
    const text = await writeJson(t.file, { ...noSecret, gatewayKind: 'sandbox', managerPin: 482913 });
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'appSecret', message: expect.stringContaining('is required') },
        { path: 'gatewayKind', message: 'says sandbox but gatewayUrl is the production gateway' },
        { path: 'managerPin', message: expect.stringContaining('string in quotes') },
      ],
    });
    await expectUntouched(t, text);
  });

  it('does nothing when the vault refuses (insecure storage not accepted)', async () => {
    const t = await terminal();
    const text = await writeJson(t.file, { ...goodFile, insecureStorageAccepted: false });
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'appSecret', message: expect.stringContaining('only unencrypted storage is available') },
        { path: 'sessionKey', message: expect.stringContaining('only unencrypted storage is available') },
      ],
    });
    await expectUntouched(t, text);
  });

  it('does nothing when there is no secure storage at all', async () => {
    const t = await terminal({
      cipher: (dev) => ({ ...dev, protection: () => Promise.resolve('unavailable') }),
    });
    const text = await writeJson(t.file, goodFile);
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'appSecret', message: expect.stringContaining('no secure storage') },
        { path: 'sessionKey' },
      ],
    });
    await expectUntouched(t, text);
  });

  it('rolls back settings and secrets when the vault fails half-way', async () => {
    const t = await terminal({
      cipher: (dev) => ({
        ...dev,
        protection: () => Promise.resolve('encrypted'),
        encrypt: (plain) =>
          plain.includes(SESSION) ? Promise.reject(new Error('keychain locked')) : dev.encrypt(plain),
      }),
    });
    await t.settings.update({ shopName: 'Before', appKey: 'OLDKEY' });
    await t.vault.set('appSecret', 'the-old-secret', 'https://gw.example.com');
    const before = t.settings.get();
    const text = await writeJson(t.file, goodFile);
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'sessionKey', message: expect.stringContaining('nothing was applied') }],
    });
    expect(t.settings.get()).toEqual(before);
    expect(await t.vault.get('appSecret')).toBe('the-old-secret');
    expect(await t.vault.get('sessionKey')).toBeUndefined();
    expect(t.pin.isSet()).toBe(false);
    expect(await readFile(t.file, 'utf8')).toBe(text);
  });

  it.each([
    ['not JSON', `{"appSecret": "${SECRET}", oops}`, /^not valid JSON/],
    ['truncated', `{"appSecret": "${SECRET}"`, /truncated/],
    ['an array', '[]', /JSON object/],
  ])('reports a file that is %s at $ without quoting it', async (_name, content, message) => {
    const t = await terminal();
    await writeFile(t.file, content);
    const result = await provisionFromFile(t.file, t.deps);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: '$', message: expect.stringMatching(message) }],
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(t.logger.text()).not.toContain(SECRET);
  });

  it('reports a missing file', async () => {
    const t = await terminal();
    expect(await provisionFromFile(t.file, t.deps)).toEqual({
      ok: false,
      errors: [{ path: '$', message: 'the file does not exist' }],
    });
  });
});
